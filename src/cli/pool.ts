// A pool of worker_threads for sweeps (issue 16): N workers, each given the next task as soon as
// it is free, results kept by task index so the output is in task order whatever N is. A task that
// throws in its worker, or a worker that dies (out of memory, an exit), settles that task as failed
// with a message; a new worker takes the dead one's place and the rest continue.

import { Worker } from 'node:worker_threads';

import type { Settled } from '../sim/sweep/output.ts';

export type { Settled } from '../sim/sweep/output.ts';

/** Messages of the protocol: main → worker `{ id, task }`; worker → main `{ id, ok, value | error }`. */
export interface Reply<R> {
  id: number;
  ok: boolean;
  value?: R;
  error?: string;
}

/**
 * A worker running a TypeScript module. The CLI runs under tsx, whose loader hooks do not reach
 * worker threads on Node 20, so each worker registers tsx itself before importing the module.
 */
function spawnWorker(moduleUrl: URL): Worker {
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `const { register } = await import(${JSON.stringify(tsx)}); register(); await import(${JSON.stringify(moduleUrl.href)});`;
  return new Worker(code, { eval: true });
}

export async function runPool<T, R>(
  moduleUrl: URL,
  tasks: readonly T[],
  jobs: number,
  onSettled: (index: number, result: Settled<R>) => void = () => {},
): Promise<Settled<R>[]> {
  const results: Settled<R>[] = new Array(tasks.length);
  let next = 0;
  let left = tasks.length;
  if (left === 0) return results;
  return new Promise((done) => {
    const settle = (i: number, r: Settled<R>) => {
      results[i] = r;
      left--;
      onSettled(i, r);
      if (left === 0) done(results);
    };
    const start = () => {
      const w = spawnWorker(moduleUrl);
      let current = -1;
      const feed = () => {
        if (next >= tasks.length) {
          current = -1;
          void w.terminate();
          return;
        }
        current = next++;
        // oxlint-disable-next-line unicorn/require-post-message-target-origin -- a worker_threads port, not a window
        w.postMessage({ id: current, task: tasks[current] });
      };
      w.on('message', (m: Reply<R>) => {
        if (m.id !== current) return;
        const i = current;
        settle(i, m.ok ? { ok: true, value: m.value as R } : { ok: false, error: m.error ?? 'failed' });
        feed();
      });
      // A worker that dies mid-task fails that task only; a fresh worker goes on with the rest.
      let dead = false;
      const died = (why: string) => {
        if (dead) return;
        dead = true;
        if (current >= 0) {
          const i = current;
          current = -1;
          settle(i, { ok: false, error: why });
          if (next < tasks.length) start();
        }
      };
      w.on('error', (err) => died(`worker failed: ${err.message.split('\n')[0]}`));
      w.on('exit', (code) => died(`worker exited with code ${code}`));
      feed();
    };
    for (let k = 0; k < Math.min(jobs, tasks.length); k++) start();
  });
}
