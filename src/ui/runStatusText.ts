// The run status sentence once a run is simulated. Two counts that differ on purpose: engine steps
// (every simulated event: an I/O submitted or completed, a timer, a resumed wait), which the
// playback bar's "step" counts and ends at, and the IOMMU trace events those steps emitted, which
// the trace hash covers. Passthrough takes steps but emits no IOMMU event (issue 18).

import type { Summary } from '../sim/run.ts';
import { fmtInt, fmtMs } from './format.ts';

export function runDoneText(s: Pick<Summary, 'simulatedMs' | 'events' | 'mode'>, steps: number): string {
  const why = s.mode === 'passthrough' && s.events === 0 ? ': passthrough maps and unmaps nothing in the IOMMU' : '';
  return `Simulated ${fmtMs(s.simulatedMs)} ms in ${fmtInt(steps)} steps (the playback bar’s “step”), ${fmtInt(s.events)} IOMMU trace events${why}`;
}
