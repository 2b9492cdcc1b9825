// IOVA magazines (docs/kernel.md §6; kernel struct iova_magazine): a fixed-capacity
// stack of cached pfns of one size class, after Bonwick & Adams' magazine allocator. Magazine objects
// come from a pool so the steady state allocates nothing; the pool also counts live magazines (their
// memory is what Pasha Tatashin measured in "iommu/iova: change IOVA_MAG_SIZE to 127"'s thread) and
// can model a failing GFP_ATOMIC allocation (iova_magazine_alloc in __iova_rcache_insert).

/** IOVA_MAG_SIZE since v6.0: 127 pfns + the size/next word = exactly 1 KiB. */
export const IOVA_MAG_SIZE = 127;
/** IOVA_MAG_SIZE before v6.0. */
export const IOVA_MAG_SIZE_PRE_V6_0 = 128;

export class Magazine {
  size = 0;
  readonly pfns: Float64Array;

  constructor(capacity: number) {
    this.pfns = new Float64Array(capacity);
  }

  /** iova_magazine_full */
  full(): boolean {
    return this.size === this.pfns.length;
  }

  /** iova_magazine_empty */
  empty(): boolean {
    return this.size === 0;
  }

  /** iova_magazine_push: the caller has checked the magazine is not full. */
  push(pfn: number): void {
    this.pfns[this.size++] = pfn;
  }

  /**
   * iova_magazine_pop before e8b198402745 ("iommu/iova: Try harder to allocate from rcache
   * magazine"): only the top pfn is considered; a miss if it is above max_pfn, however many pfns
   * under the limit sit below it.
   */
  popTop(maxPfn: number): number {
    if (this.size === 0 || this.pfns[this.size - 1] > maxPfn) return 0;
    return this.pfns[--this.size];
  }

  /**
   * iova_magazine_pop(max_pfn) since e8b198402745: scan from the last element down for the first pfn <= max_pfn; take
   * it and move the last element into its slot. Returns 0 (a miss, even though the magazine is
   * non-empty) when no cached pfn fits under the limit (docs/kernel.md §6).
   */
  pop(maxPfn: number): number {
    const p = this.pfns;
    let i = this.size - 1;
    while (i >= 0 && p[i] > maxPfn) i--;
    if (i < 0) return 0;
    const pfn = p[i];
    p[i] = p[--this.size];
    return pfn;
  }
}

/**
 * iova_magazine_alloc / iova_magazine_free, pooled. `maxMagazines` caps live magazine objects for
 * allocations that may fail (the insert path's GFP_ATOMIC allocation); the per-CPU magazines set up
 * at domain init are never refused.
 */
export class MagazinePool {
  private readonly spare: Magazine[] = [];
  /** Magazine objects currently allocated (per-CPU loaded/prev + depot). */
  live = 0;
  liveMax = 0;

  constructor(
    readonly capacity: number,
    private readonly maxMagazines = Infinity,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`magazine size must be an integer >= 1, got ${capacity}`);
  }

  /** An empty magazine; null when the allocation fails (only with `atomic` and the cap reached). */
  alloc(atomic: boolean): Magazine | null {
    if (atomic && this.live >= this.maxMagazines) return null;
    const mag = this.spare.pop() ?? new Magazine(this.capacity);
    if (++this.live > this.liveMax) this.liveMax = this.live;
    return mag;
  }

  /** Returns a magazine (its pfns must already be elsewhere) to the pool. */
  free(mag: Magazine): void {
    mag.size = 0;
    this.live--;
    this.spare.push(mag);
  }
}
