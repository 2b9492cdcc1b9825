import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_COSTS, rbtreeOpNs } from '../costs.ts';
import { LOCK_RBTREE, lockDepot } from '../locks.ts';
import { SRC_DEPOT, SRC_RBTREE, SRC_RCACHE } from '../trace.ts';
import type { Setup } from './testEnv.ts';
import { allocMany, cachedCount, events, runReclaims, setup } from './testEnv.ts';

/** Frees `pfns` (1 granule, class 0) on `cpu` at time t; returns the `to` of each insert. */
function freeAll(s: Setup, pfns: number[], cpu: number, t = 0): string[] {
  const before = s.env.recorder.events.length;
  for (const p of pfns) s.a.free(cpu, t, p, 1);
  return s.env.recorder.events.slice(before).filter((e) => e.ev === 'rcache_insert').map((e) => e.to as string);
}

/** 2M + 60M frees of class 0 on CPU 0 with M = 8 and 4 CPUs. */
function insertStorm(kernel: '6.5' | '6.7'): Setup {
  const M = 8;
  const s = setup({ kernel, magSize: M, cpus: 4 });
  freeAll(s, allocMany(s.a, 2 * M + 60 * M), 0, 0);
  return s;
}

describe('rcache insert/get orders (facts 35-39)', () => {
  it('fact 36: insert goes to loaded, then swaps with prev, then retires the full loaded to the depot', () => {
    const s = setup({ magSize: 4 });
    const to = freeAll(s, allocMany(s.a, 13), 0);
    const L = 'loaded';
    expect(to).toEqual([L, L, L, L, 'prev', L, L, L, 'depot', L, L, L, 'depot']);
    expect(s.a.stats().depotSize[0]).toBe(2);
    expect(s.a.stats().cpuCached[0]).toBe(4 + 1);
  });

  it('fact 37: get takes loaded, then swaps in a non-empty prev, then a depot magazine, else misses', () => {
    const s = setup({ magSize: 4 });
    const pfns = allocMany(s.a, 13);
    freeAll(s, pfns, 0);
    const before = s.env.recorder.events.length;
    const srcs: number[] = [];
    const got: number[] = [];
    for (let i = 0; i < 14; i++) {
      got.push(s.a.alloc(0, 0, 1, 2 ** 36, true));
      srcs.push(s.a.lastSrc);
    }
    const from = events(s.env, 'rcache_get')
      .filter((e) => s.env.recorder.events.indexOf(e) >= before)
      .map((e) => e.from);
    const Ld = 'loaded';
    expect(from).toEqual([Ld, 'prev', Ld, Ld, Ld, 'depot', Ld, Ld, Ld, 'depot', Ld, Ld, Ld, 'miss']);
    const R = SRC_RCACHE;
    expect(srcs).toEqual([R, R, R, R, R, SRC_DEPOT, R, R, R, SRC_DEPOT, R, R, R, SRC_RBTREE]);
    expect(got[0]).toBe(pfns[12]); // the most recently freed pfn comes back first
    expect(new Set(got.slice(0, 13))).toEqual(new Set(pfns));
  });

  it('fact 35: a CPU caches at most 2M pfns per class; insert 2M + 1 is the first depot push', () => {
    for (const M of [127, 128]) {
      const s = setup({ magSize: M, cpus: 2 });
      const to = freeAll(s, allocMany(s.a, 2 * M + 1), 1);
      expect(to.indexOf('depot')).toBe(2 * M);
      expect(to.filter((x) => x === 'depot')).toHaveLength(1);
      expect(s.a.stats().cpuCached[1 * 6 + 0]).toBe(M + 1);
    }
  });

  it('fact 38: a non-empty magazine misses when no cached pfn is under the limit', () => {
    const s = setup({ magSize: 8 });
    const pfns = allocMany(s.a, 4); // near the 48-bit top
    freeAll(s, pfns, 0);
    const p = s.a.alloc(0, 0, 1, 2 ** 20 - 1, false); // 32-bit limit: every cached pfn is above it
    expect(events(s.env, 'rcache_get').at(-1)!.from).toBe('miss');
    expect(p).toBe(2 ** 20 - 1);
    expect(cachedCount(s.a)).toBe(4);
  });

  it('fact 39: every depot magazine is full, whatever the mix of gets and inserts', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 2 })), { maxLength: 400, size: 'max' }), (ops) => {
        const s = setup({ magSize: 4, cpus: 3 });
        const live = allocMany(s.a, 200);
        for (const [isFree, cpu] of ops) {
          if (isFree && live.length > 0) s.a.free(cpu, 0, live.pop()!, 1);
          else if (!isFree) live.push(s.a.alloc(cpu, 0, 1, 2 ** 36, true));
        }
        s.a.checkInvariants(); // throws if a depot magazine is not full
        s.a.rcache.depots[0].forEach((m) => expect(m.full()).toBe(true));
      }),
      { numRuns: 60 },
    );
  });
});

describe('depot caps and magazine-to-rbtree release, eras A/B (facts 40, 42, 43, 48, 49)', () => {
  it('fact 48/49: first depot push at (2M - a - b) + 1, first release at (2M - a - b) + (32 - d) M + 1, then one per M', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8 }), fc.boolean(), fc.integer({ min: 0, max: 32 }), fc.constantFrom('5.15', '6.5'), (a, bFull, d, kernel) => {
        const M = 8;
        const b = bFull ? M : 0; // prev is always empty or full (insert swaps a full one in, get an empty one)
        const s = setup({ magSize: M, cpus: 2, kernel });
        const pool = allocMany(s.a, 2 * M + d * M + 2 * M + 40 * M);
        // d depot magazines, pushed by CPU 1.
        freeAll(s, pool.splice(0, 2 * M + d * M), 1);
        expect(s.a.stats().depotSize[0]).toBe(d);
        // CPU 0: loaded = a, prev = b.
        if (b === M) {
          freeAll(s, pool.splice(0, M + 1), 0); // loaded full, then swap: prev = M, loaded = 1
          if (a === 0) pool.push(s.a.alloc(0, 0, 1, 2 ** 36, true));
          else freeAll(s, pool.splice(0, a - 1), 0);
        } else freeAll(s, pool.splice(0, a), 0);
        expect([s.a.rcache.loaded[0].size, s.a.rcache.prev[0].size]).toEqual([a, b]);
        const to = freeAll(s, pool.splice(0, 2 * M - a - b + (32 - d) * M + 3 * M + 1), 0);
        // The first overflow of loaded/prev: a depot push, or already a release when d = 32.
        const firstOverflow = to.findIndex((x) => x === 'depot' || x === 'rbtree');
        expect(firstOverflow + 1).toBe(2 * M - a - b + 1);
        expect(to[firstOverflow]).toBe(d < 32 ? 'depot' : 'rbtree');
        const firstRelease = 2 * M - a - b + (32 - d) * M + 1;
        expect(to.indexOf('rbtree') + 1).toBe(firstRelease);
        const releases = to.map((x, i) => (x === 'rbtree' ? i + 1 : -1)).filter((i) => i > 0);
        expect(releases).toEqual([firstRelease, firstRelease + M, firstRelease + 2 * M, firstRelease + 3 * M]);
        expect(s.a.stats().depotSize[0]).toBe(32);
        expect(s.a.stats().magsToRbtree).toBe(4);
      }),
      { numRuns: 80 },
    );
  });

  it('fact 48 with real sizes: M = 128, empty caches and depot: push at 257, first release at 4353', () => {
    const s = setup({ magSize: 128 });
    const to = freeAll(s, allocMany(s.a, 4353), 0);
    expect(to.indexOf('depot') + 1).toBe(257);
    expect(to.indexOf('rbtree') + 1).toBe(4353);
  });

  it('fact 40: a release frees all M pfns to the tree in ONE rbtree lock hold, after the depot lock', () => {
    const M = 16;
    const s = setup({ magSize: M, depotMax: 0 });
    const pool = allocMany(s.a, 2 * M + 1);
    freeAll(s, pool.slice(0, 2 * M), 0);
    const nodes = s.a.stats().rbtreeNodes;
    const locks = s.env.locks;
    const acq = locks.acquisitions[LOCK_RBTREE];
    const t0 = 10_000_000; // far past every earlier section: uncontended
    const end = s.a.free(0, t0, pool[2 * M], 1);
    const c = DEFAULT_COSTS;
    let hold = 0;
    for (let k = 0; k < M; k++) hold += rbtreeOpNs(c, nodes - k);
    const depotEnd = t0 + c.lockNs + c.magAllocNs + c.lockNs + c.magazineOpNs;
    const treeEnd = depotEnd + c.magazineOpNs + c.lockNs + hold;
    expect(end).toBe(treeEnd + c.magAllocNs); // + kfree of the emptied magazine
    expect(locks.acquisitions[LOCK_RBTREE]).toBe(acq + 1);
    expect(locks.freeAt[lockDepot(0)]).toBe(depotEnd);
    expect(events(s.env, 'rcache_insert').at(-1)).toMatchObject({ t: treeEnd, to: 'rbtree', cls: 0 });
    expect(s.a.stats().rbtreeNodes).toBe(nodes - M);
    expect(s.a.stats().magsToRbtree).toBe(1);
  });

  it('fact 42: with P = 16 and M = 128 the caches of one class hold at most (2P + 32) M = 8192', () => {
    const P = 16;
    const M = 128;
    const s = setup({ cpus: P, magSize: M });
    expect((2 * P + 32) * M).toBe(8192);
    const pool = allocMany(s.a, 9000);
    let max = 0;
    pool.forEach((p, i) => {
      s.a.free(i % P, 0, p, 1);
      const st = s.a.stats();
      const cached = st.cpuCached.reduce((x, y) => x + y, 0) + st.depotSize[0] * M;
      max = Math.max(max, cached);
    });
    expect(max).toBe(8192);
    expect(cachedCount(s.a)).toBeLessThanOrEqual(8192);
    expect(s.a.stats().depotSize[0]).toBe(32);
  });

  it('fact 43: eras A/B never schedule reclaim and reclaim() changes nothing', () => {
    for (const kernel of ['5.15', '6.5'] as const) {
      const s = setup({ kernel, magSize: 4, cpus: 2 });
      freeAll(s, allocMany(s.a, 200), 0);
      const before = JSON.stringify({ ...s.a.stats(), cpuCached: [...s.a.stats().cpuCached] });
      for (let cls = 0; cls < 6; cls++) s.a.reclaim(cls, 1e12);
      expect(s.env.reclaimLog).toHaveLength(0);
      expect(JSON.stringify({ ...s.a.stats(), cpuCached: [...s.a.stats().cpuCached] })).toBe(before);
      expect(cachedCount(s.a)).toBe(2 * 4 + 32 * 4);
    }
  });
});

describe('era C: unbounded depot and delayed reclaim (facts 41, 50)', () => {
  const DELAY = 100_000_000;

  it('fact 41: unbounded depot; one pending reclaim request; one magazine per run down to num_online_cpus', () => {
    const M = 4;
    const s = setup({ kernel: '6.7', magSize: M, cpus: 2 });
    const to = freeAll(s, allocMany(s.a, 2 * M + 40 * M), 0, 1000);
    expect(to).not.toContain('rbtree'); // never frees to the tree on insert
    expect(s.a.stats().depotSize[0]).toBe(40); // beyond MAX_GLOBAL_MAGS
    // 40 pushes, but only the first requested the work: the rest found it pending.
    expect(s.env.reclaimLog).toHaveLength(1);
    const pushT = s.env.reclaimLog[0].t - DELAY;
    expect(pushT).toBeGreaterThan(1000);
    // Run every reclaim as it falls due.
    const ran = runReclaims(s, 1e13);
    const rec = events(s.env, 'depot_reclaim');
    expect(rec.map((e) => e.depot)).toEqual(Array.from({ length: 38 }, (_, i) => 39 - i));
    expect(rec.every((e) => e.cpu === -1 && e.cls === 0)).toBe(true);
    expect(s.a.stats().depotSize[0]).toBe(2); // the floor: num_online_cpus()
    expect(ran).toBe(39); // 38 that freed one magazine + the last, which found depot_size == cpus
    expect(s.a.stats().magsToRbtree).toBe(38);
    // Each freed magazine re-armed the work IOVA_DEPOT_DELAY after it finished: <= 10 per second.
    for (let i = 1; i < rec.length; i++) expect(rec[i].t - rec[i - 1].t).toBeGreaterThanOrEqual(DELAY);
    expect(s.env.reclaimLog).toHaveLength(39);
  });

  it('fact 41: a push after the work went idle requests it again', () => {
    const M = 4;
    const s = setup({ kernel: '6.7', magSize: M, cpus: 2 });
    const pool = allocMany(s.a, 2 * M + 2 * M);
    freeAll(s, pool.slice(0, 2 * M + 1), 0, 0); // one push
    expect(s.env.reclaimLog).toHaveLength(1);
    runReclaims(s, 1e12); // depot 1 <= 2 CPUs: nothing freed, not re-armed
    expect(s.env.reclaimLog).toHaveLength(1);
    expect(s.a.stats().depotSize[0]).toBe(1);
    freeAll(s, pool.slice(2 * M + 1), 0, 2e12); // M more inserts: one more push
    expect(s.env.reclaimLog).toHaveLength(2);
    expect(s.env.reclaimLog[1].t).toBeGreaterThan(2e12 + DELAY);
  });

  it('fact 50: the same insert storm releases magazines on the insert path in era B but only via reclaim in C', () => {
    const b = insertStorm('6.5');
    expect(events(b.env, 'rcache_insert').filter((e) => e.to === 'rbtree')).toHaveLength(60 - 32);
    expect(b.a.stats().magsToRbtree).toBe(28);
    const c = insertStorm('6.7');
    expect(events(c.env, 'rcache_insert').filter((e) => e.to === 'rbtree')).toHaveLength(0);
    expect(c.a.stats().magsToRbtree).toBe(0);
    runReclaims(c, 1e9); // one second of reclaim: at most 10 magazines for this class
    expect(c.a.stats().magsToRbtree).toBeLessThanOrEqual(10);
    expect(c.a.stats().magsToRbtree).toBeGreaterThan(0);
  });
});

describe('hot-unplug and magazine allocation failure (facts 45, 46)', () => {
  it('fact 45: cpuOffline empties that CPU\'s loaded and prev of every class into the tree, nothing else', () => {
    const M = 4;
    const s = setup({ kernel: '6.7', magSize: M, cpus: 3 });
    const mine = [1, 2, 4, 8, 16, 32].flatMap((len) => allocMany(s.a, 5, len).map((p) => [p, len]));
    const other = allocMany(s.a, 2 * M + 3 * M);
    freeAll(s, other, 2); // CPU 2: full loaded/prev + 3 depot magazines
    for (const [p, len] of mine) s.a.free(1, 0, p, len);
    const st = s.a.stats();
    expect([...st.cpuCached.subarray(6, 12)]).toEqual([5, 5, 5, 5, 5, 5]);
    const end = s.a.cpuOffline(1, 5000);
    expect(end).toBeGreaterThan(5000);
    const after = s.a.stats();
    expect([...after.cpuCached.subarray(6, 12)]).toEqual([0, 0, 0, 0, 0, 0]);
    expect([...after.cpuCached.subarray(12, 18)]).toEqual([...st.cpuCached.subarray(12, 18)]);
    expect(after.depotSize).toEqual(st.depotSize);
    expect(after.rbtreeNodes).toBe(st.rbtreeNodes - 30);
    // num_online_cpus() is now 2: the era-C reclaim floor follows it.
    expect(s.a.rcache.onlineCpus).toBe(2);
    runReclaims(s, 1e12);
    expect(s.a.stats().depotSize[0]).toBe(2);
    s.a.checkInvariants();
  });

  it('fact 46: when no magazine can be allocated the single IOVA is freed to the rbtree', () => {
    const M = 4;
    const cpus = 2;
    const s = setup({ magSize: M, cpus, maxMagazines: 2 * cpus * 6 }); // only the init magazines
    const pool = allocMany(s.a, 2 * M + 1);
    const to = freeAll(s, pool, 0);
    expect(to.at(-1)).toBe('rbtree');
    const st = s.a.stats();
    expect(st.cpuCached[0]).toBe(2 * M); // caches untouched
    expect(st.depotSize[0]).toBe(0);
    expect(st.magsToRbtree).toBe(0); // no magazine was released, one IOVA was
    expect(s.a.iovad.rangeAt(pool[2 * M])).toBeUndefined();
    expect(st.rbtreeNodes).toBe(1 + 2 * M);
  });
});
