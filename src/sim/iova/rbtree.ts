// The rbtree IOVA range allocator of one domain (docs/kernel.md §5, kernel iova.c): allocated ranges
// [pfn_lo, pfn_hi] keyed by pfn_lo, the anchor sentinel, the cached_node / cached32_node search hints,
// max32_alloc_size, top-down first-fit size-aligned allocation with the retry after a failed first
// pass, and free by pfn with the cached-hint update. The retry and the max32_alloc_size reset follow
// the kernel version's rules (kernel/versions.ts), fixed at construction.
//
// This file only mutates the tree and reports how much work it did (walk steps, extra searches);
// the allocator (allocator.ts) turns that into time under iova_rbtree_lock.

import type { KernelRules } from '../kernel/versions.ts';
import { NIL, RangeTree } from './rangeTree.ts';
import { checkRangeTree } from './rangeTreeAudit.ts';
import { RETRY_FAILED, RETRY_NONE, RETRY_OK, sizeClass } from './types.ts';

/** The rules this file reads; the default is the newest behaviour (v6.2+ / v5.15.y). */
export type TreeRules = Pick<KernelRules, 'retry' | 'retryPfnWraps' | 'max32ResetAnyFree'>;
export const LATEST_TREE_RULES: TreeRules = { retry: 'findLimit', retryPfnWraps: false, max32ResetAnyFree: true };

const NO_RETRY = 0;
const FROM_ANCHOR = 1;
const FROM_FIND_LIMIT = 2;

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
  /** RETRY_NONE / RETRY_FAILED / RETRY_OK: what the last alloc_iova's second pass did. */
  lastRetry = RETRY_NONE;
  /** Resets of max32_alloc_size that re-enabled 32-bit walks (it was below dma_32bit_pfn). */
  max32Resets = 0;
  // The version's rules as plain values (read on every allocation / free).
  private readonly retryMode: number;
  private readonly retryPfnWraps: boolean;
  private readonly max32ResetAnyFree: boolean;

  constructor(
    readonly start_pfn: number,
    readonly dma_32bit_pfn: number,
    capacity = 1024,
    rules: TreeRules = LATEST_TREE_RULES,
  ) {
    this.retryMode = rules.retry === 'none' ? NO_RETRY : rules.retry === 'anchor' ? FROM_ANCHOR : FROM_FIND_LIMIT;
    this.retryPfnWraps = rules.retryPfnWraps;
    this.max32ResetAnyFree = rules.max32ResetAnyFree;
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
   * (docs/kernel.md §5). `limitPfn` is the highest pfn the range may cover. Returns pfn_lo, or 0.
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
    this.lastRetry = RETRY_NONE;
    // Step 2: a 32-bit request no smaller than the last failure cannot succeed: fail fast.
    if (limit <= this.dma_32bit_pfn && size >= this.max32_alloc_size) {
      this.lastFastFail = true;
      return 0;
    }
    // Step 3 (__get_cached_rbnode): start below the hint that matches the limit.
    let curr = limit <= this.dma_32bit_pfn ? this.cached32_node : this.cached_node;
    const hintIsAnchor = curr === this.anchor;
    const retry_hi = hi[curr];
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
      // the limit was never searched: retry there once (none before 4e89dce72521, v5.11).
      if (low === this.start_pfn && this.retryMode !== NO_RETRY) {
        // dcdb3ba7e2a8 (v6.2): retry_pfn = pfn_hi, low = retry_pfn + 1. Before it retry_pfn was
        // pfn_hi + 1, which wraps to 0 at the anchor (pfn_hi = ~0UL): a second walk with low = 0.
        const retry_pfn = this.retryPfnWraps ? (hintIsAnchor ? 0 : retry_hi + 1) : retry_hi;
        if (retry_pfn < limit) {
          high = limit;
          low = this.retryPfnWraps ? retry_pfn : retry_pfn + 1;
          // 4e89dce72521 (v5.11-5.12) restarts at the anchor, so a 32-bit request also walks every
          // node above the limit; "Improve restart logic" (v5.13) starts at iova_find_limit.
          curr = this.retryMode === FROM_ANCHOR ? this.anchor : this.iova_find_limit(limit);
          this.lastRetry = RETRY_FAILED;
          continue;
        }
      }
      // The kernel records the failed size whatever the limit was.
      this.max32_alloc_size = size;
      this.lastWalkSteps = steps;
      return 0;
    }
    if (newPfn < this.start_pfn) {
      // Only after a wrapped retry (low = 0): the kernel inserts a node at pfn 0 and its caller sees
      // pfn 0 as a failure, leaking that node once; the lab fails without inserting (docs/model.md).
      this.max32_alloc_size = size;
      this.lastWalkSteps = steps;
      return 0;
    }
    if (this.lastRetry === RETRY_FAILED) this.lastRetry = RETRY_OK;
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
   * free_iova(pfn): find the range containing pfn and remove it (docs/kernel.md §5:
   * private_find_iova, remove_iova), updating the hints
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
      // Before 5b61343b5059 (v5.18, 5.15.y) only this branch re-enabled 32-bit attempts.
      if (!this.max32ResetAnyFree) this.resetMax32();
    }
    // Since 5b61343b5059 freeing anything below 4 GiB re-enables 32-bit attempts.
    if (this.max32ResetAnyFree && freeLo < this.dma_32bit_pfn) this.resetMax32();
    if (freeLo >= lo[this.cached_node]) this.cached_node = succ;
    t.erase(node);
    return true;
  }

  private resetMax32(): void {
    if (this.max32_alloc_size !== this.dma_32bit_pfn) {
      this.max32_alloc_size = this.dma_32bit_pfn;
      this.max32Resets++;
    }
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
