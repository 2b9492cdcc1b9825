// The interface between the engine and the IOVA allocator (docs/kernel.md §4–6).
// The engine calls alloc/free as the kernel's iommu-dma calls alloc_iova_fast/free_iova_fast; the
// allocator charges time through the engine's locks and reports where each IOVA came from/went.

import type { Costs } from '../costs.ts';
import type { Locks } from '../locks.ts';
import type { KernelRules } from '../kernel/versions.ts';
import type { TraceSink } from '../trace.ts';

import { IOVA_RANGE_CACHE_MAX_SIZE } from './classes.ts';

export { IOVA_RANGE_CACHE_MAX_SIZE };

/** Services the allocator uses from the engine. */
export interface AllocEnv {
  /** Number of possible CPUs (per-CPU caches exist for each). */
  readonly cpus: number;
  readonly costs: Costs;
  /** LOCK_RBTREE and lockDepot(cls) sections (locks.ts). */
  readonly locks: Locks;
  readonly trace: TraceSink;
  /** Depot list (v6.7+): ask the engine to call `reclaim(cls, t)` at time `t` (delayed work). */
  scheduleReclaim(cls: number, t: number): void;
}

export interface AllocatorOptions {
  /** The kernel version's allocator rules (kernel/versions.ts), read once at construction. */
  rules: KernelRules;
  /** IOVA_MAG_SIZE: 128 before v6.0, 127 after (or the scenario's override). */
  magSize: number;
  /** MAX_GLOBAL_MAGS (fixed depot, <= v6.6): depot capacity per class. */
  depotMax: number;
  /** IOVA_DEPOT_DELAY (depot list, v6.7+), ns. */
  reclaimDelayNs: number;
  /** start_pfn (>= 1). */
  startPfn: number;
  /** dma_32bit_pfn = 4 GiB / granule. */
  dma32Pfn: number;
  /**
   * Fault injection: at most this many magazine objects may be live; a magazine allocation on the
   * insert path (GFP_ATOMIC) beyond it fails and the IOVA goes to the rbtree (__iova_rcache_insert's
   * fallback).
   * Default: unlimited.
   */
  maxMagazines?: number;
}

export interface AllocatorStats {
  rbtreeNodes: number;
  rbtreeNodesMax: number;
  /** Magazines whose PFNs were all freed back into the rbtree (insert overflow or reclaim). */
  magsToRbtree: number;
  /** Depot size per class. */
  depotSize: number[];
  /** PFNs cached in loaded+prev, index cpu * IOVA_RANGE_CACHE_MAX_SIZE + cls. */
  cpuCached: Int32Array;
  /** Cached-class (0..5) lookups the rcache served / did not serve; uncached sizes count in neither. */
  rcacheHits: number;
  rcacheMisses: number;
  /** Successful rbtree allocations (a flush-and-retry counts once, the failed walk not at all). */
  rbtreeAllocs: number;
  /** Ranges removed from the rbtree: single frees plus every pfn of magazines emptied into it. */
  rbtreeFrees: number;
  /** Nodes visited by allocation gap walks (each one step under iova_rbtree_lock). */
  rbtreeWalkSteps: number;
  /** alloc() calls that returned 0. */
  allocFailures: number;
  /** Live magazine objects (loaded/prev of every CPU and class + depot); ~1 KiB each with M = 127. */
  magazines?: number;
  /** Allocation failures that flushed every cache into the rbtree before the retry. */
  rcacheFlushes?: number;
  /**
   * max32_alloc_size resets that re-enabled 32-bit walks (the value was below dma_32bit_pfn),
   * by __cached_rbnode_delete_update's rule of the version.
   */
  max32Resets?: number;
  /** rbtreeWalkSteps split by the request's limit: at or below 4 GiB / above. */
  walkSteps32?: number;
  walkSteps64?: number;
}

export interface IovaAllocator {
  /**
   * alloc_iova_fast(len, limitPfn, flushRcache) executed on `cpu` from time `t`.
   * Returns the first pfn, or 0 on failure. Afterwards `lastEnd` is the time the CPU is done and
   * `lastSrc` one of SRC_* (trace.ts). Lengths < 32 are rounded up to a power of two here.
   */
  alloc(cpu: number, t: number, len: number, limitPfn: number, flushRcache: boolean): number;
  /** free_iova_fast(pfn, len) executed on `cpu` from time `t`; returns the time the CPU is done. */
  free(cpu: number, t: number, pfn: number, len: number): number;
  /** Depot-list (v6.7+) reclaim work for class `cls` running at `t` (off-CPU kworker). */
  reclaim(cls: number, t: number): void;
  /**
   * CPU hot-unplug (iova_cpuhp_dead -> free_cpu_cached_iovas) from time `t`:
   * empties that CPU's cached IOVAs into the rbtree and stops counting it as online. Returns the end
   * time. Optional so allocators without per-CPU caches need not implement it.
   */
  cpuOffline?(cpu: number, t: number): number;
  readonly lastEnd: number;
  readonly lastSrc: number;
  /**
   * What the last alloc's rbtree walks did after a failed first pass (RETRY_*): none, a second
   * pass that failed, or one that found a gap (the SAC retry counters of the summary).
   */
  readonly lastRetry: number;
  stats(): AllocatorStats;
}

/** lastRetry values: no second pass / a second pass that failed / one that succeeded. */
export const RETRY_NONE = 0;
export const RETRY_FAILED = 1;
export const RETRY_OK = 2;

/** order_base_2: the size class of a length in granules (ceil(log2(len))). */
export function sizeClass(len: number): number {
  return len <= 1 ? 0 : 32 - Math.clz32(len - 1);
}

/** The allocation length after rounding for cacheability (docs/kernel.md §4, roundup_pow_of_two). */
export function roundedLen(len: number): number {
  if (len >= 1 << (IOVA_RANGE_CACHE_MAX_SIZE - 1)) return len;
  return 1 << sizeClass(len);
}
