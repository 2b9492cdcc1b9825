// The contract between the simulation and the panels (issue 5): a snapshot of everything the
// panels draw at one simulated moment. `engineView` (src/sim/viewOf.ts) builds it from an Engine;
// the live worker posts it to the page (typed arrays are transferable); src/panels/ draw it.
// Pure data, no methods: it must survive structuredClone and postMessage.

import type { Series } from './metrics.ts';
import type { TraceEvent } from './trace.ts';

/** Slot states in `LabView.slotState` (panel 1's colours). */
export const SLOT_EMPTY = 0;
/** Queued, counter >= fq_flush_finish_cnt: no flush that began after its unmap has finished yet. */
export const SLOT_WAITING = 1;
/** Queued, counter < fq_flush_finish_cnt: covered by a finished flush, not yet retired. */
export const SLOT_COVERED = 2;

export interface LabView {
  /** Simulated time of the snapshot, ns. */
  t: number;
  /** Trace events emitted so far (the playback position). */
  events: number;
  mode: 'strict' | 'lazy' | 'passthrough';
  /** Kernel version (kernel/versions.ts). */
  kernel: string;
  /** The file holding queue_iova / fq_flush_timeout at that version (labels). */
  fqFile: 'iova.c' | 'dma-iommu.c';
  counterReuse: boolean;
  cpus: number;

  // --- flush queues (per ring; nrings = cpus, or 1 for the v6.7+ single queue) ---
  nrings: number;
  fqSize: number;
  ringHead: Int32Array;
  ringTail: Int32Array;
  /** nrings * fqSize, SLOT_* values. */
  slotState: Uint8Array;
  /** nrings * fqSize: entry fields (meaningful where slotState != SLOT_EMPTY). */
  slotPfn: Float64Array;
  slotPages: Int32Array;
  slotCounter: Float64Array;

  // --- counters and timer ---
  fqFlushStartCnt: number;
  fqFlushFinishCnt: number;
  fqTimerOn: number;
  /** Expiry of the pending FQ timer, ns, or -1 when none is pending. */
  timerExpires: number;
  /** CPU the pending timer will fire on, or -1. */
  timerCpu: number;
  counterReads: { finish: number; start: number; finishSaved: number; remote: number };
  flushes: { full: number; timeout: number };

  /** Per CPU: current phase (index into PHASE_NAMES of phases.ts). */
  cpuPhase: Int32Array;

  // --- allocator (size classes 0..5) ---
  /** cpus * 6: PFNs in the `loaded` magazine of (cpu, cls) at cpu * 6 + cls. */
  magLoaded: Int32Array;
  /** cpus * 6: PFNs in the `prev` magazine. */
  magPrev: Int32Array;
  /** IOVA_MAG_SIZE in this run (127 or 128). */
  magSize: number;
  /** Full magazines in the depot, per class. */
  depot: number[];
  /** Depot capacity per class (MAX_GLOBAL_MAGS, <= v6.6) or -1 for the v6.7+ unbounded list. */
  depotMax: number;
  rbtreeNodes: number;
  magsToRbtree: number;
  /**
   * Address-space strip: up to 4096 ranges [lo, hi] (pfn, inclusive) of IOVAs allocated in the
   * rbtree, in address order, flattened; with `liveKind` saying where each range is now
   * (0 mapped, 1 in a flush queue, 2 in a magazine or the depot, 3 other reserved).
   */
  ranges: Float64Array;
  rangeKind: Uint8Array;
  /** Total ranges in the tree (ranges may hold fewer when sampled). */
  rangeTotal: number;

  // --- IOTLB ---
  iotlbCapacity: number;
  iotlbValid: number;
  iotlbStale: number;
  staleMax: number;
  staleMaxNs: number;

  /** IOVA granule in KiB (scenario.granuleKiB): what a size class's 2^c granules are in bytes. */
  granuleKiB: number;
  // --- the last engine step (the page's "what just happened" line) ---
  /** The first few trace events of the last engine step that emitted any, in emit order (empty at t = 0). */
  stepEvents: TraceEvent[];
  /** How many events that step emitted in all (a free pass retires many entries in one step). */
  stepEventCount: number;
  /** Engine steps since that one that emitted nothing (submissions, resumed waits). */
  quietSteps: number;
  // --- observables so far (observe.ts, watchdog.ts) ---
  /** % of all CPUs' time so far spent in the IOVA allocator (alloc + free, lock waits included). */
  allocCpuPct: number;
  /** Most CPUs spinning on iova_rbtree_lock at once so far. */
  rbtreeSpinnersMax: number;
  /** Longest fq_flush_timeout callback so far (ns). */
  longestTimeoutNs: number;
  /** Longest section with IRQs off (a ring lock) so far, on any CPU (ns). */
  longestIrqOffNs: number;
  /** Soft / hard lockup markers so far. */
  watchdog: { soft: number; hard: number };
}

/** Span kinds for the flush-cycles timeline (panel 2). */
export type SpanKind =
  | 'unmap'
  | 'map'
  | 'flush_full'
  | 'flush_timeout'
  | 'timeout'
  | 'ring_lock_wait'
  | 'rbtree_lock_wait'
  | 'timer_arm'
  | 'timer_fire';

/** One interval (t1 == t0 for instants) on one CPU's lane. */
export interface Span {
  cpu: number;
  kind: SpanKind;
  t0: number;
  t1: number;
  /** Still running at the moment shown: t1 is that moment, not the span's end. */
  open?: boolean;
}

/** A point of interest on the timeline ("jump to the next …"): wire type, worker → page. */
export interface Marker {
  t: number;
  /** 'cliff': where a run fell and stayed down; 'episode': where each collapse of an episodic run began (cliff.ts); lockups: observe.ts/watchdog.ts. */
  kind: 'flush_full' | 'flush_timeout' | 'timer_fire' | 'intervention' | 'cliff' | 'episode' | 'soft_lockup' | 'hard_lockup';
  cpu: number;
}

/** Per-bucket series of the whole run for the throughput panel: wire type, worker → page. */
export type RunSeries = Omit<Series, 'ringOcc'>;
