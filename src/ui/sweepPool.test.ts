// The page's sweep pool (src/worker/sweepPool.ts) with in-process workers running the page worker's own code
// (src/worker/sweepRun.ts): the rows it gathers, written by the shared writer, are byte for byte the CLI's
// `--sweep … --seeds … --format csv` output for the same sweep (so every trace hash is that of the
// CLI's run, which src/cli/sweepMain.test.ts pins to the single runs); each trace hash also equals a single
// runScenario without progress slices; cancel terminates every worker; a failed worker fails one run.

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { presetScenario } from '../sim/presets.ts';
import { runScenario } from '../sim/run.ts';
import { sweepCsv } from '../sim/sweep/output.ts';
import { planSweep, rowsOf } from '../sim/sweep/tasks.ts';
import { sweepPoints } from '../url/sweepPoints.ts';
import { poolSize, startSweepPool, type SweepWorkerLike } from '../worker/sweepPool.ts';
import { handleSweepRequest, type SweepReply, type SweepRequest } from '../worker/sweepRun.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function cli(argv: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const p = spawn('npx', ['tsx', 'src/cli/main.ts', ...argv], { cwd: ROOT, timeout: 120_000 });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (b: Buffer) => (stdout += b));
    p.stderr.on('data', (b: Buffer) => (stderr += b));
    p.on('close', (status) => done({ status, stdout, stderr }));
  });
}

/** A worker in this process: answers on a later tick, like a real one. */
function fakeWorker(log: { terminated: number }, opts: { silent?: boolean; failOn?: number } = {}): SweepWorkerLike {
  const on: Record<string, ((e: never) => void)[]> = { message: [], error: [] };
  let dead = false;
  return {
    postMessage(req: SweepRequest) {
      if (opts.silent) return;
      setTimeout(() => {
        if (dead) return;
        if (req.id === opts.failOn) for (const f of on.error) f({ message: 'boom' } as never);
        else handleSweepRequest(req, (r: SweepReply) => !dead && on.message.forEach((f) => f({ data: r } as never)));
      }, 0);
    },
    addEventListener(type: string, fn: (e: never) => void) {
      on[type].push(fn);
    },
    terminate() {
      if (!dead) log.terminated++;
      dead = true;
    },
  } as SweepWorkerLike;
}

const base = { scenario: { ...presetScenario('tiny-lazy'), durationMs: 3 }, preset: 'tiny-lazy' };
const dims = [
  { key: 'cpus', values: ['2', '4'] },
  { key: 'mode', values: ['lazy', 'strict'] },
];

describe('page sweep pool', () => {
  it('gathers the same rows as the CLI sweep, with progress, whatever the number of workers', async () => {
    const { points, errors } = sweepPoints(base, dims, 'sweep');
    expect(errors).toEqual([]);
    const plan = planSweep(points, [1, 2, 3]);
    const progress = new Map<number, number>();
    const log = { terminated: 0 };
    const pool = startSweepPool(plan.tasks, 2, () => fakeWorker(log), { onProgress: (i, f) => progress.set(i, Math.max(progress.get(i) ?? 0, f)) });
    const { results, cancelled } = await pool.done;
    expect(cancelled).toBe(false);
    expect(log.terminated).toBe(2);
    expect([...progress.keys()].sort((a, b) => a - b)).toEqual(plan.tasks.map((_, i) => i));
    expect([...progress.values()].every((f) => f === 1)).toBe(true);
    const page = sweepCsv(rowsOf(plan, results), ['cpus', 'mode']);
    const out = await cli(['--preset', 'tiny-lazy', '--duration-ms', '3', '--sweep', 'cpus=2,4;mode=lazy,strict', '--seeds', '1-3', '--format', 'csv', '--jobs', '1']);
    expect(out.status, out.stderr).toBe(0);
    expect(page).toBe(out.stdout);
    // And a run in progress slices ends where one uninterrupted run does.
    const one = results[4];
    expect(one.ok && one.value.trace_hash).toBe(runScenario(plan.tasks[4].scenario).summary.traceHash);
  }, 180_000);

  it('cancel terminates every worker and settles the unfinished runs as cancelled', async () => {
    const { points } = sweepPoints(base, dims, 'sweep');
    const plan = planSweep(points, [1, 2]);
    const log = { terminated: 0 };
    const pool = startSweepPool(plan.tasks, 3, () => fakeWorker(log, { silent: true }));
    expect(pool.alive()).toBe(3);
    pool.cancel();
    const { results, cancelled } = await pool.done;
    expect(cancelled).toBe(true);
    expect(pool.alive()).toBe(0);
    expect(log.terminated).toBe(3);
    expect(results.every((r) => !r.ok && r.error === 'cancelled')).toBe(true);
  });

  it('a failed worker fails its run only; a fresh worker takes the rest', async () => {
    const { points } = sweepPoints(base, [{ key: 'cpus', values: ['2', '4'] }], 'sweep');
    const plan = planSweep(points, undefined);
    let made = 0;
    const pool = startSweepPool(plan.tasks, 1, () => fakeWorker({ terminated: 0 }, made++ === 0 ? { failOn: 0 } : {}));
    const { results } = await pool.done;
    expect(made).toBe(2);
    expect(results[0]).toEqual({ ok: false, error: 'worker failed: boom' });
    expect(results[1].ok).toBe(true);
  }, 60_000);

  it('sizes the pool from the cores, at least 1, at most the runs', () => {
    expect(poolSize(8, 3)).toBe(3);
    expect(poolSize(2, 20)).toBe(2);
    expect(poolSize(undefined, 20)).toBe(1);
    expect(poolSize(0, 20)).toBe(1);
    expect(poolSize(8, 20, 1)).toBe(1);
    expect(poolSize(8, 0)).toBe(1);
  });
});
