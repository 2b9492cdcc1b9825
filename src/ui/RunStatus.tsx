// The run's status as a polite live region: "running…" while the worker computes (with how far it
// has got once the first part is simulated), then what was simulated and how long it took.

import type { ReactNode } from 'react';
import { fmtInt, fmtMs } from './format.ts';
import { runDoneText } from './runStatusText.ts';
import { useLab } from './labContext.ts';

export function RunStatus() {
  const status = useLab((s) => s.status);
  const result = useLab((s) => s.result);
  const runError = useLab((s) => s.runError);
  const durationMs = useLab((s) => s.scenario.durationMs);
  let text: ReactNode;
  if ((status === 'running' || status === 'idle') && result?.partial) text = `running… simulated ${fmtMs(result.summary.simulatedMs)} of ${fmtMs(durationMs)} ms so far`;
  else if (status === 'running' || status === 'idle') text = 'running…';
  else if (status === 'error') text = `The simulation failed: ${runError ?? 'unknown error'}`;
  else if (result) {
    const s = result.summary;
    text = (
      <>
        {runDoneText(s, result.steps)}; wall-clock time in the worker:{' '}
        <span className="wall" data-testid="wall-ms">
          {fmtInt(s.wallMs)} ms
        </span>
      </>
    );
  }
  return (
    <p className={`status status-${status}`} role="status" aria-live="polite" data-testid="run-status">
      {text}
    </p>
  );
}
