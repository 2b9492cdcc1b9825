// The compared charts' numbers (issue 16): per bucket from the runs' series, overlaid or B − A.

import { describe, expect, it } from 'vitest';
import { presetScenario } from '../../sim/presets.ts';
import { runScenario } from '../../sim/run.ts';
import type { RunSeries } from '../../store/playback.ts';
import { chartLines, COMPARE_CHARTS } from './chartData.ts';

const series = (mode: 'lazy' | 'strict'): RunSeries => {
  const { ringOcc: _r, ...s } = runScenario({ ...presetScenario('tiny-lazy'), mode }).engine.metrics.series;
  return s;
};

const def = (id: string) => COMPARE_CHARTS.find((d) => d.id === id)!;

describe('compare chart data', () => {
  const a = series('lazy');
  const b = series('strict');

  it('throughput is I/Os per bucket over the bucket width, per second', () => {
    const c = chartLines(def('throughput'), a, b, 'overlay');
    expect(c.lines.map((l) => l.id)).toEqual(['a', 'b']);
    expect(c.lines[0].points[3]).toBe(a.ios[3] / (a.bucketNs / 1e9));
    expect(c.lines[1].points[3]).toBe(b.ios[3] / (b.bucketNs / 1e9));
  });

  it('B − A per bucket; strict keeps no stale IOTLB entries, so B − A is −A', () => {
    const c = chartLines(def('stale'), a, b, 'delta');
    expect(c.lines.map((l) => l.id)).toEqual(['delta']);
    expect(a.staleIotlb.some((x) => x > 0)).toBe(true);
    expect(c.lines[0].points).toEqual(a.staleIotlb.map((x, i) => b.staleIotlb[i] - x));
    expect(c.min).toBe(Math.min(0, ...c.lines[0].points.map(Number)));
  });

  it('lock wait sums every lock, in µs; a shorter B leaves its missing buckets out of B − A', () => {
    const c = chartLines(def('lockWait'), a, b, 'overlay');
    const sum = Object.values(b.lockWaitNs).reduce((t, xs) => t + xs[5], 0) / 1000;
    expect(c.lines[1].points[5]).toBe(sum);
    const short: RunSeries = { ...b, ios: b.ios.slice(0, 10), rbtreeNodes: b.rbtreeNodes.slice(0, 10) };
    const d = chartLines(def('allocator'), a, short, 'delta');
    expect(d.lines[0].points.length).toBe(a.ios.length);
    expect(d.lines[0].points[9]).toBe(short.rbtreeNodes[9] - a.rbtreeNodes[9]);
    expect(d.lines[0].points[10]).toBeNull();
  });
});
