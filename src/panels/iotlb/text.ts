// Words for the IOTLB panel: what the mode means for stale translations, and the summary.

import type { LabView } from '../../sim/view.ts';
import { fmtInt, fmtNs } from '../format.ts';

/** One line on what this mode does to stale translations. */
export function modeNote(v: LabView): string {
  if (v.mode === 'passthrough') return 'Passthrough: DMA is not translated, so there is no IOTLB state and nothing can be stale.';
  if (v.mode === 'strict')
    return v.staleMax === 0
      ? 'Strict: every unmap waits for its own invalidation before returning, so no translation outlives its unmap — the stale count stays 0.'
      : 'Strict now: each unmap is invalidated before it returns; the stale entries counted here date from an earlier lazy period.';
  return 'Lazy: dma_unmap returns at once and the translation may stay cached until the next flush_iotlb_all that started after it finishes — the security cost of lazy mode.';
}

export function iotlbSummary(v: LabView | null): string {
  if (!v) return 'No simulation state yet.';
  return (
    `IOTLB of ${fmtInt(v.iotlbCapacity)} translations: ${fmtInt(v.iotlbValid)} valid, ${fmtInt(v.iotlbStale)} stale now; ` +
    `at most ${fmtInt(v.staleMax)} stale at once; longest stale window ${fmtNs(v.staleMaxNs)}. ${modeNote(v)}`
  );
}
