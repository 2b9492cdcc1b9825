// compareSummaries: the A, B, B−A rows of two real runs (tiny-lazy, lazy vs strict, same seed).

import { describe, expect, it } from 'vitest';
import { compareSummaries } from './compareSummary.ts';
import { presetScenario } from './presets.ts';
import { runScenario } from './run.ts';

const run = (mode: 'lazy' | 'strict') => runScenario({ ...presetScenario('tiny-lazy'), durationMs: 3, seed: 2, mode }).summary;

describe('compareSummaries', () => {
  const a = run('lazy');
  const b = run('strict');
  const rows = compareSummaries(a, b);
  const row = (k: string) => rows.find((r) => r.key === k);

  it('numbers: A, B, B−A and B/A − 1, nested fields by dotted path', () => {
    expect(row('iops')).toEqual({ key: 'iops', a: a.iops, b: b.iops, delta: b.iops - a.iops, relative: b.iops / a.iops - 1 });
    expect(row('flushes.full')).toMatchObject({ a: a.flushes.full, b: b.flushes.full, delta: b.flushes.full - a.flushes.full });
    expect(row('mapLatencyNs.p99')?.a).toBe(a.mapLatencyNs.p99);
    expect(row('lockWaitNs.depot_locks')?.b).toBe(b.lockWaitNs.depot_locks);
    expect(row('sac.retries')).toMatchObject({ a: a.sac.retries, b: b.sac.retries });
    expect(row('cliff.iopsAfter')?.delta).toBe(b.cliff.iopsAfter - a.cliff.iopsAfter);
  });

  it('text and flags: both sides, no delta; A = 0 gives no relative change', () => {
    expect(row('mode')).toEqual({ key: 'mode', a: 'lazy', b: 'strict', delta: null, relative: null });
    expect(row('counterReuse')).toMatchObject({ a: a.counterReuse, delta: null });
    // Strict mode never queues, so strict − lazy for the stale window is −A, and lazy's is > 0.
    expect(a.staleIotlbMaxNs).toBeGreaterThan(0);
    expect(row('staleIotlbMaxNs')).toMatchObject({ b: 0, delta: -a.staleIotlbMaxNs, relative: -1 });
    const zero = compareSummaries(b, a).find((r) => r.key === 'staleIotlbMaxNs');
    expect(zero).toMatchObject({ a: 0, delta: a.staleIotlbMaxNs, relative: null });
  });

  it('leaves out arrays, the wall time and the name; a run against itself differs by 0 everywhere', () => {
    for (const k of ['iopsSeries', 'cachedPerCpu', 'depotSize', 'wallMs', 'scenario']) expect(rows.some((r) => r.key === k || r.key.startsWith(`${k}.`)), k).toBe(false);
    const same = compareSummaries(a, a);
    expect(same.length).toBe(rows.length);
    for (const r of same) expect(r.delta === null || r.delta === 0, r.key).toBe(true);
    expect(same.filter((r) => r.delta === 0).length).toBeGreaterThan(30);
  });

  it('a key only one side has: its row with null on the other side', () => {
    const older = { ...a } as Partial<typeof a>;
    delete older.max32Resets;
    const r = compareSummaries(older as typeof a, b).find((x) => x.key === 'max32Resets');
    expect(r).toEqual({ key: 'max32Resets', a: null, b: b.max32Resets, delta: null, relative: null });
  });
});
