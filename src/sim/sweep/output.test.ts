// The sweep's rows: a failed run keeps its row (with the error) and is left out of the point's
// statistics; CSV cells with commas or quotes are quoted; a point with one finished run gets no
// aggregate.

import { describe, expect, it } from 'vitest';
import { NUMERIC_FIELDS, type RunNumbers } from './aggregate.ts';
import { sweepCsv, sweepJsonLines, type PointRuns, type SweepPoint as Point } from './output.ts';

const numbers = (iops: number): RunNumbers => {
  const r = { kernel: '6.5', mode: 'lazy', cpus: 4, verdict: 'stable', trace_hash: 'abcd0123' } as RunNumbers;
  for (const f of NUMERIC_FIELDS) r[f] = 1;
  r.iops = iops;
  return r;
};
const point = (index: number): Point => ({ index, params: { cpus: '4' }, hash: `v=3&cpus=4&i=${index}` });

const runs: PointRuns[] = [
  {
    point: point(0),
    seeds: [1, 2, 3],
    results: [{ ok: true, value: numbers(10) }, { ok: false, error: 'boom, "quoted"' }, { ok: true, value: numbers(20) }],
  },
  { point: point(1), seeds: [1, 2, 3], results: [{ ok: true, value: numbers(5) }, { ok: false, error: 'x' }, { ok: false, error: 'y' }] },
];

describe('sweep rows', () => {
  it('JSON Lines: every run, the failed with its error; the aggregate over the finished ones only', () => {
    const rows = sweepJsonLines(runs).trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((r) => `${r.kind}${r.point}${r.seed ?? ''}`)).toEqual(['run01', 'run02', 'run03', 'point0', 'run11', 'run12', 'run13']);
    expect(rows[1]).toEqual({ kind: 'run', point: 0, params: { cpus: '4' }, scenario: 'v=3&cpus=4&i=0', seed: 2, error: 'boom, "quoted"' });
    expect(rows[3]).toMatchObject({ n: 2, interval: 'minmax', verdicts: { stable: 2 }, iops: { mean: 15, lo: 10, hi: 20 } });
    expect(sweepJsonLines([])).toBe('');
  });

  it('CSV: one header, run rows, then mean / lo / hi; the error cell quoted', () => {
    const lines = sweepCsv(runs, ['cpus']).trimEnd().split('\n');
    const head = lines[0].split(',');
    expect(head.slice(0, 10)).toEqual(['kind', 'point', 'seed', 'sweep_cpus', 'scenario', 'kernel', 'mode', 'cpus', 'verdict', 'iops']);
    expect(head.at(-1)).toBe('error');
    expect(lines.map((l) => l.split(',')[0])).toEqual(['kind', 'run', 'run', 'run', 'mean', 'lo', 'hi', 'run', 'run', 'run']);
    expect(lines[2].endsWith(',"boom, ""quoted"""')).toBe(true);
    const mean = lines[4].split(',');
    expect(mean[head.indexOf('iops')]).toBe('15');
    expect(mean[head.indexOf('verdict')]).toBe('stable:2');
    expect([mean[head.indexOf('n')], mean[head.indexOf('interval')]]).toEqual(['2', 'minmax']);
    for (const l of lines) expect(l.match(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/g)?.length, l).toBe(head.length - 1);
  });
});
