// The rbtree IOVA range allocator of one domain (domain.md §6, kernel iova.c): allocated ranges
// [pfn_lo, pfn_hi] keyed by pfn_lo, the anchor sentinel, the cached_node / cached32_node search hints,
// max32_alloc_size, top-down first-fit size-aligned allocation with the retry above the cached node
// (iova_find_limit, post-2021 behaviour) and free by pfn with the cached-hint update.
//
// This file only mutates the tree and reports how much work it did (walk steps, extra searches);
// the allocator (allocator.ts) turns that into time under iova_rbtree_lock.

import { NIL, RangeTree } from './rangeTree.ts';
import { checkRangeTree } from './rangeTreeAudit.ts';
import { sizeClass } from './types.ts';

/**
 * pfn of the anchor node. The kernel uses ~0UL (IOVA_ANCHOR); the largest exactly representable
 * integer plays that role here. It is above every pfn a 64-bit DMA mask can produce in granules.
 */
export const IOVA_ANCHOR = Number.MAX_SAFE_INTEGER;

export class IovaDomain {
  readonly tree: RangeTree;
  /** Node id of the anchor: always present and always the right-most node. */
  readonly anchor: number;
  /** Search start for limits above dma_32bit_pfn (node id). */
  cached_node: number;
  /** Search start for limits at or below dma_32bit_pfn (node id). */
  cached32_node: number;
  /** Size of the last failed allocation; 32-bit requests at least this big fail at once. */
  max32_alloc_size: number;
  /** Gap-walk iterations of the last alloc_iova (each is one node visited under the lock). */
  lastWalkSteps = 0;
  /** Extra O(log n) tree searches of the last alloc_iova (iova_find_limit on the retry). */
  lastSearches = 0;
  /** The last alloc_iova failed on the max32_alloc_size check without walking. */
  lastFastFail = false;

  constructor(
    readonly start_pfn: number,
    readonly dma_32bit_pfn: number,
    capacity = 1024,
  ) {
    if (!(start_pfn >= 1) || !Number.isInteger(start_pfn)) throw new Error(`start_pfn must be an integer >= 1, got ${start_pfn}`);
    if (!(dma_32bit_pfn >= 1) || !Number.isInteger(dma_32bit_pfn)) throw new Error(`dma_32bit_pfn must be an integer >= 1, got ${dma_32bit_pfn}`);
    this.tree = new RangeTree(capacity);
    // init_iova_domain: the anchor is inserted first and both hints point at it.
    this.anchor = this.tree.insert(IOVA_ANCHOR, IOVA_ANCHOR);
    this.cached_node = this.anchor;
    this.cached32_node = this.anchor;
    this.max32_alloc_size = dma_32bit_pfn;
  }

  /** Nodes in the tree, anchor included. */
  get nodes(): number {
    return this.tree.count;
  }

  /**
   * alloc_iova(size, limitPfn, size_aligned = true) -> __alloc_and_insert_iova_range(size, limit + 1)
   * (domain.md §6.2). `limitPfn` is the highest pfn the range may cover. Returns pfn_lo, or 0.
   */
  alloc_iova(size: number, limitPfn: number): number {
    const t = this.tree;
    const lo = t.lo;
    const hi = t.hi;
    const prevN = t.prevN;
    const limit = limitPfn + 1; // exclusive, as the kernel passes it down
    // Step 1: size-aligned means pfn_lo is a multiple of roundup_pow_of_two(size) (fls_long(size-1)).
    // Multiplication/division by a power of two stays exact on float64, unlike `&` beyond 2^31.
    const align = 2 ** sizeClass(size);
    this.lastWalkSteps = 0;
    this.lastSearches = 0;
    this.lastFastFail = false;
    // Step 2: a 32-bit request no smaller than the last failure cannot succeed: fail fast.
    if (limit <= this.dma_32bit_pfn && size >= this.max32_alloc_size) {
      this.lastFastFail = true;
      return 0;
    }
    // Step 3 (__get_cached_rbnode): start below the hint that matches the limit.
    let curr = limit <= this.dma_32bit_pfn ? this.cached32_node : this.cached_node;
    const retry_pfn = hi[curr];
    let high = limit;
    let low = this.start_pfn;
    let newPfn = 0;
    let steps = 0;
    for (;;) {
      // Step 4: walk left; each node caps the gap's top; stop at the first gap the aligned
      // candidate fits (it no longer overlaps the predecessor) or when the candidate drops below low.
      do {
        steps++;
        if (lo[curr] < high) high = lo[curr];
        newPfn = Math.floor((high - size) / align) * align;
        curr = prevN[curr];
      } while (curr !== NIL && newPfn <= hi[curr] && newPfn >= low);
      if (high >= size && newPfn >= low) break;
      // Step 5: first pass failed. If the cached start sat below the limit, the space between it and
      // the limit was never searched: retry there once, starting at the first node at or above the
      // limit (iova_find_limit, "iommu/iova: Improve restart logic", 2021) with retry_pfn = pfn_hi.
      if (low === this.start_pfn && retry_pfn < limit) {
        high = limit;
        low = retry_pfn + 1;
        curr = this.iova_find_limit(limit);
        continue;
      }
      // The kernel records the failed size whatever the limit was.
      this.max32_alloc_size = size;
      this.lastWalkSteps = steps;
      return 0;
    }
    this.lastWalkSteps = steps;
    // Step 6: insert [new, new + size - 1] and point the matching hint at it
    // (__cached_rbnode_insert_update).
    const node = t.insert(newPfn, newPfn + size - 1);
    if (newPfn + size - 1 < this.dma_32bit_pfn) this.cached32_node = node;
    else this.cached_node = node;
    return newPfn;
  }

  /**
   * iova_find_limit: where the retry walk starts. Above 4 GiB the kernel simply uses the anchor
   * (cheap, and right for the common case); below it searches the tree, which costs one more
   * O(log n) descent.
   */
  iova_find_limit(limit: number): number {
    if (limit > this.dma_32bit_pfn) return this.anchor;
    this.lastSearches++;
    return this.tree.lowestEndingAtOrAbove(limit);
  }

  /**
   * free_iova(pfn): find the range containing pfn and remove it (domain.md §6.3), updating the hints
   * first (__cached_rbnode_delete_update). Returns false when no range contains pfn (the kernel
   * silently ignores that case; the allocator treats it as a caller bug).
   */
  free_iova(pfn: number): boolean {
    const t = this.tree;
    const node = t.find(pfn);
    if (node === NIL || node === this.anchor) return false;
    const lo = t.lo;
    const freeLo = lo[node];
    const freeHi = t.hi[node];
    // The successor always exists: the anchor is right-most and never freed.
    const succ = t.nextN[node];
    // A hint at or below the freed range moves up to its successor, so the next walk can see the
    // new gap. cached32 only follows frees below 4 GiB (or of the hinted node itself).
    if (node === this.cached32_node || (freeHi < this.dma_32bit_pfn && freeLo >= lo[this.cached32_node])) {
      this.cached32_node = succ;
    }
    // Freeing anything below 4 GiB re-enables 32-bit attempts.
    if (freeLo < this.dma_32bit_pfn) this.max32_alloc_size = this.dma_32bit_pfn;
    if (freeLo >= lo[this.cached_node]) this.cached_node = succ;
    t.erase(node);
    return true;
  }

  /** The range starting exactly at pfn_lo = pfn, as [lo, hi], or undefined (tests/UI). */
  rangeAt(pfn: number): [number, number] | undefined {
    const n = this.tree.find(pfn);
    return n === NIL || this.tree.lo[n] !== pfn ? undefined : [this.tree.lo[n], this.tree.hi[n]];
  }

  /** Visits every range in ascending order, the anchor last. */
  forEachRange(cb: (lo: number, hi: number) => void): void {
    const t = this.tree;
    for (let x = t.first(); x !== NIL; x = t.nextN[x]) cb(t.lo[x], t.hi[x]);
  }

  /** Structural check for tests: red-black shape, order, no overlap, anchor last, hints live. */
  checkInvariants(): void {
    const t = this.tree;
    checkRangeTree(t);
    if (t.nextN[this.anchor] !== NIL || t.lo[this.anchor] !== IOVA_ANCHOR) throw new Error('anchor is not the right-most node');
    for (const h of [this.cached_node, this.cached32_node]) {
      if (h === NIL || t.find(t.lo[h]) !== h) throw new Error('cached hint points at a freed node');
    }
    const first = t.first();
    if (first !== this.anchor && t.lo[first] < this.start_pfn) throw new Error('range below start_pfn');
  }
}
