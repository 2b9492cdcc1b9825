// The IOVA range caches (docs/kernel.md §6; kernel iova.c "rcache"): per CPU and size class a `loaded`
// and a `prev` magazine behind the CPU's rcache lock, and per class a depot (depot.ts). Implements
// __iova_rcache_insert, __iova_rcache_get, the v6.7+ depot reclaim work (iova_depot_work_func,
// 233045378dbb) and the cache flushing paths (free_cpu_cached_iovas, free_global_cached_iovas).
// Whatever leaves the caches for the rbtree goes through
// `iova_magazine_free_pfns`, which the allocator provides (one iova_rbtree_lock hold per magazine).
//
// Time: the per-CPU lock is uncontended by construction (only its CPU takes it, except hotplug and
// the allocation-failure flush), so it costs `lockNs` and is not a Locks resource; depot locks are.
// Each method starts at `t` and leaves the CPU's finishing time in `lastEnd`.

import type { Costs } from '../costs.ts';
import type { Locks } from '../locks.ts';
import { lockDepot } from '../locks.ts';
import type { TraceSink } from '../trace.ts';
import { EV, FROM_DEPOT, FROM_LOADED, FROM_MISS, FROM_PREV, TO_DEPOT, TO_LOADED, TO_PREV, TO_RBTREE } from '../trace.ts';
import { Depot } from './depot.ts';
import type { Magazine } from './magazine.ts';
import { MagazinePool } from './magazine.ts';
import type { AllocEnv, AllocatorOptions } from './types.ts';
import { IOVA_RANGE_CACHE_MAX_SIZE } from './types.ts';

const CLASSES = IOVA_RANGE_CACHE_MAX_SIZE;

/** Where magazines are emptied into the rbtree (the allocator). */
export interface MagazineSink {
  /** iova_magazine_free_pfns: frees every pfn of `mag` to the rbtree, empties it, returns the end time. */
  iova_magazine_free_pfns(mag: Magazine, t: number): number;
}

export class IovaRcache {
  /** `loaded` magazine of (cpu, class) at index cpu * IOVA_RANGE_CACHE_MAX_SIZE + cls. */
  readonly loaded: Magazine[] = [];
  /** `prev` magazine, same indexing. */
  readonly prev: Magazine[] = [];
  readonly depots: Depot[] = [];
  readonly pool: MagazinePool;
  /** num_online_cpus(): env.cpus minus CPUs taken offline with cpuOffline. */
  onlineCpus: number;
  /** Magazines freed whole to the rbtree: fixed-depot insert overflow and depot-list reclaim (not the failure flush). */
  magsToRbtree = 0;
  /** End time of the last operation. */
  lastEnd = 0;
  /** Outcome of the last get (FROM_*). */
  lastFrom = FROM_MISS;

  private readonly costs: Costs;
  private readonly locks: Locks;
  private readonly trace: TraceSink;
  private readonly offline: Uint8Array;
  /** v6.7+ (911aa1245da8): the depot is an unbounded list with delayed reclaim. */
  private readonly depotIsList: boolean;
  /** e8b198402745: iova_magazine_pop scans the magazine; false = top pfn only. */
  private readonly popScans: boolean;

  constructor(
    private readonly env: AllocEnv,
    private readonly opts: AllocatorOptions,
    private readonly sink: MagazineSink,
  ) {
    this.costs = env.costs;
    this.locks = env.locks;
    this.trace = env.trace;
    this.depotIsList = opts.rules.depotIsList;
    this.popScans = opts.rules.magazinePopScans;
    this.pool = new MagazinePool(opts.magSize, opts.maxMagazines);
    this.onlineCpus = env.cpus;
    this.offline = new Uint8Array(env.cpus);
    // init_iova_rcaches: every CPU starts with an empty loaded and prev magazine per class.
    for (let i = 0; i < env.cpus * CLASSES; i++) {
      this.loaded.push(this.pool.alloc(false)!);
      this.prev.push(this.pool.alloc(false)!);
    }
    for (let c = 0; c < CLASSES; c++) this.depots.push(new Depot(this.depotIsList ? Infinity : opts.depotMax));
  }

  /**
   * __iova_rcache_insert on `cpu` (the executing CPU: raw_cpu_ptr). Returns false when a new magazine
   * could not be allocated; the caller then frees this one IOVA to the rbtree (__iova_rcache_insert
   * when iova_magazine_alloc(GFP_ATOMIC) fails).
   */
  insert(cpu: number, cls: number, pfn: number, t: number): boolean {
    const c = this.costs;
    const i = cpu * CLASSES + cls;
    const loaded = this.loaded[i];
    t += c.lockNs;
    // 1. room in loaded
    if (!loaded.full()) {
      loaded.push(pfn);
      t += c.magazineOpNs;
      return this.inserted(cpu, cls, TO_LOADED, t);
    }
    // 2. loaded full, prev has room: swap, push
    const prev = this.prev[i];
    if (!prev.full()) {
      this.loaded[i] = prev;
      this.prev[i] = loaded;
      prev.push(pfn);
      t += 2 * c.magazineOpNs;
      return this.inserted(cpu, cls, TO_PREV, t);
    }
    // 3. both full: a new empty magazine (GFP_ATOMIC, may fail)
    const fresh = this.pool.alloc(true);
    t += c.magAllocNs;
    if (fresh === null) {
      this.lastEnd = t;
      return false;
    }
    // 4. the full loaded goes to the depot, or (fixed depot full, <= v6.6) is marked mag_to_free.
    const depot = this.depots[cls];
    t = this.locks.section(lockDepot(cls), t, c.magazineOpNs);
    const stored = depot.push(loaded);
    if (stored && this.depotIsList) this.requestReclaim(cls, t);
    this.loaded[i] = fresh;
    fresh.push(pfn);
    t += c.magazineOpNs;
    if (stored) return this.inserted(cpu, cls, TO_DEPOT, t);
    // 5. (fixed depot) after dropping the CPU lock: the whole magazine goes back to the rbtree.
    t = this.sink.iova_magazine_free_pfns(loaded, t);
    this.magsToRbtree++;
    const end = t + c.magAllocNs;
    this.inserted(cpu, cls, TO_RBTREE, t);
    this.pool.free(loaded);
    this.lastEnd = end;
    return true;
  }

  /**
   * __iova_rcache_get on `cpu`: a cached pfn <= maxPfn, or 0 (miss). `lastFrom` says which magazine
   * served it (FROM_MISS on a miss, including a non-empty magazine with nothing under the limit).
   */
  get(cpu: number, cls: number, maxPfn: number, t: number): number {
    const c = this.costs;
    const i = cpu * CLASSES + cls;
    let loaded = this.loaded[i];
    let from = FROM_LOADED;
    t += c.lockNs;
    if (loaded.empty()) {
      const prev = this.prev[i];
      if (!prev.empty()) {
        this.loaded[i] = prev;
        this.prev[i] = loaded;
        loaded = prev;
        t += c.magazineOpNs;
        from = FROM_PREV;
      } else {
        // 3. both empty: take a full magazine from the depot, freeing the empty loaded under the lock.
        const depot = this.depots[cls];
        const has = depot.depot_size > 0;
        t = this.locks.section(lockDepot(cls), t, has ? c.magazineOpNs + c.magAllocNs : 0);
        if (has) {
          this.pool.free(loaded);
          loaded = depot.pop()!;
          this.loaded[i] = loaded;
          from = FROM_DEPOT;
        } else from = FROM_MISS;
      }
    }
    let pfn = 0;
    if (from !== FROM_MISS) {
      pfn = this.popScans ? loaded.pop(maxPfn) : loaded.popTop(maxPfn);
      t += c.magazineOpNs;
      if (pfn === 0) from = FROM_MISS;
    }
    this.trace.emit(EV.rcache_get, t, cpu, cls, from);
    this.lastFrom = from;
    this.lastEnd = t;
    return pfn;
  }

  /**
   * iova_depot_work_func (v6.7+, off-CPU kworker): frees at most one magazine of class `cls` to the
   * rbtree while more than num_online_cpus() magazines sit in the depot, then re-arms itself
   * IOVA_DEPOT_DELAY later. A no-op with the fixed depot (<= v6.6): no time-based shrinking
   * (MAX_GLOBAL_MAGS kernels have no depot work).
   */
  reclaim(cls: number, t: number): void {
    if (!this.depotIsList) return;
    const depot = this.depots[cls];
    depot.reclaimPending = false;
    const take = depot.depot_size > this.onlineCpus;
    t = this.locks.section(lockDepot(cls), t, take ? this.costs.magazineOpNs : 0);
    if (!take) {
      this.lastEnd = t;
      return;
    }
    const mag = depot.pop()!;
    t = this.sink.iova_magazine_free_pfns(mag, t);
    this.pool.free(mag);
    this.magsToRbtree++;
    this.trace.emit(EV.depot_reclaim, t, -1, cls, depot.depot_size);
    t += this.costs.magAllocNs;
    this.requestReclaim(cls, t);
    this.lastEnd = t;
  }

  /** free_cpu_cached_iovas(cpu): empties that CPU's loaded and prev of every class into the rbtree. */
  free_cpu_cached_iovas(cpu: number, t: number): number {
    for (let cls = 0; cls < CLASSES; cls++) {
      const i = cpu * CLASSES + cls;
      t += this.costs.lockNs;
      t = this.sink.iova_magazine_free_pfns(this.loaded[i], t);
      t = this.sink.iova_magazine_free_pfns(this.prev[i], t);
    }
    return t;
  }

  /**
   * free_global_cached_iovas: every depot magazine of every class back to the rbtree. Simplified
   * timing: the kernel frees under the depot lock; here the depot lock covers detaching the
   * magazines and the rbtree sections follow it (the path only runs after an allocation failure).
   */
  free_global_cached_iovas(t: number): number {
    for (let cls = 0; cls < CLASSES; cls++) {
      const depot = this.depots[cls];
      const n = depot.depot_size;
      t = this.locks.section(lockDepot(cls), t, n * this.costs.magazineOpNs);
      for (let k = 0; k < n; k++) {
        const mag = depot.pop()!;
        t = this.sink.iova_magazine_free_pfns(mag, t);
        this.pool.free(mag);
        t += this.costs.magAllocNs;
      }
    }
    return t;
  }

  /** Every online CPU's caches, then the depots (alloc_iova_fast's flush before its retry). */
  flushAll(t: number): number {
    for (let cpu = 0; cpu < this.env.cpus; cpu++) {
      if (!this.offline[cpu]) t = this.free_cpu_cached_iovas(cpu, t);
    }
    return this.free_global_cached_iovas(t);
  }

  /** CPU hot-unplug (iova_cpuhp_dead -> free_cpu_cached_iovas): empty its caches; no longer online. */
  cpuOffline(cpu: number, t: number): number {
    if (!this.offline[cpu]) {
      this.offline[cpu] = 1;
      this.onlineCpus--;
    }
    return this.free_cpu_cached_iovas(cpu, t);
  }

  /** PFNs cached in loaded + prev of (cpu, cls). */
  cpuCached(cpu: number, cls: number): number {
    const i = cpu * CLASSES + cls;
    return this.loaded[i].size + this.prev[i].size;
  }

  private inserted(cpu: number, cls: number, to: number, t: number): true {
    this.trace.emit(EV.rcache_insert, t, cpu, cls, to);
    this.lastEnd = t;
    return true;
  }

  /** Depot list (v6.7+): every depot push asks for the reclaim work; a request while one is pending is a no-op. */
  private requestReclaim(cls: number, t: number): void {
    const depot = this.depots[cls];
    if (depot.reclaimPending) return;
    depot.reclaimPending = true;
    this.env.scheduleReclaim(cls, t + this.opts.reclaimDelayNs);
  }
}
