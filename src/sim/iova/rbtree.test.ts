import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IOVA_ANCHOR, IovaDomain } from './rbtree.ts';
import { sizeClass } from './types.ts';

const DMA32 = 2 ** 20;
const alignOf = (size: number) => 2 ** sizeClass(size);

/** Is there an aligned run of `size` free pfns in [start, limit]? (brute force over the gaps) */
function gapExists(d: IovaDomain, size: number, limit: number): boolean {
  const align = alignOf(size);
  let lo = d.start_pfn;
  const ranges: [number, number][] = [];
  d.forEachRange((l, h) => ranges.push([l, h]));
  for (const [l, h] of [...ranges, [Infinity, Infinity] as [number, number]]) {
    const gapHi = Math.min(l - 1, limit);
    const x = Math.ceil(lo / align) * align;
    if (x + size - 1 <= gapHi) return true;
    lo = Math.max(lo, h + 1);
  }
  return false;
}

describe('IovaDomain: the rbtree allocator (docs/kernel.md §5)', () => {
  it('starts with only the anchor, the highest possible node, as both hints (fact 32)', () => {
    const d = new IovaDomain(1, DMA32);
    expect(d.nodes).toBe(1);
    expect(d.cached_node).toBe(d.anchor);
    expect(d.cached32_node).toBe(d.anchor);
    expect(d.max32_alloc_size).toBe(DMA32);
    const r: number[][] = [];
    d.forEachRange((lo, hi) => r.push([lo, hi]));
    expect(r).toEqual([[IOVA_ANCHOR, IOVA_ANCHOR]]);
  });

  it('fact 29: the first allocation with limit L and size s starts at (L + 1 - s) aligned down', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 300, max: 2 ** 36 }), fc.boolean(), (s, L, below4g) => {
        const limit = below4g ? Math.min(L, DMA32 - 1) : L;
        const d = new IovaDomain(1, DMA32);
        const pfn = d.alloc_iova(s, limit);
        const a = alignOf(s);
        expect(pfn).toBe(Math.floor((limit + 1 - s) / a) * a);
        expect(d.lastWalkSteps).toBe(1); // only the anchor is visited
      }),
    );
  });

  it('allocates top-down: successive 1-granule allocations descend from the limit', () => {
    const d = new IovaDomain(1, DMA32);
    const got = [0, 1, 2, 3].map(() => d.alloc_iova(1, 1000));
    expect(got).toEqual([1000, 999, 998, 997]);
    // Each walk starts at the cached node (the previous allocation) and takes one step.
    expect(d.lastWalkSteps).toBe(1);
    expect(d.cached32_node).toBe(d.tree.find(997));
    expect(d.cached_node).toBe(d.anchor);
  });

  it('uses cached_node for limits above 4 GiB and cached32_node at or below', () => {
    const d = new IovaDomain(1, DMA32);
    const hiPfn = d.alloc_iova(8, 2 ** 36 - 1);
    const loPfn = d.alloc_iova(8, DMA32 - 1);
    expect(d.cached_node).toBe(d.tree.find(hiPfn));
    expect(d.cached32_node).toBe(d.tree.find(loPfn));
    expect(loPfn).toBe(DMA32 - 8);
  });

  it('fact 28/30/32 + completeness: random alloc/free keeps alignment, bounds, no overlap, anchor last', () => {
    const cmd = fc.oneof(
      fc.record({ kind: fc.constant('alloc' as const), size: fc.integer({ min: 1, max: 40 }), limit: fc.constantFrom(255, 511, 900, 1023, 1500, 2047) }),
      fc.record({ kind: fc.constant('free' as const), pick: fc.nat() }),
    );
    let walkFailures = 0;
    let fastFails = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.array(cmd, { maxLength: 250, size: 'max' }), (start, cmds) => {
        // dma32 = 1024: limits on both sides of it exercise both hints and max32.
        const d = new IovaDomain(start, 1024);
        const live: number[] = [];
        for (const c of cmds) {
          if (c.kind === 'alloc') {
            const pfn = d.alloc_iova(c.size, c.limit);
            if (pfn === 0) {
              // A walk that failed really had no room; only the max32 shortcut may refuse early.
              if (!d.lastFastFail) {
                walkFailures++;
                expect(gapExists(d, c.size, c.limit)).toBe(false);
              } else {
                fastFails++;
                expect(c.limit + 1 <= 1024 && c.size >= d.max32_alloc_size).toBe(true);
              }
              continue;
            }
            expect(pfn % alignOf(c.size)).toBe(0);
            expect(pfn).toBeGreaterThanOrEqual(Math.max(start, 1));
            expect(pfn + c.size - 1).toBeLessThanOrEqual(c.limit);
            expect(d.rangeAt(pfn)).toEqual([pfn, pfn + c.size - 1]);
            live.push(pfn);
          } else if (live.length > 0) {
            const [pfn] = live.splice(c.pick % live.length, 1);
            expect(d.free_iova(pfn)).toBe(true);
          }
          d.checkInvariants();
        }
        expect(d.nodes).toBe(live.length + 1);
      }),
      { numRuns: 200 },
    );
    expect(walkFailures).toBeGreaterThan(0);
    expect(fastFails).toBeGreaterThan(0);
  });

  it('fact 31: a 32-bit allocation no smaller than max32_alloc_size fails without walking; a free below 4 GiB resets it', () => {
    const d = new IovaDomain(1, 64);
    // Fill [1, 63] with 1-granule ranges, then one more 32-bit attempt fails by walking.
    for (let i = 0; i < 63; i++) expect(d.alloc_iova(1, 63)).toBe(63 - i);
    expect(d.alloc_iova(1, 63)).toBe(0);
    expect(d.lastFastFail).toBe(false);
    expect(d.max32_alloc_size).toBe(1);
    // Now any 32-bit request fails at once, touching no node.
    expect(d.alloc_iova(2, 63)).toBe(0);
    expect(d.lastFastFail).toBe(true);
    expect(d.lastWalkSteps).toBe(0);
    // A request above 4 GiB is not affected by max32_alloc_size.
    expect(d.alloc_iova(1, 1000)).toBe(1000);
    // Freeing above 4 GiB does not reset it; freeing below does.
    d.free_iova(1000);
    expect(d.max32_alloc_size).toBe(1);
    d.free_iova(10);
    expect(d.max32_alloc_size).toBe(64);
    expect(d.alloc_iova(1, 63)).toBe(10);
  });

  it('fact 31: a failed size blocks only sizes at least as large', () => {
    const d = new IovaDomain(1, 64);
    for (let i = 0; i < 63; i++) d.alloc_iova(1, 63);
    d.free_iova(20); // resets max32; leaves a single 1-granule hole
    expect(d.alloc_iova(4, 63)).toBe(0);
    expect(d.max32_alloc_size).toBe(4);
    expect(d.alloc_iova(8, 63)).toBe(0);
    expect(d.lastFastFail).toBe(true);
    expect(d.alloc_iova(1, 63)).toBe(20); // smaller than the failed size: walks and succeeds
    expect(d.lastFastFail).toBe(false);
  });

  it('retries once above the cached node, from iova_find_limit, when the space below is full', () => {
    for (const dma32 of [DMA32, 256]) {
      const d = new IovaDomain(498, dma32);
      expect(d.alloc_iova(1, 1000)).toBe(1000);
      expect(d.alloc_iova(1, 500)).toBe(500); // moves the hint down to 500
      expect(d.alloc_iova(1, 1000)).toBe(499); // first pass still finds room below the hint
      expect(d.alloc_iova(1, 1000)).toBe(498);
      // Below the hint is full now: pass 1 fails, the retry searches (498, 1001) from the top.
      expect(d.alloc_iova(1, 1000)).toBe(999);
      expect(d.lastWalkSteps).toBe(3); // hint node, then anchor and the node at 1000
      // Below 4 GiB iova_find_limit searches the tree; above it starts at the anchor for free.
      expect(d.lastSearches).toBe(dma32 > 1001 ? 1 : 0);
      d.checkInvariants();
    }
  });

  it('records max32_alloc_size after the retry also fails, and never retries twice', () => {
    const d = new IovaDomain(1, 16);
    for (let i = 0; i < 15; i++) d.alloc_iova(1, 15);
    expect(d.alloc_iova(1, 15)).toBe(0);
    expect(d.max32_alloc_size).toBe(1);
    // Free the top one; the hint moves up to its successor (the anchor), so a new walk finds it.
    d.free_iova(15);
    expect(d.cached32_node).toBe(d.anchor);
    expect(d.alloc_iova(1, 15)).toBe(15);
  });

  it('moves a hint to the successor when its node, or a node above it, is freed', () => {
    const d = new IovaDomain(1, DMA32);
    const [a, b, c] = [d.alloc_iova(1, 100), d.alloc_iova(1, 100), d.alloc_iova(1, 100)]; // 100, 99, 98
    expect(d.cached32_node).toBe(d.tree.find(c));
    d.free_iova(a); // above the hint: hint moves to the freed node's successor (anchor)
    expect(d.cached32_node).toBe(d.anchor);
    const x = d.alloc_iova(1, 100);
    expect(x).toBe(100);
    d.free_iova(c); // below the hint (hint is at 100): stays
    expect(d.cached32_node).toBe(d.tree.find(100));
    d.free_iova(100); // the hint itself
    expect(d.cached32_node).toBe(d.anchor);
    expect(d.rangeAt(b)).toEqual([99, 99]);
  });

  it('refuses to free a pfn that is not allocated, and the anchor', () => {
    const d = new IovaDomain(1, DMA32);
    const p = d.alloc_iova(4, 1000);
    expect(d.free_iova(p + 2)).toBe(true); // any pfn inside the range frees it (find by containment)
    expect(d.free_iova(p)).toBe(false);
    expect(d.free_iova(IOVA_ANCHOR)).toBe(false);
    expect(d.nodes).toBe(1);
  });

  it('handles 48-bit pfns (> 2^32) exactly', () => {
    const d = new IovaDomain(1, DMA32);
    const L = 2 ** 36 - 1;
    const p = d.alloc_iova(33, L); // not a power of two: aligned to 64
    expect(p).toBe(2 ** 36 - 64);
    expect(d.rangeAt(p)).toEqual([p, p + 32]);
    expect(d.alloc_iova(64, L)).toBe(2 ** 36 - 128);
  });
});
