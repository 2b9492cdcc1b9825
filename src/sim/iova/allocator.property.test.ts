// Property tests: random alloc/free/hot-unplug sequences over several CPUs, size classes (including
// uncached > 32 granules), limits on both sides of 4 GiB, and all three eras. After every command the
// allocator is audited against a model that knows only which IOVAs the caller holds.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KERNEL_IDS, kernelRules } from '../kernel/versions.ts';
import { SRC_RETRY } from '../trace.ts';
import type { Setup } from './testEnv.ts';
import { runReclaims, setup } from './testEnv.ts';
import { IOVA_RANGE_CACHE_MAX_SIZE, roundedLen, sizeClass } from './types.ts';

const CLASSES = IOVA_RANGE_CACHE_MAX_SIZE;
const DMA32 = 4096;
/** Limit index 0 is the run's tight limit (small spaces run out: failures, flushes, retries). */
const limitOf = (i: number, tight: number) => [tight, DMA32 - 1, 2 ** 36 - 1][i];

// `n` > 1 is a burst on one CPU, like fq_flush_timeout retiring many IOVAs onto the timer CPU (frees)
// or a CPU draining its caches (allocs): that is what fills and empties depots.
type Cmd =
  | { k: 'alloc'; cpu: number; len: number; limit: number; flush: boolean; n: number; dt: number }
  | { k: 'free'; cpu: number; pick: number; n: number; dt: number }
  | { k: 'offline'; cpu: number; dt: number };

const dt = fc.integer({ min: 0, max: 40_000_000 });
const burst = fc.oneof({ weight: 4, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 2, max: 40 }) });
// Mostly two hot sizes (as in real I/O), so magazines fill, overflow and migrate between CPUs.
const lenArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(1, 2) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom(64, 100, 129) },
);
const cmdArb: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ k: fc.constant('alloc' as const), cpu: fc.nat(7), len: lenArb, limit: fc.nat(2), flush: fc.boolean(), n: burst, dt }) },
  { weight: 5, arbitrary: fc.record({ k: fc.constant('free' as const), cpu: fc.nat(7), pick: fc.nat(), n: burst, dt }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('offline' as const), cpu: fc.nat(7), dt }) },
);
const configArb = fc.record({
  kernel: fc.constantFrom(...KERNEL_IDS),
  cpus: fc.integer({ min: 1, max: 4 }),
  magSize: fc.constantFrom(2, 4, 8, 127),
  depotMax: fc.constantFrom(0, 1, 2, 32),
  startPfn: fc.constantFrom(1, 5),
  tight: fc.constantFrom(63, 255, 1023),
  extraMags: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
});
type Config = typeof configArb extends fc.Arbitrary<infer T> ? T : never;

const sum = (xs: ArrayLike<number>) => Array.from(xs).reduce((x, y) => x + y, 0);

/** Everything wrong with the allocator's state versus the caller's `live` set (empty = consistent). */
function audit(s: Setup, cfg: Config, live: Map<number, number>, counts: { lookups: number; failures: number }): string[] {
  const { a } = s;
  const wrong: string[] = [];
  try {
    a.checkInvariants(); // RB shape, no overlap, anchor last, hints live, unique cached pfns, full depot mags
  } catch (e) {
    wrong.push(String(e));
  }
  const tree = new Map(a.treeRanges());
  let cached = 0;
  a.forEachCachedPfn((pfn, cls) => {
    cached++;
    if (live.has(pfn)) wrong.push(`cached pfn ${pfn} is also live`);
    if (tree.get(pfn) !== pfn + 2 ** cls - 1) wrong.push(`cached pfn ${pfn} has no class-${cls} tree range`);
  });
  for (const [pfn, size] of live) if (tree.get(pfn) !== pfn + size - 1) wrong.push(`live pfn ${pfn} has no tree range`);
  // Tree = anchor + live + cached, exactly: nothing leaked, nothing in two places.
  if (tree.size !== 1 + live.size + cached) wrong.push(`tree has ${tree.size} nodes, expected 1 + ${live.size} live + ${cached} cached`);
  const st = a.stats();
  if (st.rbtreeNodes !== tree.size || st.rbtreeNodesMax < st.rbtreeNodes) wrong.push('rbtreeNodes/rbtreeNodesMax');
  if (sum(st.cpuCached) + sum(st.depotSize) * cfg.magSize !== cached) wrong.push('cpuCached + depotSize * M != cached pfns');
  if (st.rcacheHits + st.rcacheMisses !== counts.lookups) wrong.push('hits + misses != cached-class lookups');
  if (st.allocFailures !== counts.failures) wrong.push('allocFailures');
  if (!kernelRules(cfg.kernel)!.depotIsList && st.depotSize.some((d) => d > cfg.depotMax)) wrong.push('depot above MAX_GLOBAL_MAGS');
  if (st.cpuCached.some((n) => n > 2 * cfg.magSize)) wrong.push('a CPU caches more than 2M of a class');
  return wrong;
}

describe('allocator properties under random workloads', () => {
  it('conserves IOVAs: each is live, cached in exactly one slot, or free; ranges never overlap', () => {
    // Which paths the random runs reached, so the property cannot pass by never exercising them.
    const seen = { retryHit: 0, flush: 0, failure: 0, depotHit: 0, release: 0, reclaim: 0, offline: 0, uncached: 0 };
    fc.assert(
      fc.property(configArb, fc.array(cmdArb, { maxLength: 200, size: 'max' }), (cfg, cmds) => {
        const maxMagazines = cfg.extraMags === undefined ? undefined : 2 * cfg.cpus * CLASSES + cfg.extraMags;
        const s = setup({ ...cfg, dma32Pfn: DMA32, maxMagazines });
        const { a, env } = s;
        const live = new Map<number, number>(); // pfn -> rounded size
        const lens = new Map<number, number>(); // pfn -> length the caller asked for (and frees with)
        const order: number[] = []; // live pfns, oldest first
        const online = Array.from({ length: cfg.cpus }, (_, i) => i);
        const counts = { lookups: 0, failures: 0 };
        let cachedFrees = 0;
        let t = 0;
        const bad: string[] = [];
        for (const c of cmds) {
          t += c.dt;
          if (kernelRules(cfg.kernel)!.depotIsList) runReclaims(s, t);
          const cpu = online[c.cpu % online.length];
          if (c.k === 'alloc') {
            const size = roundedLen(c.len);
            const limit = limitOf(c.limit, cfg.tight);
            for (let i = 0; i < c.n; i++) {
              if (sizeClass(size) < CLASSES) counts.lookups++;
              const pfn = a.alloc(cpu, t, c.len, limit, c.flush);
              if (a.lastEnd < t) bad.push('alloc ended before it started');
              if (pfn === 0) {
                counts.failures++;
                continue;
              }
              if (a.lastSrc === SRC_RETRY) seen.retryHit++;
              if (sizeClass(size) >= CLASSES) seen.uncached++;
              if (live.has(pfn)) bad.push(`pfn ${pfn} handed out twice`);
              if (pfn % 2 ** sizeClass(size) !== 0) bad.push(`pfn ${pfn} not size-aligned`);
              if (pfn < cfg.startPfn || pfn + size - 1 > limit) bad.push(`pfn ${pfn} outside [start_pfn, limit]`);
              live.set(pfn, size);
              lens.set(pfn, c.len);
              order.push(pfn);
            }
          } else if (c.k === 'free') {
            for (let i = 0; i < c.n && order.length > 0; i++) {
              // single frees pick any live IOVA; a burst retires the oldest ones (FIFO, like a ring)
              const pfn = order.splice(c.n === 1 ? c.pick % order.length : 0, 1)[0];
              const len = lens.get(pfn)!;
              live.delete(pfn);
              if (sizeClass(len) < CLASSES) cachedFrees++;
              if (a.free(cpu, t, pfn, len) < t) bad.push('free ended before it started');
            }
          } else if (online.length > 1) {
            online.splice(online.indexOf(cpu), 1);
            if (a.cpuOffline(cpu, t) < t) bad.push('offline ended before it started');
            if (a.stats().cpuCached.subarray(cpu * CLASSES, (cpu + 1) * CLASSES).some((n) => n !== 0)) bad.push('offline CPU still caches');
          }
          bad.push(...audit(s, cfg, live, counts));
          if (bad.length > 0) break;
        }
        expect(bad).toEqual([]);

        // Trace consistency: one rcache_get per cached-class lookup, one rcache_insert per cached-class
        // free, and where the released magazines were reported.
        const ev = env.recorder.events;
        const inserts = ev.filter((e) => e.ev === 'rcache_insert');
        expect(ev.filter((e) => e.ev === 'rcache_get')).toHaveLength(counts.lookups);
        expect(inserts).toHaveLength(cachedFrees);
        expect(ev.every((e) => !('cls' in e) || (e.cls as number) < CLASSES)).toBe(true);
        const insertReleases = inserts.filter((e) => e.to === 'rbtree').length;
        const reclaims = ev.filter((e) => e.ev === 'depot_reclaim').length;
        if (kernelRules(cfg.kernel)!.depotIsList) {
          expect(a.stats().magsToRbtree).toBe(reclaims);
          if (maxMagazines === undefined) expect(insertReleases).toBe(0);
        } else {
          expect(reclaims).toBe(0);
          expect(env.reclaimLog).toHaveLength(0);
          if (maxMagazines === undefined) expect(a.stats().magsToRbtree).toBe(insertReleases);
        }
        seen.flush += ev.filter((e) => e.ev === 'rcache_flush').length;
        seen.depotHit += ev.filter((e) => e.ev === 'rcache_get' && e.from === 'depot').length;
        seen.release += insertReleases;
        seen.reclaim += reclaims;
        seen.offline += cfg.cpus - online.length;
        seen.failure += counts.failures;
      }),
      // A fixed seed: the assertion below checks that every path was reached, which random inputs
      // reach only most of the time (the reclaim path was missed once in ~20 full runs).
      { numRuns: 150, seed: 20261204 },
    );
    for (const [path, n] of Object.entries(seen)) expect(n, path).toBeGreaterThan(0);
  });

  it('time never runs backwards for a CPU, and all times are integers', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(3), lenArb, fc.boolean()), { maxLength: 200, size: 'max' }), (ops) => {
        const s = setup({ cpus: 4, magSize: 4, depotMax: 2, dma32Pfn: DMA32 });
        const cpuFree = [0, 0, 0, 0];
        const held: [number, number][] = [];
        for (const [cpu, len, isAlloc] of ops) {
          const t = cpuFree[cpu];
          if (isAlloc || held.length === 0) {
            const p = s.a.alloc(cpu, t, len, 2 ** 36 - 1, true);
            if (p) held.push([p, len]);
            cpuFree[cpu] = s.a.lastEnd;
          } else {
            const [p, l] = held.pop()!;
            cpuFree[cpu] = s.a.free(cpu, t, p, l);
          }
          expect(cpuFree[cpu]).toBeGreaterThan(t);
          expect(Number.isInteger(cpuFree[cpu])).toBe(true);
        }
        // Trace timestamps are integers, and each CPU's are non-decreasing when its calls are sequential.
        const byCpu = new Map<number, number>();
        for (const e of s.env.recorder.events) {
          expect(Number.isInteger(e.t)).toBe(true);
          expect(e.t).toBeGreaterThanOrEqual(byCpu.get(e.cpu) ?? 0);
          byCpu.set(e.cpu, e.t);
        }
      }),
      { numRuns: 100 },
    );
  });
});
