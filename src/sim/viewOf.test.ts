import { describe, expect, it } from 'vitest';
import { Engine } from './engine.ts';
import { ringCount } from './fq/ring.ts';
import type { KernelIovaAllocator } from './iova/allocator.ts';
import { presetScenario } from './presets.ts';
import type { Scenario } from './scenario.ts';
import { TraceRecorder } from './trace.ts';
import { SLOT_COVERED, SLOT_EMPTY, SLOT_WAITING, type LabView } from './view.ts';
import { engineView, KIND_CACHED, KIND_FQ, KIND_MAPPED, MAX_STRIP_RANGES } from './viewOf.ts';
import { IO_PFN, IO_REC } from './ioSlots.ts';

function engineAt(s: Scenario, t: number): Engine {
  const e = new Engine(s, { trace: new TraceRecorder() });
  e.runUntil(t);
  return e;
}

function kindOf(v: LabView, pfn: number): number {
  // binary search over the ascending ranges
  let a = 0;
  let b = v.rangeKind.length - 1;
  while (a <= b) {
    const m = (a + b) >> 1;
    if (pfn < v.ranges[2 * m]) b = m - 1;
    else if (pfn > v.ranges[2 * m + 1]) a = m + 1;
    else return v.rangeKind[m];
  }
  return -1;
}

describe('engineView', () => {
  const s = presetScenario('default');
  s.cpus = 4;
  s.durationMs = 10;

  it('slot states follow fq_ring_free: waiting while counter >= finish, covered below it', () => {
    // CPUs 1-3 stop unmapping for a while: CPU 0's full flushes cover their queued entries, which
    // stay in their rings (covered, not retired) until the FQ timeout frees them.
    const paused: Scenario = { ...s, interventions: [{ kind: 'pause', atMs: 1, forMs: 8, cpus: [1, 2, 3] }] };
    let covered = 0;
    let waiting = 0;
    for (const t of [800_000, 2_300_000, 3_700_000, 5_100_000, 6_600_000]) {
      const e = engineAt(paused, t);
      const v = engineView(e);
      expect(v.t).toBe(t);
      expect(v.fqFlushFinishCnt).toBe(e.fqFinish);
      for (let r = 0; r < v.nrings; r++) {
        let queued = 0;
        for (let idx = 0; idx < v.fqSize; idx++) {
          const i = r * v.fqSize + idx;
          if (v.slotState[i] === SLOT_EMPTY) continue;
          queued++;
          expect(v.slotState[i]).toBe(v.slotCounter[i] < v.fqFlushFinishCnt ? SLOT_COVERED : SLOT_WAITING);
          expect(v.slotPfn[i]).toBeGreaterThan(0);
          expect(v.slotPages[i]).toBe(1);
          if (v.slotState[i] === SLOT_COVERED) covered++;
          else waiting++;
        }
        expect(queued).toBe(ringCount(e.rings, r));
        expect(queued).toBe((v.ringTail[r] - v.ringHead[r]) & (v.fqSize - 1));
      }
    }
    expect(waiting).toBeGreaterThan(0);
    expect(covered).toBeGreaterThan(0);
  }, 30_000); // a run checked at many moments: explicit timeout for a busy machine

  it('magazine fill per CPU and class is the rcache, and the arrays are copies', () => {
    const e = engineAt(s, 4_000_000);
    const v = engineView(e);
    const st = e.alloc.stats();
    expect(Array.from(v.magLoaded, (x, i) => x + v.magPrev[i])).toEqual(Array.from(st.cpuCached));
    expect(v.magLoaded.some((x) => x > 0)).toBe(true);
    // The default kernel (6.12): 127-pfn magazines, the depot is a list (no cap: -1).
    expect(v.magSize).toBe(127);
    expect(v.depotMax).toBe(-1);
    expect([v.kernel, v.fqFile]).toEqual(['6.12', 'dma-iommu.c']);
    v.ringHead[0] = 99;
    v.cpuPhase[0] = 99;
    expect(e.rings.head[0]).not.toBe(99);
    expect(e.phase[0]).not.toBe(99);
  });

  it('the address strip says where every IOVA is: mapped, in a flush queue, or cached', () => {
    const e = engineAt(s, 6_000_000);
    const v = engineView(e);
    const ka = e.alloc as KernelIovaAllocator;
    expect(v.rangeTotal).toBe(ka.iovad.nodes - 1);
    expect(v.rangeTotal).toBeLessThan(MAX_STRIP_RANGES); // no grouping at this size
    for (let i = 2; i < v.ranges.length; i += 2) expect(v.ranges[i]).toBeGreaterThan(v.ranges[i - 1]);
    let fq = 0;
    for (let i = 0; i < v.slotState.length; i++) {
      if (v.slotState[i] === SLOT_EMPTY) continue;
      expect(kindOf(v, v.slotPfn[i])).toBe(KIND_FQ);
      fq++;
    }
    expect(fq).toBeGreaterThan(0);
    let cached = 0;
    ka.forEachCachedPfn((pfn) => {
      expect(kindOf(v, pfn)).toBe(KIND_CACHED);
      cached++;
    });
    expect(cached).toBeGreaterThan(0);
    // I/Os in flight (submitted, not yet unmapped) hold mapped IOVAs
    const free = new Set<number>();
    for (let c = 0; c < s.cpus; c++) for (let io = e.freeIoHead[c]; io >= 0; io = e.ioNext[io]) free.add(io);
    let mapped = 0;
    for (let io = 0; io < e.ioSlots; io++) {
      if (free.has(io)) continue;
      expect(kindOf(v, e.ioRec[io * IO_REC + IO_PFN])).toBe(KIND_MAPPED);
      mapped++;
    }
    expect(mapped).toBeGreaterThan(0);
  });

  it('a big tree is grouped into at most MAX_STRIP_RANGES ranges, still in address order', () => {
    const big = presetScenario('default');
    big.cpus = 16;
    big.workload.qd = 256;
    const e = engineAt(big, 2_000_000);
    const v = engineView(e);
    expect(v.rangeTotal).toBeGreaterThan(MAX_STRIP_RANGES);
    expect(v.rangeKind.length).toBeLessThanOrEqual(MAX_STRIP_RANGES);
    expect(v.ranges.length).toBe(2 * v.rangeKind.length);
    for (let i = 1; i < v.ranges.length; i++) expect(v.ranges[i]).toBeGreaterThanOrEqual(v.ranges[i - 1]);
    expect(engineView(e, { strip: false }).ranges.length).toBe(0);
  });

  it('the pending FQ timer and strict mode', () => {
    const e = engineAt(s, 3_000_000);
    const v = engineView(e);
    expect(v.fqTimerOn).toBe(1);
    expect(v.timerExpires).toBeGreaterThan(v.t);
    expect(v.timerExpires).toBeLessThanOrEqual(v.t + 10_000_000);
    expect(v.timerCpu).toBeGreaterThanOrEqual(0);
    const strict = { ...s, mode: 'strict' as const };
    const w = engineView(engineAt(strict, 3_000_000));
    expect(w.mode).toBe('strict');
    expect(w.slotState.every((x) => x === SLOT_EMPTY)).toBe(true);
    expect(w.timerExpires).toBe(-1);
    expect(w.iotlbStale).toBe(0);
    expect(w.staleMaxNs).toBe(0);
    expect(w.iotlbValid).toBeGreaterThan(0);
  });
});
