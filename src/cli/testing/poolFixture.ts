// A worker for pool.test.ts: doubles n; reports a failure for n = 3, exits the thread for n = 5 (a worker
// that dies), so the pool's two failure paths are exercised without a broken simulation.

import { parentPort } from 'node:worker_threads';

parentPort?.on('message', ({ id, task }: { id: number; task: number }) => {
  if (task === 5) process.exit(7);
  // oxlint-disable-next-line unicorn/require-post-message-target-origin -- a worker_threads port, not a window
  if (task === 3) parentPort?.postMessage({ id, ok: false, error: 'three is refused' });
  // oxlint-disable-next-line unicorn/require-post-message-target-origin -- a worker_threads port, not a window
  else parentPort?.postMessage({ id, ok: true, value: task * 2 });
});
