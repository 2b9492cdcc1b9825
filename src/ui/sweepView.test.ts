// What the sweep view shows of its rows: one run's values as is, several seeds' mean and interval
// as the CLI computes them, verdict counts, failed runs named; the counter-reuse distribution pairs
// cr=1 with cr=0 by seed and is refused for any other sweep. And export file names.

import { describe, expect, it } from 'vitest';
import { presetScenario } from '../sim/presets.ts';
import { interval, type RunNumbers } from '../sim/sweep/aggregate.ts';
import type { PointRuns, Settled } from '../sim/sweep/output.ts';
import { exportName, momentPart, scenarioTag } from './exportName.ts';
import { pointViews, reuseDistribution } from './sweepView.ts';

const run = (iops: number, verdict = 'stable'): Settled<RunNumbers> => ({ ok: true, value: { iops, stale_iotlb_max_ns: iops / 10, lock_wait_ns: 7, verdict } as RunNumbers });
const point = (index: number, params: Record<string, string>, seeds: number[], results: Settled<RunNumbers>[]): PointRuns => ({ point: { index, params, hash: `v=3&i=${index}` }, seeds, results });

describe('sweep view', () => {
  it('one run as is; seeds as the CLI\'s mean and interval; verdict counts; errors kept', () => {
    const [one, many] = pointViews([
      point(0, { cpus: '2' }, [1], [run(100)]),
      point(1, { cpus: '4' }, [1, 2, 3, 4], [run(100), run(200, 'episodic'), run(300), { ok: false, error: 'cancelled' }]),
    ]);
    expect(one).toMatchObject({ n: 1, runs: 1, verdict: 'stable', errors: [], values: { iops: { mean: 100, lo: 100, hi: 100 } } });
    const { method: _, ...iv } = interval([100, 200, 300]);
    expect(many).toMatchObject({ n: 3, runs: 4, verdict: 'episodic 1 · stable 2', errors: ['cancelled'] });
    expect(many.values?.iops).toEqual(iv);
    expect(pointViews([point(0, {}, [1], [{ ok: false, error: 'boom' }])])[0]).toMatchObject({ n: 0, values: undefined, errors: ['boom'] });
  });

  it('counter reuse: the per-seed change of cr=1 over cr=0, paired by seed; undefined for another sweep', () => {
    const d = reuseDistribution([point(0, { cr: '0' }, [1, 2, 3], [run(100), run(200), run(400)]), point(1, { cr: '1' }, [1, 2, 3], [run(110), run(190), { ok: false, error: 'x' }])]);
    expect(d?.changes.map((c) => [c.seed, Math.round(c.change * 1000) / 1000])).toEqual([
      [1, 0.1],
      [2, -0.05],
    ]);
    expect([d?.up, d?.down, d?.spread.n]).toEqual([1, 1, 2]);
    expect(d?.spread.mean).toBeCloseTo(0.025, 10);
    expect(reuseDistribution([point(0, { cpus: '2' }, [1], [run(1)]), point(1, { cpus: '4' }, [1], [run(1)])])).toBeUndefined();
    expect(reuseDistribution([point(0, { cr: '0', mode: 'lazy' }, [1], [run(1)]), point(1, { cr: '1', mode: 'lazy' }, [1], [run(1)])])).toBeUndefined();
  });
});

describe('export file names', () => {
  it('the preset\'s name when unchanged, else the preset and a stable 8-hex hash; the moment in ms', () => {
    const s = presetScenario('tiny-lazy');
    expect(scenarioTag(s, 'tiny-lazy')).toBe('tiny-lazy');
    const edited = scenarioTag({ ...s, cpus: 3 }, 'tiny-lazy');
    expect(edited).toMatch(/^tiny-lazy-[0-9a-f]{8}$/);
    expect(scenarioTag({ ...s, cpus: 3 }, 'tiny-lazy')).toBe(edited);
    expect(scenarioTag({ ...s, cpus: 4 }, 'tiny-lazy')).not.toBe(edited);
    expect(momentPart(15_000_000)).toBe('_t15.000ms');
    expect(momentPart(undefined)).toBe('');
    expect(exportName(s, 'tiny-lazy', 'throughput', 1_234_567, 'png')).toBe('tiny-lazy_throughput_t1.235ms.png');
  });
});
