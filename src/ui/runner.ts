// Drives the simulation worker from the store: whenever the scenario changes, run it. A run that
// is still going when a newer one is requested is abandoned by terminating its worker (the engine's
// runScenario cannot be interrupted), so the newest scenario always wins and an accidental
// 10-minute run never blocks the next one.

import { encodeHash } from '../url/codec.ts';
import { bucketNsFor, type RunRequest, type RunResponse } from '../worker/protocol.ts';
import { runFailed, runFinished, runStarted, type LabStore } from '../store/labStore.ts';

export function startRunner(store: LabStore): () => void {
  let worker: Worker | null = null;
  let busy = false;

  const spawn = (): Worker => {
    const w = new Worker(new URL('../worker/sim.worker.ts', import.meta.url), { type: 'module' });
    w.addEventListener('message', (e: MessageEvent<RunResponse>) => {
      busy = false;
      const msg = e.data;
      if (msg.type === 'result') runFinished(store, { runId: msg.id, summary: msg.summary, series: msg.series });
      else runFailed(store, msg.id, msg.message);
    });
    w.addEventListener('error', (e: ErrorEvent) => {
      e.preventDefault();
      busy = false;
      w.terminate();
      if (worker === w) worker = null;
      runFailed(store, store.getState().runId, e.message || 'the simulation worker could not start');
    });
    return w;
  };

  const run = (): void => {
    const { scenario, preset } = store.getState();
    if (busy && worker) {
      worker.terminate();
      worker = null;
    }
    worker ??= spawn();
    // Not quiescent until this run's results are on the page (App sets it back).
    delete document.body.dataset.ready;
    const id = runStarted(store);
    busy = true;
    const req: RunRequest = {
      type: 'run',
      id,
      name: encodeHash(scenario, preset),
      scenario,
      bucketNs: bucketNsFor(scenario.durationMs),
    };
    // A Worker's postMessage has no target origin (the lint rule is about window.postMessage).
    // oxlint-disable-next-line unicorn/require-post-message-target-origin
    worker.postMessage(req);
  };

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.scenario !== prev.scenario) run();
  });
  run();
  return () => {
    unsubscribe();
    worker?.terminate();
    worker = null;
  };
}
