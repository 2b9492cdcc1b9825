import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NIL, RangeTree } from './rangeTree.ts';
import { checkRangeTree } from './rangeTreeAudit.ts';

// Ranges are [10k, 10k + w] with w < 10, so any set of distinct k is non-overlapping.
type Op = { ins: boolean; k: number; w: number };
const opArb = fc.record({ ins: fc.boolean(), k: fc.integer({ min: 0, max: 60 }), w: fc.integer({ min: 0, max: 9 }) });

function inorder(t: RangeTree): number[] {
  const out: number[] = [];
  for (let x = t.first(); x !== NIL; x = t.nextN[x]) out.push(t.lo[x]);
  return out;
}

describe('RangeTree (red-black tree of disjoint ranges)', () => {
  it('matches a sorted-array model under random inserts and erases, keeping RB invariants', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 300, size: 'max' }), (ops: Op[]) => {
        const t = new RangeTree(4); // tiny pool: exercises growth
        const model = new Map<number, { id: number; hi: number }>();
        for (const op of ops) {
          const lo = op.k * 10;
          const cur = model.get(lo);
          if (op.ins && !cur) {
            const id = t.insert(lo, lo + op.w);
            model.set(lo, { id, hi: lo + op.w });
          } else if (!op.ins && cur) {
            t.erase(cur.id);
            model.delete(lo);
          }
          checkRangeTree(t);
        }
        const keys = [...model.keys()].sort((x, y) => x - y);
        expect(inorder(t)).toEqual(keys);
        expect(t.count).toBe(keys.length);
        // Node ids are stable: each surviving id still holds its own range.
        for (const [lo, { id, hi }] of model) {
          expect([t.lo[id], t.hi[id]]).toEqual([lo, hi]);
          expect(t.find(lo)).toBe(id);
          expect(t.find(hi)).toBe(id);
        }
        // find / lowestEndingAtOrAbove / threading against the model for every probe point.
        for (let p = 0; p <= 620; p++) {
          const hit = keys.find((lo) => lo <= p && p <= model.get(lo)!.hi);
          expect(t.find(p)).toBe(hit === undefined ? NIL : model.get(hit)!.id);
          const above = keys.find((lo) => model.get(lo)!.hi >= p);
          expect(t.lowestEndingAtOrAbove(p)).toBe(above === undefined ? NIL : model.get(above)!.id);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('stays balanced: depth is O(log n) after 20,000 ascending inserts and half erased', () => {
    const t = new RangeTree();
    const ids: number[] = [];
    for (let i = 0; i < 20000; i++) ids.push(t.insert(i * 2, i * 2));
    for (let i = 0; i < 20000; i += 2) t.erase(ids[i]);
    checkRangeTree(t);
    let maxDepth = 0;
    const walk = (x: number, d: number) => {
      if (x === NIL) return;
      maxDepth = Math.max(maxDepth, d);
      walk(t.left[x], d + 1);
      walk(t.right[x], d + 1);
    };
    walk(t.root, 1);
    expect(t.count).toBe(10000);
    expect(maxDepth).toBeLessThanOrEqual(2 * Math.log2(10001) + 1); // red-black bound
  });

  it('reuses freed slots instead of growing', () => {
    const t = new RangeTree(8);
    const cap = t.lo.length;
    for (let round = 0; round < 100; round++) {
      const ids = [1, 2, 3, 4, 5].map((k) => t.insert(k * 10, k * 10));
      for (const id of ids) t.erase(id);
    }
    expect(t.lo.length).toBe(cap);
    expect(t.count).toBe(0);
  });

  it('stores pfns beyond 2^32 exactly', () => {
    const t = new RangeTree();
    const lo = 2 ** 36 - 64;
    const id = t.insert(lo, lo + 63);
    expect(t.find(2 ** 36 - 1)).toBe(id);
    expect(t.hi[id]).toBe(2 ** 36 - 1);
  });
});
