import { describe, expect, it } from 'vitest';
import { kernelRules } from '../kernel/versions.ts';
import { DEFAULT_COSTS, rbtreeOpNs } from '../costs.ts';
import { LOCK_RBTREE } from '../locks.ts';
import { SRC_DEPOT, SRC_RBTREE, SRC_RCACHE, SRC_RETRY } from '../trace.ts';
import { createAllocator } from './allocator.ts';
import type { Setup } from './testEnv.ts';
import { LIMIT32, LIMIT48, allocMany, cachedCount, events, makeEnv, setup } from './testEnv.ts';
import { roundedLen, sizeClass } from './types.ts';

const C = DEFAULT_COSTS;

/** One 1-granule IOVA per pfn of [1, limit], all allocated on CPU 0 (the space is then full). */
function fillSmallSpace(limit: number, o: Parameters<typeof setup>[0] = {}): Setup & { pfns: number[] } {
  const s = setup({ cpus: 2, magSize: 4, ...o });
  const pfns = allocMany(s.a, limit, 1, 0, limit);
  return { ...s, pfns };
}

/** A fixed pseudo-random alloc/free script (an LCG, not Math.random) over 3 CPUs, kernel 6.7. */
function scriptedRun(): { hash: string; stats: string } {
  const s = setup({ cpus: 3, magSize: 4, kernel: '6.7' });
  let x = 12345;
  const live: [number, number][] = [];
  for (let i = 0; i < 2000; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const cpu = x % 3;
    const len = 1 + ((x >>> 8) % 40);
    if ((x >>> 16) % 3 !== 0 || live.length === 0) {
      const p = s.a.alloc(cpu, i * 100, len, (x >>> 20) % 2 ? LIMIT32 : LIMIT48, true);
      if (p) live.push([p, len]);
    } else {
      const [p, l] = live.splice((x >>> 4) % live.length, 1)[0];
      s.a.free(cpu, i * 100, p, l);
    }
  }
  return { hash: s.env.recorder.hash(), stats: JSON.stringify({ ...s.a.stats(), cpuCached: [...s.a.stats().cpuCached] }) };
}

describe('alloc_iova_fast / free_iova_fast: sizes and classes (facts 25-27, 51)', () => {
  it('fact 25: lengths below 32 are rounded up to a power of two in the tree; 32 and above are not', () => {
    const s = setup();
    const cases: [number, number][] = [[1, 1], [2, 2], [3, 4], [5, 8], [17, 32], [31, 32], [32, 32], [33, 33], [100, 100]];
    for (const [len, size] of cases) {
      expect(roundedLen(len)).toBe(size);
      const pfn = s.a.alloc(0, 0, len, LIMIT48, true);
      const r = s.a.iovad.rangeAt(pfn)!;
      expect(r[1] - r[0] + 1).toBe(size);
      expect(pfn % 2 ** sizeClass(size)).toBe(0); // fact 28: size-aligned
    }
  });

  it('fact 26/27: a free of 3 granules goes to class 2 and of 17 to class 5; 33 is never cached', () => {
    const s = setup();
    const [p3, p17, p33] = [3, 17, 33].map((len) => s.a.alloc(0, 0, len, LIMIT48, true));
    expect(events(s.env, 'rcache_get').map((e) => e.cls)).toEqual([2, 5]); // 33 never looks in a cache
    s.a.free(0, 0, p3, 3);
    s.a.free(0, 0, p17, 17);
    const frees = s.a.stats().rbtreeFrees;
    s.a.free(0, 0, p33, 33);
    expect(events(s.env, 'rcache_insert').map((e) => [e.cls, e.to])).toEqual([[2, 'loaded'], [5, 'loaded']]);
    expect(s.a.stats().rbtreeFrees).toBe(frees + 1);
    expect(s.a.iovad.rangeAt(p33)).toBeUndefined();
    // A 4-granule request is served from the 3-granule free (same class); so is a later 3.
    expect(s.a.alloc(0, 0, 4, LIMIT48, true)).toBe(p3);
    expect(s.a.lastSrc).toBe(SRC_RCACHE);
    expect(s.a.alloc(0, 0, 20, LIMIT48, true)).toBe(p17);
  });

  it('fact 51: uncached sizes take iova_rbtree_lock on every alloc and free; cached hits do not', () => {
    const s = setup();
    const locks = s.env.locks;
    for (const len of [33, 64, 100, 256]) {
      const before = locks.acquisitions[LOCK_RBTREE];
      const p = s.a.alloc(0, 0, len, LIMIT48, true);
      expect(s.a.lastSrc).toBe(SRC_RBTREE);
      s.a.free(0, 0, p, len);
      const q = s.a.alloc(0, 0, len, LIMIT48, true);
      expect(q).toBe(p);
      expect(s.a.lastSrc).toBe(SRC_RBTREE);
      s.a.free(0, 0, q, len);
      expect(locks.acquisitions[LOCK_RBTREE]).toBe(before + 4);
    }
    const p = s.a.alloc(0, 0, 8, LIMIT48, true); // miss -> tree
    s.a.free(0, 0, p, 8);
    const before = locks.acquisitions[LOCK_RBTREE];
    expect(s.a.alloc(0, 0, 8, LIMIT48, true)).toBe(p);
    s.a.free(0, 0, p, 8);
    expect(locks.acquisitions[LOCK_RBTREE]).toBe(before);
  });

  it('frees go to the cache of the CPU that executes free_iova_fast, not the allocating one', () => {
    const s = setup({ cpus: 3 });
    const p = s.a.alloc(0, 0, 1, LIMIT48, true);
    s.a.free(2, 0, p, 1);
    expect(s.a.stats().cpuCached[2 * 6]).toBe(1);
    expect(s.a.stats().cpuCached[0]).toBe(0);
    expect(s.a.alloc(0, 0, 1, LIMIT48, true)).not.toBe(p); // CPU 0 misses
    expect(s.a.alloc(2, 0, 1, LIMIT48, true)).toBe(p);
  });
});

describe('allocation failure: flush every cache and retry once (facts 30, 33)', () => {
  it('fact 33: a tree failure flushes all CPU caches and the depot, then the retry succeeds', () => {
    const s = fillSmallSpace(63);
    const cpu1 = s.pfns.slice(0, 20);
    for (const p of cpu1) s.a.free(1, 0, p, 1); // CPU 1: 8 in loaded/prev, 3 depot magazines... (M = 4)
    expect(s.a.stats().depotSize[0]).toBeGreaterThan(0);
    const pfn = s.a.alloc(0, 0, 1, 63, true); // CPU 0's own caches are empty: served from the depot
    expect(s.a.lastSrc).toBe(SRC_DEPOT);
    expect(cpu1).toContain(pfn);
    // Drain the depot through CPU 0 so that only CPU 1's own magazines hold free space.
    while (s.a.stats().depotSize[0] > 0 || s.a.rcache.loaded[0].size > 0 || s.a.rcache.prev[0].size > 0) s.a.alloc(0, 0, 1, 63, true);
    const held = cachedCount(s.a);
    expect(held).toBe(s.a.stats().cpuCached[6]);
    expect(held).toBeGreaterThan(0);
    const treeAllocs = s.a.stats().rbtreeAllocs;
    const q = s.a.alloc(0, 0, 1, 63, true);
    expect(q).not.toBe(0);
    expect(s.a.lastSrc).toBe(SRC_RETRY);
    expect(events(s.env, 'rcache_flush')).toHaveLength(1);
    expect(cachedCount(s.a)).toBe(0); // every cache emptied
    expect(s.a.stats().rbtreeAllocs).toBe(treeAllocs + 1); // the failed walk is not an allocation
    expect(s.a.stats().rcacheFlushes).toBe(1);
    s.a.checkInvariants();
  });

  it('fact 33/34: with flushRcache = false the failure is final and the caches stay', () => {
    const s = fillSmallSpace(63);
    for (const p of s.pfns.slice(0, 5)) s.a.free(1, 0, p, 1);
    expect(s.a.alloc(0, 0, 1, 63, false)).toBe(0);
    expect(events(s.env, 'rcache_flush')).toHaveLength(0);
    expect(cachedCount(s.a)).toBe(5);
    expect(s.a.stats().allocFailures).toBe(1);
  });

  it('fact 33: when even the retry fails, exactly one flush happened and 0 is returned', () => {
    const s = fillSmallSpace(63);
    const walks = s.a.stats().rbtreeWalkSteps;
    expect(s.a.alloc(0, 0, 1, 63, true)).toBe(0);
    expect(s.a.lastSrc).toBe(SRC_RETRY);
    expect(events(s.env, 'rcache_flush')).toHaveLength(1);
    expect(s.a.stats().allocFailures).toBe(1);
    // The retry is a 32-bit request of a size that just failed: max32_alloc_size stops it at once.
    expect(s.a.iovad.lastFastFail).toBe(true);
    expect(s.a.stats().rbtreeWalkSteps).toBeGreaterThan(walks);
  });

  it('fact 30: pfn 0 is never handed out, even with start_pfn = 1 and the space exhausted', () => {
    const s = fillSmallSpace(31);
    expect(Math.min(...s.pfns)).toBe(1);
    expect(s.a.alloc(0, 0, 1, 31, true)).toBe(0);
  });
});

describe('time, locks and trace', () => {
  it('charges an rcache hit lockNs + one magazine op, with no shared lock', () => {
    const s = setup();
    const p = s.a.alloc(0, 0, 1, LIMIT48, true);
    s.a.free(0, 0, p, 1);
    const acq = [...s.env.locks.acquisitions];
    expect(s.a.alloc(0, 5000, 1, LIMIT48, true)).toBe(p);
    expect(s.a.lastEnd).toBe(5000 + C.lockNs + C.magazineOpNs);
    expect([...s.env.locks.acquisitions]).toEqual(acq);
    expect(events(s.env, 'rcache_get').at(-1)).toMatchObject({ t: 5000 + C.lockNs + C.magazineOpNs, cpu: 0, from: 'loaded' });
    expect(s.a.free(0, 9000, p, 1)).toBe(9000 + C.lockNs + C.magazineOpNs);
  });

  it('charges a miss the rcache lookup, the depot check and one rbtree section', () => {
    const s = setup();
    const t = 1000;
    const p = s.a.alloc(0, t, 1, LIMIT48, true);
    expect(p).toBe(LIMIT48);
    const lookup = t + C.lockNs + C.lockNs; // CPU lock, then the (empty) depot's lock
    expect(s.a.lastEnd).toBe(lookup + C.lockNs + rbtreeOpNs(C, 1) + 1 * C.rbtreeWalkStepNs);
    // An uncached free is one rbtree section.
    const q = s.a.alloc(0, 0, 64, LIMIT48, true);
    expect(s.a.free(0, 1e6, q, 64)).toBe(1e6 + C.lockNs + rbtreeOpNs(C, 3));
  });

  it('serialises CPUs on iova_rbtree_lock: the second tree allocation at the same time waits', () => {
    const s = setup();
    s.a.alloc(0, 0, 64, LIMIT48, true);
    const e0 = s.a.lastEnd;
    s.a.alloc(1, 0, 64, LIMIT48, true);
    const e1 = s.a.lastEnd;
    expect(e1).toBeGreaterThan(e0);
    expect(s.env.locks.contended[LOCK_RBTREE]).toBe(1);
    expect(s.env.locks.waitNs[LOCK_RBTREE]).toBeGreaterThan(0);
  });

  it('is deterministic: the same call sequence gives the same trace hash and stats', () => {
    const a = scriptedRun();
    expect(a).toEqual(scriptedRun());
    expect(a.hash).not.toBe('811c9dc5'); // something was traced
  });

  it('rejects invalid options', () => {
    const env = makeEnv(2);
    const ok = { rules: kernelRules('6.5')!, magSize: 128, depotMax: 32, reclaimDelayNs: 1e8, startPfn: 1, dma32Pfn: 2 ** 20 };
    expect(() => createAllocator(env, ok)).not.toThrow();
    expect(() => createAllocator(env, { ...ok, startPfn: 0 })).toThrow(/start_pfn/);
    expect(() => createAllocator(env, { ...ok, magSize: 0 })).toThrow(/magazine size/);
    expect(() => createAllocator(env, { ...ok, rules: undefined as never })).toThrow(/rules/);
    expect(() => createAllocator(env, { ...ok, depotMax: -1 })).toThrow(/depotMax/);
  });

  it('throws on a free of a pfn that is not allocated (a caller bug, not silent corruption)', () => {
    const s = setup();
    expect(() => s.a.free(0, 0, 12345, 64)).toThrow(/not an allocated IOVA/);
  });

  it('reports stats: node counts include the anchor; hits and misses cover cached-class lookups', () => {
    const s = setup({ cpus: 2 });
    expect(s.a.stats().rbtreeNodes).toBe(1);
    const ps = allocMany(s.a, 10, 2);
    for (const p of ps) s.a.free(1, 0, p, 2);
    allocMany(s.a, 4, 2, 1);
    allocMany(s.a, 1, 64, 1);
    const st = s.a.stats();
    expect(st.rbtreeNodes).toBe(1 + 10 + 1);
    expect(st.rbtreeNodesMax).toBe(12);
    expect(st.rcacheHits).toBe(4);
    expect(st.rcacheMisses).toBe(10);
    expect(st.rbtreeAllocs).toBe(11);
    expect(st.cpuCached[1 * 6 + 1]).toBe(6);
    expect(st.magazines).toBe(2 * 2 * 6);
    expect(s.a.treeRanges().at(-1)![0]).toBe(Number.MAX_SAFE_INTEGER);
  });
});
