// The IOMMU's IOTLB: a capacity-limited cache of translations, filled when the device accesses a
// mapping (one translation per mapping, FIFO replacement). When a mapping is unmapped its cached
// translation, if any, is "unmapped"; once dma_unmap has returned while it is still cached it is
// **stale**: the device could still reach the old page (docs/kernel.md §7). It stops being stale when
// an invalidation covers it (strict: the range sync before the unmap returns; lazy: the next
// flush_iotlb_all that *started after* its page-table entries were cleared) or when it is evicted.
//
// flush_iotlb_all drops every valid translation; an epoch counter makes that O(1), and only the
// (few) unmapped entries are walked.

const EMPTY = 0;
const VALID = 1;
/** Page-table entries cleared; dma_unmap has not returned yet. */
const UNMAPPED = 2;
/** dma_unmap returned, translation still cached. */
const STALE = 3;

export class Iotlb {
  /** Unique id of the mapping whose translation a slot holds (I/O slots are reused; ids are not). */
  private readonly key: Float64Array;
  private readonly state: Uint8Array;
  private readonly epoch: Float64Array;
  private readonly unmapAt: Float64Array;
  private readonly returnAt: Float64Array;
  private readonly slotOfIo: Int32Array;
  /** Slots in UNMAPPED or STALE state (swap-remove list) and each slot's position in it. */
  private readonly pending: Int32Array;
  private readonly pendingPos: Int32Array;
  private npending = 0;
  private hand = 0;
  private cur = 1;
  staleNow = 0;
  staleMax = 0;
  /** Longest time a translation stayed cached after its dma_unmap returned. */
  staleMaxNs = 0;
  staleTotalNs = 0;
  staleEnded = 0;
  fills = 0;

  constructor(
    private readonly cap: number,
    ios: number,
  ) {
    this.key = new Float64Array(cap).fill(-1);
    this.state = new Uint8Array(cap);
    this.epoch = new Float64Array(cap);
    this.unmapAt = new Float64Array(cap);
    this.returnAt = new Float64Array(cap);
    this.pending = new Int32Array(cap);
    this.pendingPos = new Int32Array(cap);
    this.slotOfIo = new Int32Array(ios).fill(-1);
  }

  private alive(slot: number): boolean {
    return this.state[slot] !== EMPTY && (this.epoch[slot] === this.cur || this.state[slot] !== VALID);
  }

  /** The slot holding the translation of mapping `key` (made by I/O slot `io`), or -1. */
  private find(io: number, key: number): number {
    const s = this.slotOfIo[io];
    return s >= 0 && this.key[s] === key && this.alive(s) ? s : -1;
  }

  /** The device accessed mapping `key` (I/O slot `io`) at t: a miss fills a translation (evicting FIFO). */
  access(io: number, key: number, t: number): void {
    if (this.find(io, key) >= 0) return;
    const slot = this.hand;
    this.hand = this.hand + 1 === this.cap ? 0 : this.hand + 1;
    if (this.alive(slot)) this.remove(slot, t);
    this.key[slot] = key;
    this.state[slot] = VALID;
    this.epoch[slot] = this.cur;
    this.slotOfIo[io] = slot;
    this.fills++;
  }

  /** iommu_unmap_fast cleared io's page-table entries at t. */
  unmapped(io: number, key: number, t: number): void {
    const s = this.find(io, key);
    if (s < 0 || this.state[s] !== VALID) return;
    this.state[s] = UNMAPPED;
    this.unmapAt[s] = t;
    this.pendingPos[s] = this.npending;
    this.pending[this.npending++] = s;
  }

  /** dma_unmap for io returned at t: a still-cached translation is now stale. */
  returned(io: number, key: number, t: number): void {
    const s = this.find(io, key);
    if (s < 0 || this.state[s] !== UNMAPPED) return;
    this.state[s] = STALE;
    this.returnAt[s] = t;
    if (++this.staleNow > this.staleMax) this.staleMax = this.staleNow;
  }

  /** Strict-mode range invalidation + sync for io completed at t. */
  invalidateRange(io: number, key: number, t: number): void {
    const s = this.find(io, key);
    if (s >= 0) this.remove(s, t);
  }

  /**
   * flush_iotlb_all completed at t. It covers every translation cached when it started, so unmapped
   * entries whose PTEs were cleared before `flushStart` go; entries unmapped during the flush may
   * have been re-walked and stay (conservative).
   */
  invalidateAll(flushStart: number, t: number): void {
    this.cur++;
    for (let i = this.npending - 1; i >= 0; i--) {
      const s = this.pending[i];
      if (this.unmapAt[s] < flushStart) this.remove(s, t);
    }
  }

  private remove(s: number, t: number): void {
    const st = this.state[s];
    if (st === STALE) {
      const w = t - this.returnAt[s];
      this.staleTotalNs += w;
      if (w > this.staleMaxNs) this.staleMaxNs = w;
      this.staleEnded++;
      this.staleNow--;
    }
    if (st === STALE || st === UNMAPPED) {
      const p = this.pendingPos[s];
      const last = this.pending[--this.npending];
      this.pending[p] = last;
      this.pendingPos[last] = p;
    }
    this.state[s] = EMPTY;
    this.key[s] = -1;
  }

  /** Longest stale window including entries still stale at time t. */
  staleMaxAt(t: number): number {
    let m = this.staleMaxNs;
    for (let i = 0; i < this.npending; i++) {
      const s = this.pending[i];
      if (this.state[s] === STALE && t - this.returnAt[s] > m) m = t - this.returnAt[s];
    }
    return m;
  }

  /** Snapshot counts for views: [valid, unmapped-or-stale, stale]. */
  counts(): { valid: number; stale: number; unmapped: number } {
    let valid = 0;
    for (let s = 0; s < this.cap; s++) if (this.state[s] === VALID && this.epoch[s] === this.cur) valid++;
    return { valid, stale: this.staleNow, unmapped: this.npending - this.staleNow };
  }
}
