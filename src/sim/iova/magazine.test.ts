import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Depot, MAX_GLOBAL_MAGS } from './depot.ts';
import { IOVA_MAG_SIZE, IOVA_MAG_SIZE_PRE_V6_0, Magazine, MagazinePool } from './magazine.ts';

describe('Magazine', () => {
  it('fact 35/44: holds IOVA_MAG_SIZE pfns; 127 (+1 header word) makes exactly 1 KiB', () => {
    expect(IOVA_MAG_SIZE).toBe(127);
    expect(IOVA_MAG_SIZE_PRE_V6_0).toBe(128);
    expect((IOVA_MAG_SIZE + 1) * 8).toBe(1024);
    const m = new Magazine(IOVA_MAG_SIZE);
    for (let i = 1; i <= 127; i++) {
      expect(m.full()).toBe(false);
      m.push(i);
    }
    expect(m.full()).toBe(true);
    expect(m.size).toBe(127);
  });

  it('fact 38: pop takes the highest-index pfn under the limit and moves the last element into its slot', () => {
    const m = new Magazine(8);
    for (const p of [5, 100, 7, 200]) m.push(p);
    expect(m.pop(150)).toBe(7);
    expect(Array.from(m.pfns.subarray(0, m.size))).toEqual([5, 100, 200]);
    expect(m.pop(4)).toBe(0); // non-empty, but nothing fits: a miss
    expect(m.size).toBe(3);
    expect(m.pop(Infinity)).toBe(200); // no limit: plain LIFO
    expect(m.pop(100)).toBe(100);
    expect(m.pop(100)).toBe(5);
    expect(m.empty()).toBe(true);
    expect(m.pop(Infinity)).toBe(0);
  });

  it('pop agrees with a reference model for random contents and limits', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 1000 }), { maxLength: 16, size: 'max' }), fc.array(fc.integer({ min: 0, max: 1000 })), (pfns, limits) => {
        const m = new Magazine(16);
        const ref = [...pfns];
        for (const p of pfns) m.push(p);
        for (const lim of limits) {
          let i = ref.length - 1;
          while (i >= 0 && ref[i] > lim) i--;
          const want = i < 0 ? 0 : ref[i];
          if (i >= 0) {
            ref[i] = ref[ref.length - 1];
            ref.pop();
          }
          expect(m.pop(lim)).toBe(want);
          expect(Array.from(m.pfns.subarray(0, m.size))).toEqual(ref);
        }
      }),
    );
  });
});

describe('MagazinePool', () => {
  it('reuses freed magazines and counts live ones', () => {
    const pool = new MagazinePool(4);
    const a = pool.alloc(true)!;
    a.push(9);
    pool.free(a);
    const b = pool.alloc(true)!;
    expect(b).toBe(a);
    expect(b.size).toBe(0);
    expect(pool.live).toBe(1);
    expect(pool.liveMax).toBe(1);
  });

  it('fact 46 (fault injection): atomic allocations fail at the cap, init allocations never do', () => {
    const pool = new MagazinePool(4, 2);
    expect(pool.alloc(false)).not.toBeNull();
    expect(pool.alloc(false)).not.toBeNull();
    expect(pool.alloc(false)).not.toBeNull();
    expect(pool.alloc(true)).toBeNull();
    expect(pool.live).toBe(3);
  });
});

function full(m: number): Magazine {
  const mag = new Magazine(m);
  for (let i = 1; i <= m; i++) mag.push(i);
  return mag;
}

describe('Depot', () => {
  it('fact 39: refuses magazines that are not full', () => {
    const d = new Depot(MAX_GLOBAL_MAGS);
    const half = new Magazine(4);
    half.push(1);
    expect(() => d.push(half)).toThrow(/full/);
    expect(d.depot_size).toBe(0);
  });

  it('fact 40: a fixed depot holds MAX_GLOBAL_MAGS magazines and is LIFO', () => {
    const d = new Depot(MAX_GLOBAL_MAGS);
    const mags = Array.from({ length: 33 }, () => full(2));
    for (let i = 0; i < 32; i++) expect(d.push(mags[i])).toBe(true);
    expect(d.push(mags[32])).toBe(false);
    expect(d.depot_size).toBe(32);
    expect(d.pop()).toBe(mags[31]);
  });

  it('fact 41: a v6.7+ depot is unbounded', () => {
    const d = new Depot(Infinity);
    for (let i = 0; i < 1000; i++) expect(d.push(full(1))).toBe(true);
    expect(d.depot_size).toBe(1000);
  });
});
