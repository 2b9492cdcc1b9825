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

export const PHASE_NAMES = [
  'idle',
  'queue_iova:lock',
  'queue_iova:flush',
  'iotlb_sync',
  'fq_flush_timeout:flush',
  'fq_flush_timeout:lock',
  'fq_flush_timeout:ring',
  'queue_iova:flush_start',
  'queue_iova:add',
  'fq_flush_timeout:flush_start',
  'queue_iova:start',
] as const;
