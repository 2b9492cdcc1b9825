// What a CPU resumes into when its pending RESUME event fires (engine.ts). Names follow the kernel
// function whose step the CPU is in.

export const PH_IDLE = 0;
/** queue_iova: spinning for the ring lock. */
export const PH_Q_LOCK = 1;
/** queue_iova: forced fq_flush_iotlb in flight, ring lock held. */
export const PH_Q_FLUSH = 2;
/** __iommu_dma_unmap (strict): waiting for the range invalidation's sync. */
export const PH_STRICT_SYNC = 3;
/** fq_flush_timeout: its fq_flush_iotlb in flight. */
export const PH_TO_FLUSH = 4;
/** fq_flush_timeout: spinning for ring i's lock. */
export const PH_TO_RING = 5;
/** fq_flush_timeout: about to take the next ring. */
export const PH_TO_NEXT = 6;

/** queue_iova: about to start the forced fq_flush_iotlb (its `start++` happens at its own time). */
export const PH_Q_FLUSH_START = 7;
/** queue_iova: about to add the entry (its read of fq_flush_start_cnt happens at its own time). */
export const PH_Q_ADD = 8;
/** fq_flush_timeout: about to start its flush. */
export const PH_TO_FLUSH_START = 9;
/** queue_iova: about to take the ring lock (after the unmap's local work). */
export const PH_Q_START = 10;

/**
 * The one table of CPU steps, indexed by phase (PH_*): what the engine parks a CPU in, read by the
 * engine (phase numbers), the machines (each state's tag and the `resume` action that runs the
 * step), the statecharts (edge labels) and the panels (words for tooltips and text alternatives).
 * - `name`: the kernel function and its step; a machine state standing for the phase is tagged with it.
 * - `text`: in words, kernel function first so readers can find it in the source.
 * - `resume`: the engine step function (src/sim/fq/*.ts) the CPU runs when its RESUME fires; the
 *   machines' action of the same name calls it.
 * - `label`: that step in the kernel's words, on the statechart's `resume` edge.
 */
export const CPU_STEPS = [
  { name: 'idle', text: 'running the workload (no flush-queue step pending)', resume: null, label: null },
  { name: 'queue_iova:lock', text: 'queue_iova: spinning on its ring lock', resume: 'queueIovaGranted', label: 'lock handed over' },
  { name: 'queue_iova:flush', text: 'queue_iova: ring full, waiting for its fq_flush_iotlb', resume: 'queueIovaFlushed', label: 'finish++, fq_ring_free' },
  { name: 'iotlb_sync', text: 'strict unmap: waiting for the range invalidation', resume: 'strictSynced', label: 'synced, free_iova_fast' },
  { name: 'fq_flush_timeout:flush', text: 'fq_flush_timeout: waiting for its fq_flush_iotlb', resume: 'timeoutFlushed', label: 'finish++' },
  { name: 'fq_flush_timeout:lock', text: 'fq_flush_timeout: spinning on a ring lock', resume: 'timeoutRingGranted', label: 'lock handed over' },
  { name: 'fq_flush_timeout:ring', text: 'fq_flush_timeout: freeing rings', resume: 'nextRing', label: 'spin_lock(ring i)' },
  { name: 'queue_iova:flush_start', text: 'queue_iova: starting a flush (ring full)', resume: 'queueIovaFlushStart', label: 'start++' },
  { name: 'queue_iova:add', text: 'queue_iova: adding the entry', resume: 'queueIovaAdd', label: 'fq_ring_add, unlock' },
  { name: 'fq_flush_timeout:flush_start', text: 'fq_flush_timeout: starting its flush', resume: 'timeoutFlushStart', label: 'start++' },
  { name: 'queue_iova:start', text: 'queue_iova: about to take the ring lock', resume: 'queueIovaStart', label: 'spin_lock' },
] as const;

export type PhaseName = (typeof CPU_STEPS)[number]['name'];
/** The engine step functions a parked CPU resumes into (the machines' step actions). */
export type ResumeStep = NonNullable<(typeof CPU_STEPS)[number]['resume']>;

export const PHASE_NAMES: readonly PhaseName[] = CPU_STEPS.map((x) => x.name);
