import { describe, expect, it } from 'vitest';
import { History } from '../sim/history.ts';
import { presetScenario } from '../sim/presets.ts';
import { decode, EV, EV_NAMES, type EvName, type TraceEvent } from '../sim/trace.ts';
import { engineView } from '../sim/viewOf.ts';
import { describeEvent, ringCount, whatHappened, type RingState } from './whatHappened.ts';

// Two rings of 16 slots: ring 1 holds 5 entries (head 3, tail 8).
const rings: RingState = { fqSize: 16, nrings: 2, ringHead: Int32Array.of(0, 3), ringTail: Int32Array.of(0, 8) };
const ev = (name: EvName, cpu: number, args: number[]): TraceEvent => decode(EV[name], 1_500_000, cpu, args);

// One event of every kind, with the sentence it must give.
const CASES: [TraceEvent, string][] = [
  [ev('map', 2, [0xfff0, 4, 2, 0]), 'CPU 2 · iommu_dma_map_page: mapped 16 KiB at IOVA pfn 0xfff0, from this CPU’s magazine'],
  [ev('unmap', 2, [0xfff0, 4]), 'CPU 2 · iommu_dma_unmap_page: unmapped 16 KiB at IOVA pfn 0xfff0'],
  [ev('iotlb_sync', 0, [0x10, 1]), 'CPU 0 · iommu_iotlb_sync: strict: invalidated 4 KiB at pfn 0x10 and waited; the IOVA is freed at once'],
  [ev('fq_add', 3, [1, 7, 0x20, 1, 42]), 'CPU 3 · queue_iova: entry 7 stamped 42; ring 1 holds 5/15'],
  [ev('fq_free', 3, [1, 3, 0x20, 1, 40, 41]), 'CPU 3 · fq_ring_free: retired entry 3 of ring 1 (stamp 40 < fq_flush_finish_cnt 41): its IOVA is freed'],
  [ev('flush_start', 1, [0, 12]), 'CPU 1 · fq_flush_iotlb: ring full: whole-domain IOTLB flush begins, fq_flush_start_cnt → 12'],
  [ev('flush_start', 1, [1, 13]), 'CPU 1 · fq_flush_iotlb: timeout: whole-domain IOTLB flush begins, fq_flush_start_cnt → 13'],
  [ev('flush_finish', 1, [0, 12]), 'CPU 1 · fq_flush_iotlb: flush done, fq_flush_finish_cnt → 12: entries stamped below it may be retired'],
  [ev('timer_arm', 0, [11_500_000]), 'CPU 0 · queue_iova: armed the flush-queue timer (mod_timer) for t = 11.500 ms'],
  [ev('timer_fire', 5, []), 'CPU 5 · fq_flush_timeout: the flush-queue timer fired: flush, then free every ring'],
  [ev('timer_done', 5, []), 'CPU 5 · fq_flush_timeout: the timeout’s flush and free passes are done'],
  [ev('rcache_insert', 4, [0, 2]), 'CPU 4 · iova_rcache_insert: freed a 4 KiB class IOVA into a fresh magazine (the full one went to the depot)'],
  [ev('rcache_insert', 4, [1, 3]), 'CPU 4 · iova_rcache_insert: freed a 8 KiB class IOVA back to the rbtree (no room in the magazines or the depot)'],
  [ev('rcache_get', 4, [3, 3]), 'CPU 4 · iova_rcache_get: 32 KiB class: missed: every cache was empty, the rbtree allocates'],
  [ev('depot_reclaim', -1, [2, 5]), 'depot work · iova_depot_work_func: returned one 16 KiB class depot magazine to the rbtree; 5 left'],
  [ev('rcache_flush', 6, []), 'CPU 6 · free_cpu_cached_iovas: allocation failed: flushing every CPU’s IOVA caches and the depots, then retrying'],
];

describe('whatHappened', () => {
  it('describes every trace event kind', () => {
    expect(new Set(CASES.map(([e]) => e.ev))).toEqual(new Set(EV_NAMES));
    for (const [e, text] of CASES) {
      const h = describeEvent(e, rings);
      expect(`${h.who} · ${h.fn}: ${h.what}`).toBe(text);
    }
  });

  it('counts a ring that wrapped around', () => {
    expect(ringCount({ ...rings, ringHead: Int32Array.of(14, 0), ringTail: Int32Array.of(2, 0) }, 0)).toBe(4);
    expect(ringCount(rings, 5)).toBe(0);
  });

  it('heads the line with the most telling event and counts the rest', () => {
    const step = [ev('unmap', 3, [0x20, 1]), ev('fq_free', 3, [1, 3, 0x21, 1, 40, 41]), ev('fq_add', 3, [1, 7, 0x20, 1, 42])];
    const s = whatHappened({ ...rings, stepEvents: step, stepEventCount: 9, mode: 'lazy', t: 1 });
    expect(s.head?.fn).toBe('queue_iova');
    expect(s.text).toBe('1.500000 ms · CPU 3 · queue_iova: entry 7 stamped 42; ring 1 holds 5/15 (+8 more events in this step: unmap, fq_free, …)');
  });

  it('says why there is nothing to describe', () => {
    const none = { ...rings, stepEvents: [], stepEventCount: 0 };
    expect(whatHappened({ ...none, mode: 'lazy', t: 0 }).text).toMatch(/starts at t = 0/);
    expect(whatHappened({ ...none, mode: 'passthrough', t: 5 }).text).toMatch(/^Passthrough/);
    expect(whatHappened({ ...none, mode: 'lazy', t: 5 }).text).toMatch(/^No trace event yet/);
  });

  it('a live History keeps each step’s events, and a step back shows the same as playing forward', { timeout: 60_000 }, () => {
    const h = new History(presetScenario('tiny-lazy'));
    const seen: string[] = [];
    let quiet = 0;
    for (let i = 0; i < 400; i++) {
      const before = h.engine.trace.count;
      h.stepOnce();
      const v = engineView(h.engine, { strip: false });
      expect(v.stepEvents.length).toBe(Math.min(6, v.stepEventCount));
      // A step that emitted nothing keeps the previous step's events and counts itself as quiet.
      if (h.engine.trace.count === before) {
        expect(v.quietSteps).toBeGreaterThan(0);
        quiet++;
      } else expect([v.quietSteps, v.stepEventCount]).toEqual([0, h.engine.trace.count - before]);
      seen.push(whatHappened(v).text);
    }
    expect(quiet).toBeGreaterThan(0);
    expect(seen.some((t) => t.includes('queue_iova: entry'))).toBe(true);
    expect(seen.some((t) => t.includes('fq_flush_iotlb'))).toBe(true);
    h.goTo(250);
    expect(whatHappened(engineView(h.engine, { strip: false })).text).toBe(seen[249]);
  });
});
