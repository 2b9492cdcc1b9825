// A sweep's rows as JSON Lines or CSV (README "Sweeps"): per point, one row per seed (kind "run"),
// then with two or more finished seeds the aggregate (JSON: one "point" line; CSV: "mean", "lo" and
// "hi" rows). Rows are row-oriented so shards concatenate: `cat` for JSON Lines, every file's
// lines after the first for CSV.

// Pure (no files, no threads): the CLI (src/cli/sweepMain.ts) and the page's Web Worker pool
// (src/worker/sweepPool.ts) both write their rows here, so a page CSV equals the CLI's.

import { aggregate, NUMERIC_FIELDS, type PointAggregate, type RunNumbers } from './aggregate.ts';

/** A run's outcome: its value, or the message of why it failed. */
export type Settled<R> = { ok: true; value: R } | { ok: false; error: string };

/** What a row says about its point (src/url/sweepPoints.ts builds them, with the scenario). */
export interface SweepPoint {
  /** Index in sweep order (what --shard splits on). */
  index: number;
  /** The swept keys' values, as given. */
  params: Record<string, string>;
  /** The point as a share link's hash (v=3&…). */
  hash: string;
}

export interface PointRuns {
  point: SweepPoint;
  seeds: readonly number[];
  /** One per seed, in seed order. */
  results: readonly Settled<RunNumbers>[];
}

const finished = (p: PointRuns): RunNumbers[] => p.results.flatMap((r) => (r.ok ? [r.value] : []));

export function sweepJsonLines(points: readonly PointRuns[]): string {
  const lines: string[] = [];
  for (const p of points) {
    const head = { point: p.point.index, params: p.point.params, scenario: p.point.hash };
    p.results.forEach((r, j) => {
      const seed = p.seeds[j];
      lines.push(JSON.stringify(r.ok ? { kind: 'run', ...head, seed, ...r.value } : { kind: 'run', ...head, seed, error: r.error }));
    });
    const agg = aggregate(finished(p));
    if (agg) lines.push(JSON.stringify({ kind: 'point', ...head, n: agg.n, interval: agg.method, verdicts: agg.verdicts, ...agg.stats }));
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

const cell = (v: unknown): string => {
  const s = v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

const TEXT_COLUMNS = ['kernel', 'mode', 'cpus', 'verdict'] as const;

export function sweepCsv(points: readonly PointRuns[], keys: readonly string[]): string {
  const head = ['kind', 'point', 'seed', ...keys.map((k) => `sweep_${k}`), 'scenario', ...TEXT_COLUMNS, ...NUMERIC_FIELDS, 'trace_hash', 'n', 'interval', 'error'];
  const rows = [head.join(',')];
  for (const p of points) {
    const lead = (kind: string, seed: number | undefined) => [kind, p.point.index, seed, ...keys.map((k) => p.point.params[k]), p.point.hash];
    p.results.forEach((r, j) => {
      const seed = p.seeds[j];
      if (r.ok) rows.push([...lead('run', seed), ...TEXT_COLUMNS.map((c) => r.value[c]), ...NUMERIC_FIELDS.map((f) => r.value[f]), r.value.trace_hash, '', '', ''].map(cell).join(','));
      else rows.push([...lead('run', seed), ...TEXT_COLUMNS.map(() => ''), ...NUMERIC_FIELDS.map(() => ''), '', '', '', r.error].map(cell).join(','));
    });
    const agg = aggregate(finished(p));
    if (agg) rows.push(...aggregateRows(agg, finished(p)[0], lead));
  }
  return rows.join('\n') + '\n';
}

function aggregateRows(agg: PointAggregate, first: RunNumbers, lead: (kind: string, seed: undefined) => unknown[]): string[] {
  const verdicts = Object.entries(agg.verdicts)
    .map(([v, n]) => `${v}:${n}`)
    .join(' ');
  return (['mean', 'lo', 'hi'] as const).map((which) =>
    [...lead(which, undefined), first.kernel, first.mode, first.cpus, which === 'mean' ? verdicts : '', ...NUMERIC_FIELDS.map((f) => agg.stats[f][which]), '', agg.n, agg.method, '']
      .map(cell)
      .join(','),
  );
}
