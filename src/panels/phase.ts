// What a CPU is doing (LabView.cpuPhase, src/sim/phases.ts), in words for tooltips and text
// alternatives. The kernel function comes first so readers can find it in the source.

import { PHASE_NAMES } from '../sim/phases.ts';

const TEXT: Record<(typeof PHASE_NAMES)[number], string> = {
  idle: 'running the workload (no flush-queue step pending)',
  'queue_iova:lock': 'queue_iova: spinning on its ring lock',
  'queue_iova:flush': 'queue_iova: ring full, waiting for its fq_flush_iotlb',
  iotlb_sync: 'strict unmap: waiting for the range invalidation',
  'fq_flush_timeout:flush': 'fq_flush_timeout: waiting for its fq_flush_iotlb',
  'fq_flush_timeout:lock': 'fq_flush_timeout: spinning on a ring lock',
  'fq_flush_timeout:ring': 'fq_flush_timeout: freeing rings',
  'queue_iova:flush_start': 'queue_iova: starting a flush (ring full)',
  'queue_iova:add': 'queue_iova: adding the entry',
  'fq_flush_timeout:flush_start': 'fq_flush_timeout: starting its flush',
  'queue_iova:start': 'queue_iova: about to take the ring lock',
};

export function phaseText(phase: number): string {
  const n = PHASE_NAMES[phase];
  return n ? TEXT[n] : `phase ${phase}`;
}
