// The kernel's IOVA allocator for one domain: alloc_iova_fast / free_iova_fast (docs/kernel.md §4,
// §6) over
// the per-CPU rcache + depot (rcache.ts) and the rbtree range allocator (rbtree.ts), charging time
// through the engine's locks and tracing where each IOVA came from or went.
//
// Time model: every call starts at `t` on the calling CPU and leaves the CPU's finishing time in
// `lastEnd`. Each rbtree operation is one LOCK_RBTREE section holding
// rbtreeOpNs(nodes) + walkSteps * rbtreeWalkStepNs; a magazine emptied into the tree is ONE section
// holding the sum of its erases (iova_magazine_free_pfns takes the lock once).

import { rbtreeOpNs, walkStepNs } from '../costs.ts';
import { LOCK_RBTREE } from '../locks.ts';
import { EV, FROM_DEPOT, SRC_DEPOT, SRC_RBTREE, SRC_RCACHE, SRC_RETRY, TO_RBTREE } from '../trace.ts';
import type { Magazine } from './magazine.ts';
import { IovaRcache } from './rcache.ts';
import type { MagazineSink } from './rcache.ts';
import { IovaDomain } from './rbtree.ts';
import type { AllocEnv, AllocatorOptions, AllocatorStats, IovaAllocator } from './types.ts';
import { IOVA_RANGE_CACHE_MAX_SIZE, RETRY_NONE, roundedLen, sizeClass } from './types.ts';

const CLASSES = IOVA_RANGE_CACHE_MAX_SIZE;

/** Where a cached pfn sits, for audits: 0 loaded, 1 prev, 2 depot. */
export const IN_LOADED = 0;
export const IN_PREV = 1;
export const IN_DEPOT = 2;

/** The allocator plus what tests, the UI and the engine may inspect. */
export interface KernelIovaAllocator extends IovaAllocator {
  cpuOffline(cpu: number, t: number): number;
  readonly iovad: IovaDomain;
  readonly rcache: IovaRcache;
  /** Visits every cached pfn: its class, CPU (-1 for the depot) and IN_LOADED / IN_PREV / IN_DEPOT. */
  forEachCachedPfn(cb: (pfn: number, cls: number, cpu: number, where: number) => void): void;
  /** Every rbtree range as [pfn_lo, pfn_hi], ascending; the anchor is the last one. */
  treeRanges(): [number, number][];
  /** Throws if the tree, the hints or the caches break an invariant (tests; O(n)). */
  checkInvariants(): void;
}

export function createAllocator(env: AllocEnv, opts: AllocatorOptions): KernelIovaAllocator {
  return new Allocator(env, opts);
}

function bad(what: string): never {
  throw new Error(`createAllocator: ${what}`);
}

function validate(env: AllocEnv, o: AllocatorOptions): void {
  if (!Number.isInteger(env.cpus) || env.cpus < 1) bad(`cpus must be an integer >= 1, got ${env.cpus}`);
  if (typeof o.rules !== 'object' || o.rules === null || typeof o.rules.version !== 'string') bad('rules must be a KernelRules object (kernel/versions.ts)');
  if (!Number.isInteger(o.depotMax) || o.depotMax < 0) bad(`depotMax must be an integer >= 0, got ${o.depotMax}`);
  if (!(o.reclaimDelayNs > 0)) bad(`reclaimDelayNs must be > 0, got ${o.reclaimDelayNs}`);
}

class Allocator implements KernelIovaAllocator, MagazineSink {
  lastEnd = 0;
  lastSrc = SRC_RBTREE;
  lastRetry = RETRY_NONE;
  readonly iovad: IovaDomain;
  readonly rcache: IovaRcache;
  private nodesMax = 1;
  private rcacheHits = 0;
  private rcacheMisses = 0;
  private rbtreeAllocs = 0;
  private rbtreeFrees = 0;
  private rbtreeWalkSteps = 0;
  private allocFailures = 0;
  private rcacheFlushes = 0;
  private walkSteps32 = 0;
  private walkSteps64 = 0;
  /** free_iova before 51bba644fa40 (v5.11): find_iova and __free_iova each take the lock. */
  private readonly freeLocksTwice: boolean;

  constructor(
    private readonly env: AllocEnv,
    opts: AllocatorOptions,
  ) {
    validate(env, opts);
    this.iovad = new IovaDomain(opts.startPfn, opts.dma32Pfn, 1024, opts.rules);
    this.freeLocksTwice = opts.rules.freeIovaLocksTwice;
    this.rcache = new IovaRcache(env, opts, this);
  }

  /** alloc_iova_fast(len, limitPfn, flushRcache) on `cpu` (docs/kernel.md §4). */
  alloc(cpu: number, t: number, len: number, limitPfn: number, flushRcache: boolean): number {
    // Round for cacheability (alloc_iova_fast: roundup_pow_of_two below IOVA_RANGE_CACHE_MAX_SIZE);
    // the class follows from the rounded size.
    const size = roundedLen(len);
    const cls = sizeClass(size);
    this.lastRetry = RETRY_NONE;
    if (cls < CLASSES) {
      // iova_rcache_get(size, limit + 1): the highest acceptable start is limit + 1 - size.
      const pfn = this.rcache.get(cpu, cls, limitPfn + 1 - size, t);
      t = this.rcache.lastEnd;
      if (pfn !== 0) {
        this.rcacheHits++;
        this.lastSrc = this.rcache.lastFrom === FROM_DEPOT ? SRC_DEPOT : SRC_RCACHE;
        this.lastEnd = t;
        return pfn;
      }
      this.rcacheMisses++;
    }
    let pfn = this.treeAlloc(size, limitPfn, t);
    t = this.lastEnd;
    this.lastSrc = SRC_RBTREE;
    if (pfn === 0 && flushRcache) {
      // Replenish by flushing every online CPU's caches and the depots, then retry exactly once.
      this.rcacheFlushes++;
      this.env.trace.emit(EV.rcache_flush, t, cpu);
      t = this.rcache.flushAll(t);
      pfn = this.treeAlloc(size, limitPfn, t);
      this.lastSrc = SRC_RETRY;
    }
    if (pfn === 0) this.allocFailures++;
    return pfn;
  }

  /** free_iova_fast(pfn, len) on `cpu`: this CPU's rcache, else the rbtree. */
  free(cpu: number, t: number, pfn: number, len: number): number {
    // The unrounded length selects the same class (ceil(log2) is unchanged by rounding up).
    const cls = sizeClass(len);
    if (cls < CLASSES) {
      if (this.rcache.insert(cpu, cls, pfn, t)) return (this.lastEnd = this.rcache.lastEnd);
      // No magazine could be allocated: this one IOVA goes to the tree.
      this.treeFree(pfn, this.rcache.lastEnd);
      this.env.trace.emit(EV.rcache_insert, this.lastEnd, cpu, cls, TO_RBTREE);
      return this.lastEnd;
    }
    return this.treeFree(pfn, t);
  }

  reclaim(cls: number, t: number): void {
    this.rcache.reclaim(cls, t);
  }

  cpuOffline(cpu: number, t: number): number {
    return (this.lastEnd = this.rcache.cpuOffline(cpu, t));
  }

  /** iova_magazine_free_pfns: one iova_rbtree_lock hold covering every pfn's search + erase. */
  iova_magazine_free_pfns(mag: Magazine, t: number): number {
    const costs = this.env.costs;
    let hold = 0;
    for (let k = 0; k < mag.size; k++) {
      hold += rbtreeOpNs(costs, this.iovad.nodes);
      this.mustFree(mag.pfns[k]);
    }
    mag.size = 0;
    return this.env.locks.section(LOCK_RBTREE, t, hold);
  }

  stats(): AllocatorStats {
    const cpuCached = new Int32Array(this.env.cpus * CLASSES);
    for (let cpu = 0; cpu < this.env.cpus; cpu++) {
      for (let cls = 0; cls < CLASSES; cls++) cpuCached[cpu * CLASSES + cls] = this.rcache.cpuCached(cpu, cls);
    }
    return {
      rbtreeNodes: this.iovad.nodes,
      rbtreeNodesMax: this.nodesMax,
      magsToRbtree: this.rcache.magsToRbtree,
      depotSize: this.rcache.depots.map((d) => d.depot_size),
      cpuCached,
      rcacheHits: this.rcacheHits,
      rcacheMisses: this.rcacheMisses,
      rbtreeAllocs: this.rbtreeAllocs,
      rbtreeFrees: this.rbtreeFrees,
      rbtreeWalkSteps: this.rbtreeWalkSteps,
      allocFailures: this.allocFailures,
      magazines: this.rcache.pool.live,
      rcacheFlushes: this.rcacheFlushes,
      max32Resets: this.iovad.max32Resets,
      walkSteps32: this.walkSteps32,
      walkSteps64: this.walkSteps64,
    };
  }

  forEachCachedPfn(cb: (pfn: number, cls: number, cpu: number, where: number) => void): void {
    const visit = (mag: Magazine, cls: number, cpu: number, where: number) => {
      for (let k = 0; k < mag.size; k++) cb(mag.pfns[k], cls, cpu, where);
    };
    for (let cpu = 0; cpu < this.env.cpus; cpu++) {
      for (let cls = 0; cls < CLASSES; cls++) {
        visit(this.rcache.loaded[cpu * CLASSES + cls], cls, cpu, IN_LOADED);
        visit(this.rcache.prev[cpu * CLASSES + cls], cls, cpu, IN_PREV);
      }
    }
    this.rcache.depots.forEach((d, cls) => d.forEach((m) => visit(m, cls, -1, IN_DEPOT)));
  }

  treeRanges(): [number, number][] {
    const out: [number, number][] = [];
    this.iovad.forEachRange((lo, hi) => out.push([lo, hi]));
    return out;
  }

  checkInvariants(): void {
    this.iovad.checkInvariants();
    const M = this.rcache.pool.capacity;
    const seen = new Set<number>();
    this.forEachCachedPfn((pfn, cls) => {
      if (seen.has(pfn)) throw new Error(`pfn ${pfn} cached twice`);
      seen.add(pfn);
      // Every cached pfn is still an rbtree node of exactly its class's size.
      const r = this.iovad.rangeAt(pfn);
      if (!r || r[1] - r[0] + 1 !== 1 << cls) throw new Error(`cached pfn ${pfn} (class ${cls}) is not a ${1 << cls}-granule tree range`);
    });
    this.rcache.depots.forEach((d) =>
      d.forEach((m) => {
        if (m.size !== M) throw new Error('a depot magazine is not full');
      }),
    );
    if (this.rcache.pool.live !== 2 * this.env.cpus * CLASSES + this.rcache.depots.reduce((s, d) => s + d.depot_size, 0)) {
      throw new Error('live magazine count does not match loaded/prev/depot');
    }
  }

  /** alloc_iova under iova_rbtree_lock; sets lastEnd. Returns pfn_lo or 0. */
  private treeAlloc(size: number, limitPfn: number, t: number): number {
    const d = this.iovad;
    const costs = this.env.costs;
    const nodes = d.nodes;
    const pfn = d.alloc_iova(size, limitPfn);
    // The max32 fast-fail only takes and drops the lock; a walk costs one tree operation (plus one
    // per iova_find_limit search) and its steps.
    const hold = d.lastFastFail ? 0 : rbtreeOpNs(costs, nodes) * (1 + d.lastSearches) + d.lastWalkSteps * walkStepNs(costs, nodes);
    this.rbtreeWalkSteps += d.lastWalkSteps;
    if (limitPfn < d.dma_32bit_pfn) this.walkSteps32 += d.lastWalkSteps;
    else this.walkSteps64 += d.lastWalkSteps;
    this.lastRetry = d.lastRetry;
    this.lastEnd = this.env.locks.section(LOCK_RBTREE, t, hold);
    if (pfn !== 0) {
      this.rbtreeAllocs++;
      if (d.nodes > this.nodesMax) this.nodesMax = d.nodes;
    }
    return pfn;
  }

  /** free_iova under iova_rbtree_lock; sets and returns lastEnd. */
  private treeFree(pfn: number, t: number): number {
    const hold = rbtreeOpNs(this.env.costs, this.iovad.nodes);
    this.mustFree(pfn);
    if (this.freeLocksTwice) {
      // Before 51bba644fa40: find_iova (lock, search, unlock), then __free_iova (lock, erase,
      // unlock). The same work, split over two holds, each paying its acquisition and hand-off.
      t = this.env.locks.section(LOCK_RBTREE, t, hold / 2);
      return (this.lastEnd = this.env.locks.section(LOCK_RBTREE, t, hold - hold / 2));
    }
    return (this.lastEnd = this.env.locks.section(LOCK_RBTREE, t, hold));
  }

  private mustFree(pfn: number): void {
    if (!this.iovad.free_iova(pfn)) throw new Error(`free of pfn ${pfn}, which is not an allocated IOVA`);
    this.rbtreeFrees++;
  }
}
