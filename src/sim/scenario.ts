// The scenario: one plain, serializable object that fully determines a run (docs/model.md).
// `validateScenario` range-checks every field, reports unknown keys and never clamps: a bad value
// is an error naming the field and the allowed range.

import { COST_INFO, DEFAULT_COSTS, type Costs } from './costs.ts';
import { DEFAULT_KERNEL, kernelRules, type KernelRules } from './kernel/versions.ts';

export const SCHEMA_VERSION = 1;

export type Mode = 'strict' | 'lazy' | 'passthrough';
export type QueueKind = 'percpu' | 'single';
export type LatencyDist = 'fixed' | 'uniform' | 'exponential';
/** Which CPU handles an I/O's completion (and therefore its unmap). */
export type CompletionPolicy = 'same' | 'next' | 'random' | 'fixed' | 'hwq';

export interface SizeWeight {
  /** Mapping length in 4 KiB units (bytes / 4096); the IOVA length is this in granules (granuleKiB). */
  pages: number;
  weight: number;
}

export type Intervention =
  | { kind: 'pause'; atMs: number; forMs: number; cpus: number[] }
  | { kind: 'mode'; atMs: number; mode: Mode }
  | { kind: 'migrate'; atMs: number; from: number; to: number }
  /** The workload's size mix becomes `sizes` at atMs (a phase change: Zhen Lei 2019). */
  | { kind: 'sizes'; atMs: number; sizes: SizeWeight[] }
  /**
   * "NIC reconfiguration" (Kicinski 2023): CPU `cpu` maps `count` buffers of `pages` (4 KiB units)
   * at atMs and unmaps them all holdMs later (burst.ts).
   */
  | { kind: 'burst'; atMs: number; count: number; pages: number; cpu: number; holdMs: number };

/** Aged start state for one size class: IOVAs parked in the per-CPU caches and in the depot. */
export interface AgedClass {
  cls: number;
  cpuIovas: number;
  depotIovas: number;
}

export interface Workload {
  /** CPUs 0..loadCpus-1 submit I/O; 0 means all CPUs. */
  loadCpus: number;
  /** Outstanding I/Os per submitting CPU. */
  qd: number;
  sizes: SizeWeight[];
  latency: { dist: LatencyDist; meanUs: number; spreadUs: number };
  completion: CompletionPolicy;
  /** The completion CPU for policy 'fixed'. */
  completionCpu: number;
  /**
   * Scheduler migration (John Garry's explanation of the rcache growth, "Solve longterm IOVA
   * issue" thread, 3 Nov 2020): each
   * submitter moves to a CPU that runs no submitter after an exponential time of this mean, in ms.
   * 0 = submitters never move. Needs loadCpus < cpus.
   */
  migrateMs: number;
  /** Hardware queues for completion policy 'hwq' (contiguous CPU groups, blk_mq_map_queues). */
  hwQueues: number;
}

export interface Scenario {
  version: number;
  seed: number;
  /** Kernel version, one of KERNEL_IDS (kernel/versions.ts), e.g. '6.12'; URL key `kv`. */
  kernel: string;
  mode: Mode;
  queue: QueueKind;
  /** John Garry's atomic64_inc_return proposal: free passes after a flush use its returned value. */
  counterReuse: boolean;
  /** Possible CPUs. */
  cpus: number;
  /** Flush-queue slots per ring; 0 = the default (256 per-CPU, 32768 single). */
  fqSize: number;
  /** FQ timer period; 0 = the default (10 ms per-CPU, 1000 ms single). */
  fqTimeoutMs: number;
  /** Jiffy rounding of the timer (HZ); 0 = exact nanoseconds. */
  timerHz: number;
  /** IOVA_MAG_SIZE; 0 = the version's default (128 before v6.0, 127 from v6.0). */
  magSize: number;
  /** MAX_GLOBAL_MAGS (the fixed depot, up to v6.6). */
  depotMax: number;
  /** IOVA_DEPOT_DELAY (the depot list, v6.7+). */
  reclaimDelayMs: number;
  /** IOTLB capacity in translations (one per mapping). */
  iotlbEntries: number;
  /** Device DMA mask width in bits (DMA limit). */
  dmaBits: number;
  /**
   * The device is a PCI device: iommu_dma_alloc_iova tries a 32-bit ("SAC") IOVA first, on every
   * allocation up to v6.5 and until the first failure from v6.6 (791c2b17fb40). URL key `pci`.
   */
  pci: boolean;
  /** iommu.forcedac=1: no 32-bit-first attempt for PCI devices, at any version. URL key `fdac`. */
  forcedac: boolean;
  /** 'kernel' = the rbtree + rcache allocator; 'standin' = a simple baseline allocator. */
  allocator: 'kernel' | 'standin';
  workload: Workload;
  interventions: Intervention[];
  costs: Costs;
  durationMs: number;
  // ---- Inputs the collapse reports need (issue 19 §2; docs/model.md "Scale inputs") ----
  /** IOVA granule in KiB: 4 (x86, arm64 4K pages) or 64 (arm64 64K pages): iova_shift 12 or 16. */
  granuleKiB: number;
  /** Device bandwidth in bytes/s per device; 0 = unlimited (latency only). */
  deviceBps: number;
  /** Devices the submitters' I/O spreads over (submitter i uses device i mod devices). */
  devices: number;
  /** NUMA nodes: CPUs split into contiguous equal groups; prices cross-node lock hand-off. */
  numaNodes: number;
  /** Atomics pricing: 'flat' (every RMW as a cache-line write) or 'arm64' (STADD vs LDADDAL). */
  atomics: 'flat' | 'arm64';
  /** Aged start state: rcaches and depot pre-filled per class (aged.ts). */
  aged: AgedClass[];
}

export const DEFAULT_SCENARIO: Scenario = {
  version: SCHEMA_VERSION,
  seed: 1,
  kernel: DEFAULT_KERNEL,
  mode: 'lazy',
  queue: 'percpu',
  counterReuse: false,
  cpus: 16,
  fqSize: 0,
  fqTimeoutMs: 0,
  timerHz: 0,
  magSize: 0,
  depotMax: 32,
  reclaimDelayMs: 100,
  iotlbEntries: 512,
  dmaBits: 48,
  pci: true,
  forcedac: false,
  allocator: 'kernel',
  workload: {
    loadCpus: 0,
    qd: 32,
    sizes: [{ pages: 1, weight: 1 }],
    latency: { dist: 'exponential', meanUs: 80, spreadUs: 0 },
    completion: 'same',
    completionCpu: 0,
    migrateMs: 0,
    hwQueues: 16,
  },
  interventions: [],
  costs: { ...DEFAULT_COSTS },
  durationMs: 100,
  granuleKiB: 4,
  deviceBps: 0,
  devices: 1,
  numaNodes: 1,
  atomics: 'flat',
  aged: [],
};

/** Deep copy so callers can mutate freely. */
export function cloneScenario(s: Scenario): Scenario {
  return JSON.parse(JSON.stringify(s)) as Scenario;
}

export interface Resolved {
  fqSize: number;
  fqTimeoutNs: number;
  magSize: number;
  nrings: number;
  loadCpus: number;
  durationNs: number;
  limitPfn: number;
  dma32Pfn: number;
  /** iova_shift: log2 of the granule. */
  iovaShift: number;
  /** The kernel version's rules, read once by the engine and the allocator. */
  rules: KernelRules;
}

/** Version/queue dependent constants (kernel/versions.ts). */
export function resolve(s: Scenario): Resolved {
  const single = s.queue === 'single';
  const rules = kernelRules(s.kernel);
  if (!rules) throw new Error(`resolve: unknown kernel version ${JSON.stringify(s.kernel)}`);
  const dmaBits = Math.min(s.dmaBits, 64);
  // iova_shift = __ffs(granule): 12 for 4 KiB, 16 for 64 KiB (older scenarios lack the field).
  const shift = (s.granuleKiB ?? 4) === 64 ? 16 : 12;
  return {
    fqSize: s.fqSize || (single ? 32768 : 256),
    fqTimeoutNs: Math.round((s.fqTimeoutMs || (single ? 1000 : 10)) * 1e6),
    magSize: s.magSize || rules.magSize,
    nrings: single ? 1 : s.cpus,
    loadCpus: s.workload.loadCpus || s.cpus,
    durationNs: Math.round(s.durationMs * 1e6),
    // The last usable pfn below 2^dmaBits, and dma_32bit_pfn = 4 GiB >> iova_shift (iommu_dma_init_domain).
    limitPfn: 2 ** (dmaBits - shift) - 1,
    dma32Pfn: 2 ** (32 - shift),
    iovaShift: shift,
    rules,
  };
}

export { COST_INFO };
