// A thin client for the live worker (live.worker.ts): spawns it on first use, posts commands, hands
// replies and failures to the page, and after a failure (the worker script could not load, or it
// threw outside a command) drops the dead worker so the next command starts a fresh one. No
// decisions here: what to send and what a reply means is the playback machine's
// (src/worker/playback.ts), and when silence is a fault is the driver's (src/ui/playbackDriver.ts);
// the client only says how long the worker has been quiet.

import type { LiveCommand, LiveReply } from './liveProtocol.ts';

/** The part of a Worker the client uses (tests pass an in-process fake). */
export interface WorkerLike {
  postMessage(msg: LiveCommand): void;
  addEventListener(type: 'message', fn: (e: { data: LiveReply }) => void): void;
  addEventListener(type: 'error', fn: (e: { message?: string; preventDefault?: () => void }) => void): void;
  terminate(): void;
}

export interface LiveClient {
  send(cmd: LiveCommand): void;
  /** Stops the long job in progress where it is (no-op without a worker). */
  cancel(): void;
  /** Drops the worker (terminates it); the next command starts a fresh one. */
  reset(): void;
  /** Wall ms since the last command sent or reply heard (0 without a worker). */
  quietMs(): number;
  /** Test hooks (src/ui/faultHooks.ts): the worker's next job throws; or it is terminated unannounced. */
  injectFault(): void;
  killSilently(): void;
  dispose(): void;
}

export function createLiveClient(
  createWorker: () => WorkerLike,
  onReply: (r: LiveReply) => void,
  onError: (message: string) => void,
  clock: () => number = () => 0,
): LiveClient {
  let worker: WorkerLike | null = null;
  let lastHeard = 0;

  const spawn = (): WorkerLike => {
    const w = createWorker();
    w.addEventListener('message', (e) => {
      if (worker !== w) return;
      lastHeard = clock();
      onReply(e.data);
    });
    w.addEventListener('error', (e) => {
      e.preventDefault?.();
      w.terminate();
      if (worker !== w) return;
      worker = null;
      onError(e.message || 'the playback worker failed');
    });
    return w;
  };

  const drop = (): void => {
    worker?.terminate();
    worker = null;
  };

  return {
    send(cmd) {
      worker ??= spawn();
      lastHeard = clock();
      // A Worker's postMessage has no target origin (the lint rule is about window.postMessage).
      // oxlint-disable-next-line unicorn/require-post-message-target-origin
      worker.postMessage(cmd);
    },
    cancel() {
      // oxlint-disable-next-line unicorn/require-post-message-target-origin
      worker?.postMessage({ type: 'cancel' });
    },
    reset: drop,
    quietMs: () => (worker ? clock() - lastHeard : 0),
    injectFault() {
      // oxlint-disable-next-line unicorn/require-post-message-target-origin
      worker?.postMessage({ type: 'inject-fault' });
    },
    killSilently() {
      // Like a worker the browser killed: no error event, no reply; only the watchdog notices.
      worker?.terminate();
    },
    dispose: drop,
  };
}
