// The shared trace checker must be able to fail: a hand-written trace that follows the kernel's
// rules passes, and each broken rule — hand-made or a random one-field mutation of a real engine
// trace — is reported.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../trace.ts';
import { analyzeTrace, checkTraceInvariants } from './traceInvariants.ts';
import { runLogged, smallScenario } from './scenarios.ts';

// One CPU, 4-slot ring (capacity 3), 10 µs timer.
const S = smallScenario({ cpus: 1, fqSize: 4, fqTimeoutMs: 0.01 });
const E = (t: number, ev: string, f: Record<string, number | string> = {}): TraceEvent => ({ t, ev, cpu: 0, ...f }) as TraceEvent;
const map = (t: number, pfn: number) => E(t, 'map', { pfn, pages: 1, cls: 0, src: 'rbtree' });
const unmap = (t: number, pfn: number) => E(t, 'unmap', { pfn, pages: 1 });
const add = (t: number, idx: number, pfn: number, counter: number) => E(t, 'fq_add', { ring: 0, idx, pfn, pages: 1, counter });
const free = (t: number, idx: number, pfn: number, counter: number, finish: number) => E(t, 'fq_free', { ring: 0, idx, pfn, pages: 1, counter, finish });

function validTrace(): TraceEvent[] {
  return [
    map(0, 100),
    map(1, 101),
    map(2, 102),
    map(3, 103),
    unmap(10, 100),
    add(11, 0, 100, 0),
    E(12, 'timer_arm', { expires: 10_012 }),
    unmap(20, 101),
    add(21, 1, 101, 0),
    unmap(30, 102),
    add(31, 2, 102, 0), // ring full: 3 of 4
    unmap(40, 103),
    E(41, 'flush_start', { reason: 'full', start: 1 }),
    E(50, 'flush_finish', { reason: 'full', finish: 1 }),
    free(51, 0, 100, 0, 1),
    free(52, 1, 101, 0, 1),
    free(53, 2, 102, 0, 1),
    add(54, 3, 103, 1),
    map(60, 100),
    E(10_012, 'timer_fire'),
    E(10_013, 'flush_start', { reason: 'timeout', start: 2 }),
    E(10_020, 'flush_finish', { reason: 'timeout', finish: 2 }),
    free(10_021, 3, 103, 1, 2),
    E(10_030, 'timer_done'),
  ];
}

const check = (events: TraceEvent[]) => [
  ...checkTraceInvariants(events, S),
  ...checkTraceInvariants(events, S, { emissionOrder: true }),
];

describe('checkTraceInvariants', () => {
  it('accepts a trace that follows the rules, in both modes', () => {
    expect(checkTraceInvariants(validTrace(), S)).toEqual([]);
    expect(checkTraceInvariants(validTrace(), S, { emissionOrder: true })).toEqual([]);
    const { stats } = analyzeTrace(validTrace(), S);
    expect(stats).toMatchObject({ fqAdds: 4, fqFrees: 4, freesByOwner: 3, freesByTimer: 1, fullFlushesDrained: 1, finalOccupancy: [0] });
  });

  const cases: [string, (t: TraceEvent[]) => void, RegExp][] = [
    ['an fq_add counter that is not the flush start count (fact 6)', (t) => (t[8].counter = 1), /counter 1 != flush starts/],
    ['an fq_add written elsewhere than the tail (fact 3)', (t) => (t[8].idx = 2), /tail is 1/],
    ['an fq_add to another CPU’s ring (fact 12)', (t) => (t[8].ring = 1), /ring 1 by CPU 0|does not exist/],
    ['frees out of FIFO order (fact 4)', (t) => ([t[14], t[15]] = [t[15], t[14]]), /head is pfn 100/],
    ['an entry freed with counter >= finish (fact 5)', (t) => (t[14].finish = 0), /counter 0 >= finish 0/],
    ['a free pass stopping early (fact 4)', (t) => t.splice(16, 1), /stopped before a retirable head|fq_add to a full ring|IOVA/],
    ['a ring-full flush without a full ring (fact 10)', (t) => t.splice(9, 2, unmap(30, 102)), /ring-full flush by CPU 0 with 2 of 3/],
    ['an add to a full ring: overrun (fact 2)', (t) => t.splice(12, 6, add(54, 3, 103, 0)), /full ring 0/],
    ['flush numbers not counting up (facts 7, 8)', (t) => (t[20].start = 1), /start=1; expected 2/],
    ['a finish count above the start count (fact 7)', (t) => t.splice(12, 1), /exceeds start count|no flush in flight/],
    ['a second timer_arm while one is pending (fact 13)', (t) => t.splice(9, 0, E(21, 'timer_arm', { expires: 10_021 })), /already pending/],
    ['no timer_arm after the first add (fact 13)', (t) => t.splice(6, 1), /did not arm|none armed/],
    ['the timer firing on another CPU than armed it', (t) => (t[19].cpu = 1), /fired on CPU 1|cpu out of range/],
    ['the timer firing before it expires', (t) => (t[19].t = 10_000), /before it expires/],
    ['a timeout without its flush (fact 15)', (t) => t.splice(20, 2), /freed before its own flush|without a completed flush/],
    ['an IOVA mapped again while queued (fact 22)', (t) => t.splice(9, 0, map(25, 101)), /still queued/],
    ['an IOVA freed before any covering flush finished (fact 21)', (t) => {
        t[14].finish = 1;
        t.splice(12, 2);
      }, /freed before any flush|only 0 flushes/],
    ['a strict sync of an IOVA nobody unmapped (fact 20)', (t) => t.splice(5, 0, E(10, 'iotlb_sync', { pfn: 103, pages: 1 })), /iotlb_sync/],
    ['an rcache insert on a CPU that is not freeing', (t) => t.splice(4, 0, E(5, 'rcache_insert', { cls: 0, to: 'loaded' })), /not freeing an IOVA/],
    ['time going backwards on a CPU', (t) => (t[5].t = 1), /time went backwards/],
  ];
  for (const [name, mutate, re] of cases) {
    it(`reports ${name}`, () => {
      const t = validTrace();
      mutate(t);
      const v = check(t);
      expect(v.length).toBeGreaterThan(0);
      expect(v.join('\n')).toMatch(re);
    });
  }

  it('reports any one-field change to a counter, index, ring, pfn or flush number of a real engine trace', () => {
    const s = smallScenario({ cpus: 3, fqSize: 8, fqTimeoutMs: 0.05, durationMs: 1.5, workload: { qd: 3, completion: 'random', latency: { dist: 'exponential', meanUs: 10, spreadUs: 0 } } });
    const { log } = runLogged(s);
    const base = log.emitted;
    expect(analyzeTrace(base, s, { emissionOrder: true, flushCoverage: false }).violations).toEqual([]);
    const targets: [number, string][] = [];
    base.forEach((e, i) => {
      const fields = { fq_add: ['counter', 'idx', 'ring', 'pfn'], fq_free: ['counter', 'idx', 'ring', 'pfn', 'finish'], flush_start: ['start'], flush_finish: ['finish'], unmap: ['pfn'], timer_fire: ['cpu'] }[e.ev as string];
      for (const f of fields ?? []) targets.push([i, f]);
    });
    expect(targets.length).toBeGreaterThan(200);
    fc.assert(
      fc.property(fc.constantFrom(...targets), fc.constantFrom(-1, 1), ([i, f], d) => {
        const t = base.map((e) => ({ ...e }));
        (t[i] as Record<string, unknown>)[f] = (t[i][f] as number) + d;
        expect(analyzeTrace(t, s, { emissionOrder: true, flushCoverage: false }).violations.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  }, 60_000); // hundreds of re-checks of a real trace: seconds on a busy machine
});
