// Cost model: nanoseconds charged for each operation the simulator executes (docs/model.md,
// "Default costs"). Every number is a parameter of the scenario with a labelled default. None is
// fitted to a preset: throughput differences (strict vs lazy, the cliff, counter reuse) emerge from
// how many of these operations each path performs and how long CPUs wait on the shared resources.

export interface Costs {
  /** CPU time to submit one I/O outside the IOMMU (block layer + driver). */
  ioSubmitNs: number;
  /** CPU time to complete one I/O outside the IOMMU (interrupt + block layer). */
  ioCompleteNs: number;
  /** iommu_map: page-table writes, fixed part per mapping. */
  ptMapNs: number;
  /** iommu_unmap_fast: page-table clears, fixed part per mapping. */
  ptUnmapNs: number;
  /** Extra page-table work per granule mapped or unmapped. */
  ptPerPageNs: number;
  /** Strict unmap: range invalidation + completion wait, occupying the IOMMU's invalidation queue. */
  invRangeNs: number;
  /** flush_iotlb_all: whole-domain invalidation + sync, occupying the invalidation queue. */
  flushAllNs: number;
  /** Atomic read/write of a cache line this CPU already holds. */
  atomicLocalNs: number;
  /** Atomic access to a cache line another CPU wrote since this CPU last touched it. */
  atomicRemoteNs: number;
  /** Uncontended spinlock acquire + release. */
  lockNs: number;
  /** Extra cost when a spinlock had to be waited for (cache-line hand-off). */
  lockHandoffNs: number;
  /** Adding or retiring one flush-queue entry (excluding the IOVA free itself). */
  ringEntryNs: number;
  /** Push or pop of one PFN in a magazine, or swapping loaded/prev. */
  magazineOpNs: number;
  /** rbtree insert/erase/search: base part. */
  rbtreeOpBaseNs: number;
  /** rbtree insert/erase/search: part per log2(node count). */
  rbtreeOpLogNs: number;
  /** One step of the top-down gap walk in __alloc_and_insert_iova_range. */
  rbtreeWalkStepNs: number;
  /** Allocating or freeing a magazine object (kmalloc/kfree). */
  magAllocNs: number;
  /** Softirq entry/exit around the FQ timer callback. */
  timerCallbackNs: number;
  // ---- Scale and architecture options (docs/model.md "Scale inputs"); unused at their switches' defaults ----
  /** Extra cost of one walk step per tree level (0 = flat): pointer chasing once the tree outgrows the caches. */
  rbtreeWalkStepLevelNs: number;
  /** Extra hand-off cost when a contended spinlock passes to a CPU on another NUMA node (scenario numaNodes > 1). */
  lockHandoffNumaNs: number;
  /** arm64 (atomics 'arm64'): atomic64_inc, a relaxed far atomic (STADD): posted, no return value. */
  atomicStaddNs: number;
  /** arm64: the ordering extra of atomic64_inc_return (LDADDAL, fully ordered) over a plain RMW. */
  atomicOrderedNs: number;
}

export interface CostInfo {
  label: string;
  /** Where the default comes from. Every default is an assumption unless a source is given. */
  source: string;
}

export const DEFAULT_COSTS: Costs = {
  ioSubmitNs: 1500,
  ioCompleteNs: 1500,
  ptMapNs: 150,
  ptUnmapNs: 150,
  ptPerPageNs: 10,
  invRangeNs: 2000,
  flushAllNs: 4000,
  atomicLocalNs: 5,
  atomicRemoteNs: 80,
  lockNs: 20,
  lockHandoffNs: 100,
  ringEntryNs: 15,
  magazineOpNs: 20,
  rbtreeOpBaseNs: 100,
  rbtreeOpLogNs: 20,
  rbtreeWalkStepNs: 20,
  magAllocNs: 60,
  timerCallbackNs: 500,
  rbtreeWalkStepLevelNs: 0,
  lockHandoffNumaNs: 1000,
  atomicStaddNs: 10,
  atomicOrderedNs: 40,
};

const ASSUMED = 'assumption';
const DOMAIN_92 = 'assumption; illustrative default (docs/model.md, "Default costs")';

export const COST_INFO: Record<keyof Costs, CostInfo> = {
  ioSubmitNs: { label: 'I/O submit CPU time', source: `${ASSUMED}: ~3 µs per 4 KiB I/O total CPU time, split submit/complete` },
  ioCompleteNs: { label: 'I/O completion CPU time', source: `${ASSUMED}: see ioSubmitNs` },
  ptMapNs: { label: 'iommu_map page-table writes', source: ASSUMED },
  ptUnmapNs: { label: 'iommu_unmap_fast page-table clears', source: ASSUMED },
  ptPerPageNs: { label: 'page-table work per granule', source: ASSUMED },
  invRangeNs: { label: 'strict range invalidation + sync', source: `${DOMAIN_92} (1–5 µs native)` },
  flushAllNs: { label: 'flush_iotlb_all + sync', source: `${DOMAIN_92} (2–10 µs native; 50–500 µs shadowed)` },
  atomicLocalNs: { label: 'atomic on a local cache line', source: ASSUMED },
  atomicRemoteNs: { label: 'atomic on a line another CPU wrote', source: `${ASSUMED}: cross-core cache-line transfer` },
  lockNs: { label: 'uncontended spinlock', source: ASSUMED },
  lockHandoffNs: { label: 'contended spinlock hand-off', source: DOMAIN_92 },
  ringEntryNs: { label: 'flush-queue entry add/retire', source: ASSUMED },
  magazineOpNs: { label: 'magazine push/pop', source: DOMAIN_92 },
  rbtreeOpBaseNs: { label: 'rbtree op base', source: DOMAIN_92 },
  rbtreeOpLogNs: { label: 'rbtree op per log2(nodes)', source: DOMAIN_92 },
  rbtreeWalkStepNs: { label: 'rbtree walk step', source: DOMAIN_92 },
  magAllocNs: { label: 'magazine kmalloc/kfree', source: ASSUMED },
  timerCallbackNs: { label: 'timer softirq overhead', source: ASSUMED },
  rbtreeWalkStepLevelNs: {
    label: 'walk step, extra per tree level',
    source: `${ASSUMED}: 0 = flat; ~5–10 ns/level makes a step ~60–100 ns at 2^10–2^17 nodes (DRAM or remote-cache latency per rb_prev once the tree outgrows L2)`,
  },
  lockHandoffNumaNs: { label: 'spinlock hand-off across NUMA nodes (extra)', source: `${ASSUMED}: cross-socket cache-line transfer, 0.5–2 µs on large AMD/arm64 servers; used only with numaNodes > 1` },
  atomicStaddNs: { label: 'arm64 atomic64_inc (STADD, relaxed)', source: `${ASSUMED}: a posted far atomic, the issuing CPU does not wait for the line; used only with atomics = arm64` },
  atomicOrderedNs: { label: 'arm64 atomic64_inc_return ordering (LDADDAL)', source: `${ASSUMED}: full barrier semantics drain the store buffer; used only with atomics = arm64` },
};

/** One step of the allocation walk in a tree of `nodes` nodes (flat unless rbtreeWalkStepLevelNs > 0). */
export function walkStepNs(c: Costs, nodes: number): number {
  return c.rbtreeWalkStepNs + c.rbtreeWalkStepLevelNs * (32 - Math.clz32(nodes));
}

/** Cost of one rbtree search/insert/erase in a tree of `nodes` nodes (integer ns: depth ~ log2). */
export function rbtreeOpNs(c: Costs, nodes: number): number {
  return c.rbtreeOpBaseNs + c.rbtreeOpLogNs * (32 - Math.clz32(nodes));
}
