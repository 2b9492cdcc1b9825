// The scale inputs (issue 19 §2; docs/model.md "Scale inputs"): each changes something measurable
// under a fixed seed, their defaults change nothing (golden.test.ts pins that), and the trace
// invariants hold with them on.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KernelIovaAllocator } from './iova/allocator.ts';
import { Engine } from './engine.ts';
import { deepClone } from './deepClone.ts';
import { History } from './history.ts';
import { runScenario, summarize } from './run.ts';
import { bucketNsFor } from './metrics.ts';
import { TraceRecorder } from './trace.ts';
import { resolve, type Scenario } from './scenario.ts';
import { validateScenario } from './validate.ts';
import { assertValid, inputsArb, runChecked, runLogged, smallScenario } from './testing/scenarios.ts';
import type { PresetOverrides } from './presets.ts';

/** Runs of 10 ms on 8 CPUs take seconds on a loaded 2-core machine. */
const HEAVY = 60_000;

/** 8 CPUs, qd 32 (the default workload), 10 ms, then `o`. */
const base = (o: PresetOverrides = {}): Scenario => smallScenario({ cpus: 8, fqSize: 256, durationMs: 10, workload: { qd: 32 }, ...o });
const ios = (s: Scenario) => runScenario(s).summary.ios;
const mapPages = (s: Scenario) => new Set(runLogged(s).log.events.filter((e) => e.ev === 'map').map((e) => (e as unknown as { pages: number }).pages));

describe('granule (granuleKiB)', () => {
  it('64 KiB: iova_shift 16, dma_32bit_pfn and the limit in 64 KiB granules', () => {
    const r = resolve({ ...base(), granuleKiB: 64 });
    expect(r).toMatchObject({ iovaShift: 16, dma32Pfn: 2 ** 16, limitPfn: 2 ** 32 - 1 });
    expect(resolve(base())).toMatchObject({ iovaShift: 12, dma32Pfn: 2 ** 20, limitPfn: 2 ** 36 - 1 });
  }, HEAVY);

  it('a 4 MiB transfer is 1024 granules at 4 KiB, 64 at 64 KiB; a 128 KiB one becomes cacheable', () => {
    const s = base({ durationMs: 2, workload: { qd: 4, sizes: [{ pages: 1024, weight: 1 }] } });
    expect([...mapPages(s)]).toEqual([1024]);
    expect([...mapPages({ ...s, granuleKiB: 64 })]).toEqual([64]);
    // 512 KiB: 128 granules (uncached) at 4 KiB, 8 granules (class 3, cached) at 64 KiB.
    const hits = (g: number) => {
      const { engine } = runLogged({ ...base({ mode: 'strict', durationMs: 2, workload: { qd: 4, sizes: [{ pages: 128, weight: 1 }] } }), granuleKiB: g });
      return engine.alloc.stats().rcacheHits;
    };
    expect(hits(4)).toBe(0);
    expect(hits(64)).toBeGreaterThan(100);
  }, HEAVY);
});

describe("completion policy 'hwq'", () => {
  it('completions (unmaps) only on the first CPU of each queue group; every CPU submits', () => {
    const s = base({ durationMs: 2, workload: { completion: 'hwq', hwQueues: 2 } });
    const ev = runLogged(s).log.events;
    expect([...new Set(ev.filter((e) => e.ev === 'unmap').map((e) => e.cpu))].sort()).toEqual([0, 4]);
    expect(new Set(ev.filter((e) => e.ev === 'map').map((e) => e.cpu)).size).toBe(8);
    // 3 queues over 10 CPUs: groups 0-3, 4-6, 7-9.
    const t = runLogged(smallScenario({ cpus: 10, durationMs: 1, workload: { completion: 'hwq', hwQueues: 3 } })).log.events;
    expect([...new Set(t.filter((e) => e.ev === 'unmap').map((e) => e.cpu))].sort((a, b) => a - b)).toEqual([0, 4, 7]);
  }, HEAVY);
});

describe('device bandwidth (deviceBps, devices)', () => {
  it('a device never completes more than its bandwidth allows; 0 is unlimited', () => {
    const s = base({ workload: { sizes: [{ pages: 256, weight: 1 }] } }); // 1 MiB I/Os
    const free = ios(s);
    const capped = ios({ ...s, deviceBps: 1e9 });
    // 1 GB/s for 10 ms = 10 MB = 9.5 transfers of 1 MiB.
    expect(capped).toBe(9);
    expect(ios({ ...s, deviceBps: 1e9, devices: 4 })).toBe(4 * 9);
    expect(free).toBeGreaterThan(1000);
  }, HEAVY);
});

describe('costs that grow with scale', () => {
  it('walk step per tree level and cross-node lock hand-off slow an rbtree-bound load; flat by default', () => {
    const s = base({ workload: { sizes: [{ pages: 64, weight: 1 }] } }); // uncached: every I/O walks
    const flat = runScenario(s).summary;
    const level = runScenario({ ...s, costs: { ...s.costs, rbtreeWalkStepLevelNs: 10 } }).summary;
    const numa = runScenario({ ...s, numaNodes: 2 }).summary;
    expect(flat.ios).toBe(3448);
    expect(level.ios).toBeLessThan(flat.ios);
    expect(numa.ios).toBeLessThan(flat.ios);
    // The NUMA price needs both: more than one node and a non-zero cost.
    expect(runScenario({ ...s, numaNodes: 2, costs: { ...s.costs, lockHandoffNumaNs: 0 } }).summary.traceHash).toBe(flat.traceHash);
  }, HEAVY);
});

describe('interventions', () => {
  it('sizes@T: the mix changes at T', () => {
    const s = base({ durationMs: 4, interventions: [{ kind: 'sizes', atMs: 2, sizes: [{ pages: 64, weight: 1 }] }] });
    const maps = runLogged(s).log.events.filter((e) => e.ev === 'map') as unknown as { t: number; pages: number }[];
    expect(new Set(maps.filter((m) => m.t < 2e6).map((m) => m.pages))).toEqual(new Set([1]));
    expect(maps.filter((m) => m.t > 2.1e6).every((m) => m.pages === 64)).toBe(true);
  }, HEAVY);

  it('burst: a CPU holds count IOVAs from T until T + hold, then frees them on that CPU', () => {
    const s = base({ durationMs: 10, interventions: [{ kind: 'burst', atMs: 2, holdMs: 3, count: 2000, pages: 1, cpu: 3 }] });
    const { engine: e, summary } = runLogged(s);
    const plain = runScenario(base()).summary;
    expect(summary.rbtreeNodesMax).toBeGreaterThanOrEqual(plain.rbtreeNodesMax + 1900);
    expect(e.bursts[0]!.pfns.length).toBe(0); // all released
    // Released into CPU 3's rcache, its depot pushes, and the tree beyond MAX_GLOBAL_MAGS (32).
    const st = e.alloc.stats();
    expect(st.depotSize[0]).toBeGreaterThan(0);
    expect(runChecked(s).violations).toEqual([]);
  }, HEAVY);

  it('aged start: rcaches and depot hold the spec per class, each IOVA a tree node', () => {
    const s = base({ durationMs: 0.01, aged: [{ cls: 0, cpuIovas: 1000, depotIovas: 10 * 127 }, { cls: 3, cpuIovas: 333, depotIovas: 0 }] });
    // The state at time 0, before any I/O.
    const e = new Engine(s, { trace: new TraceRecorder() });
    const a = e.alloc as KernelIovaAllocator;
    const st = a.stats();
    const cached = (cls: number) => Array.from({ length: 8 }, (_, c) => st.cpuCached[c * 6 + cls]);
    // Class 0: CPU 0 pushed the depot, so it holds 2 * 127; the others their even share.
    expect(cached(0)).toEqual([254, 125, 125, 125, 125, 125, 125, 125]);
    expect(st.depotSize[0]).toBe(10);
    expect(cached(3)).toEqual([42, 42, 42, 42, 42, 41, 41, 41]);
    a.checkInvariants();
    // The aged caches serve the first allocations: no tree allocation for 4 KiB at the start.
    expect(st.rbtreeAllocs).toBe(254 + 7 * 125 + 1270 + 333);
  }, HEAVY);
});

describe('arm64 atomics', () => {
  it('STADD / LDADDAL pricing changes the run; counter reuse is no longer free', () => {
    const s = base({ fqSize: 16 });
    const flat = runScenario(s).summary;
    const arm = runScenario({ ...s, atomics: 'arm64' }).summary;
    const armReuse = runScenario({ ...s, atomics: 'arm64', counterReuse: true }).summary;
    expect(flat.ios).toBe(21982);
    expect(arm.ios).toBe(21949);
    expect(armReuse.ios).toBe(21964);
    expect(new Set([flat.traceHash, arm.traceHash, armReuse.traceHash]).size).toBe(3);
  }, HEAVY);
});

describe('trace invariants with the scale inputs on', () => {
  it(
    'random small scenarios with the new inputs obey the flush-queue rules',
    () => {
      fc.assert(
        fc.property(inputsArb({ modeSwitches: true }), (s) => {
          assertValid(s);
          const r = runChecked(s);
          expect(r.violations).toEqual([]);
          expect(r.linearViolations).toEqual([]);
          expect(r.summary.fqOverruns).toBe(0);
        }),
        { numRuns: 60, seed: 19 },
      );
    },
    120_000,
  );
});

describe('validation of the scale inputs', () => {
  it('bad values are named; the rest is kept', () => {
    const v = validateScenario({
      cpus: 4,
      granuleKiB: 16,
      aged: [{ cls: 9, cpuIovas: 1, depotIovas: 1 }],
      workload: { completion: 'hwq', hwQueues: 0 },
      interventions: [{ kind: 'burst', atMs: 1, holdMs: 1, count: 1, pages: 1, cpu: 4 }, { kind: 'sizes', atMs: 1, sizes: [] }],
    });
    expect(v.errors).toEqual([
      'granuleKiB: 16 is not allowed; expected 4 or 64 (KiB)',
      'aged[0].cls: 9 is not allowed; expected an integer in [0, 5]',
      'workload.hwQueues: 0 is not allowed; expected an integer in [1, 512]',
      'interventions[1].sizes: expected an array of 1 to 16 {pages, weight} entries',
      'interventions[0].cpu: CPU 4 does not exist; expected 0..3',
    ]);
    expect(v.scenario).toMatchObject({ cpus: 4, granuleKiB: 4, aged: [], interventions: [] });
    expect(v.scenario.workload.completion).toBe('hwq');
    expect(validateScenario({ aged: [{ cls: 1, cpuIovas: 1, depotIovas: 0 }, { cls: 1, cpuIovas: 2, depotIovas: 0 }] }).errors).toEqual(['aged[1].cls: class 1 appears twice']);
  }, HEAVY);
});

describe('history with the scale inputs on', () => {
  it('a clone taken mid-burst (and with an aged start) runs on exactly like the original; seeks keep the hash', () => {
    const s = base({
      durationMs: 6,
      granuleKiB: 64,
      atomics: 'arm64',
      aged: [{ cls: 0, cpuIovas: 500, depotIovas: 254 }],
      interventions: [
        { kind: 'burst', atMs: 1, holdMs: 2, count: 3000, pages: 1, cpu: 2 },
        { kind: 'sizes', atMs: 2, sizes: [{ pages: 16, weight: 1 }] },
      ],
    });
    const want = runScenario(s).summary;
    const h = new History(s, { interval: 2000, bucketNs: bucketNsFor(s.durationMs) });
    h.forwardTo(1_500_000); // inside the burst's allocations
    const clone = deepClone(h.engine);
    clone.runUntil(h.endNs);
    expect(summarize(clone, clone.trace, 'x', 0)).toEqual({ ...want, wallMs: 0, scenario: 'x' });
    h.forwardTo(4_000_000);
    h.goTo(100);
    h.forwardTo(h.endNs);
    expect(summarize(h.engine, h.engine.trace, 'x', 0).traceHash).toBe(want.traceHash);
  }, HEAVY);
});
