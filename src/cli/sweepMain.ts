// `npm run sim -- --sweep … --seeds …` (README "Sweeps"): every point and seed checked before any
// run (a user error: one line per problem naming it, exit 2), the runs of this shard spread over
// --jobs worker threads, one progress line per finished run on stderr, the rows on stdout in point
// and seed order once all have finished. A run that fails is reported with its point and the rest
// go on; the exit code is then 1.

import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { RunNumbers } from '../sim/sweep/aggregate.ts';
import type { CliArgs } from './args.ts';
import { buildPoints, pointLabel } from './points.ts';
import { runPool } from './pool.ts';
import { parseSeeds, parseShard, parseSweep, inShard, type Dimension } from './sweep.ts';
import { sweepCsv, sweepJsonLines, type PointRuns } from '../sim/sweep/output.ts';
import { planSweep, rowsOf, type SweepTask } from '../sim/sweep/tasks.ts';

const say = (m: string) => process.stderr.write(`sim: ${m}\n`);

/** Runs the sweep; resolves to the exit code (0, 1 when a run failed, 2 for a user error). */
export async function runSweep(args: CliArgs): Promise<number> {
  const errors: string[] = [];
  let dims: Dimension[] = [];
  if (args.sweep !== undefined) {
    const s = parseSweep(args.sweep);
    dims = s.dims;
    errors.push(...s.errors);
  }
  const seeds = args.seeds !== undefined ? parseSeeds(args.seeds) : undefined;
  errors.push(...(seeds?.errors ?? []));
  const shard = args.shard !== undefined ? parseShard(args.shard) : undefined;
  errors.push(...(shard?.errors ?? []));
  if (errors.length === 0) {
    const built = buildPoints(args, dims, seeds?.seeds.length ?? 1);
    errors.push(...built.errors);
    if (errors.length === 0) return execute(args, dims, built.points, seeds?.seeds, shard?.shard);
  }
  for (const e of errors) say(e);
  return 2;
}

async function execute(
  args: CliArgs,
  dims: readonly Dimension[],
  all: ReturnType<typeof buildPoints>['points'],
  seedList: readonly number[] | undefined,
  shard: ReturnType<typeof parseShard>['shard'],
): Promise<number> {
  const plan = planSweep(all.filter((p) => inShard(p.index, shard)), seedList);
  const { points, tasks, owner } = plan;
  const jobs = Math.max(1, Math.min(args.jobs ?? availableParallelism(), tasks.length));
  const t0 = performance.now();
  let done = 0;
  say(`${tasks.length} runs (${points.length} of ${all.length} points${shard ? `, shard ${shard.index}/${shard.count}` : ''}) on ${jobs} worker thread${jobs === 1 ? '' : 's'}`);
  const results = await runPool<SweepTask, RunNumbers>(new URL('./sweepWorker.ts', import.meta.url), tasks, jobs, (t, r) => {
    const { point, seed } = owner[t];
    const p = points[point];
    const what = `point ${p.index}${dims.length ? ` (${pointLabel(p.params)})` : ''} seed ${seed}`;
    const secs = ((performance.now() - t0) / 1000).toFixed(1);
    done++;
    say(`[${done}/${tasks.length}] ${what}: ${r.ok ? `${r.value.iops} IOPS, ${r.value.verdict}` : `FAILED: ${r.error}`} (${secs} s)`);
  });
  const rows: PointRuns[] = rowsOf(plan, results);
  process.stdout.write(args.format === 'csv' ? sweepCsv(rows, dims.map((d) => d.key)) : sweepJsonLines(rows));
  const failed = results.filter((r) => !r.ok).length;
  if (failed) say(`${failed} of ${tasks.length} runs failed (see the FAILED lines above; their rows carry the error)`);
  return failed ? 1 : 0;
}
