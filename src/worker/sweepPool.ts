// The page's pool of Web Workers for sweeps (issue 16), the browser twin of src/cli/pool.ts: N
// workers (from navigator.hardwareConcurrency, at least 1, at most the number of runs), each given
// the next run as soon as it is free; results kept by task index, so the rows are in point and seed
// order whatever N is and equal the CLI's (src/sim/sweep/tasks.ts, output.ts). A worker that fails
// (its script did not load, it died) fails its run only; a fresh worker takes its place. cancel()
// terminates every worker at once: a whole run cannot be interrupted any other way.

import type { RunNumbers } from '../sim/sweep/aggregate.ts';
import type { Settled } from '../sim/sweep/output.ts';
import type { SweepTask } from '../sim/sweep/tasks.ts';
import type { SweepReply, SweepRequest } from './sweepRun.ts';

/** The part of a Worker the pool uses (Node tests pass an in-process fake). */
export interface SweepWorkerLike {
  postMessage(msg: SweepRequest): void;
  addEventListener(type: 'message', fn: (e: { data: SweepReply }) => void): void;
  addEventListener(type: 'error', fn: (e: { message?: string; preventDefault?: () => void }) => void): void;
  terminate(): void;
}

export interface PoolCallbacks {
  /** Task `index` has simulated `fraction` of its run (0..1). */
  onProgress?: (index: number, fraction: number) => void;
  onSettled?: (index: number, result: Settled<RunNumbers>) => void;
}

export interface SweepPool {
  /** Resolves with every result in task order; with `cancelled` when cancel() came first. */
  done: Promise<{ results: Settled<RunNumbers>[]; cancelled: boolean }>;
  /** Terminates every worker; runs not finished are settled as cancelled. */
  cancel(): void;
  /** Workers alive now (0 once done or cancelled). */
  alive(): number;
}

/** Workers for `runs` runs on a machine reporting `cores` logical processors. */
export const poolSize = (cores: number | undefined, runs: number, asked?: number): number =>
  Math.max(1, Math.min(asked ?? (Number.isFinite(cores) && cores! > 0 ? Math.floor(cores!) : 1), Math.max(1, runs)));

export function startSweepPool(tasks: readonly SweepTask[], jobs: number, createWorker: () => SweepWorkerLike, cb: PoolCallbacks = {}): SweepPool {
  const results: Settled<RunNumbers>[] = new Array(tasks.length);
  const workers = new Set<SweepWorkerLike>();
  let next = 0;
  let left = tasks.length;
  let over = false;
  const box: { finish?: (r: { results: Settled<RunNumbers>[]; cancelled: boolean }) => void } = {};
  const done = new Promise<{ results: Settled<RunNumbers>[]; cancelled: boolean }>((r) => (box.finish = r));

  const end = (cancelled: boolean) => {
    over = true;
    for (const w of workers) w.terminate();
    workers.clear();
    box.finish?.({ results, cancelled });
  };
  const settle = (i: number, r: Settled<RunNumbers>) => {
    if (over || results[i] !== undefined) return;
    results[i] = r;
    left--;
    cb.onSettled?.(i, r);
    if (left === 0) end(false);
  };

  const start = () => {
    const w = createWorker();
    workers.add(w);
    let current = -1;
    const feed = () => {
      if (over) return;
      if (next >= tasks.length) {
        current = -1;
        workers.delete(w);
        w.terminate();
        return;
      }
      current = next++;
      // A worker's postMessage has no target origin (the rule is for window.postMessage).
      // oxlint-disable-next-line unicorn/require-post-message-target-origin
      w.postMessage({ type: 'run', id: current, task: tasks[current] });
    };
    w.addEventListener('message', (e) => {
      const m = e.data;
      if (over || m.id !== current || m.type === 'metrics') return;
      if (m.type === 'progress') cb.onProgress?.(m.id, m.fraction);
      else {
        settle(m.id, m.ok ? { ok: true, value: m.value } : { ok: false, error: m.error });
        feed();
      }
    });
    w.addEventListener('error', (e) => {
      e.preventDefault?.();
      if (over) return;
      workers.delete(w);
      w.terminate();
      const i = current;
      current = -1;
      if (i >= 0) settle(i, { ok: false, error: `worker failed: ${e.message ?? 'unknown error'}` });
      if (!over && next < tasks.length) start();
    });
    feed();
  };

  if (tasks.length === 0) end(false);
  else for (let k = 0; k < Math.min(Math.max(1, jobs), tasks.length); k++) start();

  return {
    done,
    cancel: () => {
      if (over) return;
      for (let i = 0; i < tasks.length; i++) if (results[i] === undefined) results[i] = { ok: false, error: 'cancelled' };
      end(true);
    },
    alive: () => workers.size,
  };
}
