// Module Web Worker for the preset gallery's previews (src/ui/presetPreviews.ts): runs one short
// scenario to its end with the pure engine (src/sim) and posts back the summary and the per-bucket
// series. The lab's own run is the live worker's (live.worker.ts), which makes its summary too.

import { runScenario } from '../sim/run.ts';
import type { RunRequest, RunResponse } from './protocol.ts';

function post(msg: RunResponse): void {
  // A worker posts to its creator; there is no target origin (the rule is for window.postMessage).
  // oxlint-disable-next-line unicorn/require-post-message-target-origin
  self.postMessage(msg);
}

self.addEventListener('message', (e: MessageEvent<RunRequest>) => {
  const req = e.data;
  if (req?.type !== 'run') return;
  try {
    const { summary, engine } = runScenario(req.scenario, {
      name: req.name,
      bucketNs: req.bucketNs,
      clock: () => performance.now(),
    });
    const s = engine.metrics.series;
    post({
      type: 'result',
      id: req.id,
      summary,
      series: {
        bucketNs: s.bucketNs,
        ios: s.ios,
        flushFull: s.flushFull,
        flushTimeout: s.flushTimeout,
        staleIotlb: s.staleIotlb,
        fqQueued: s.fqQueued,
      },
    });
  } catch (err) {
    post({ type: 'error', id: req.id, message: err instanceof Error ? err.message : String(err) });
  }
});
