import { describe, expect, it } from 'vitest';
import { presetScenario } from './presets.ts';
import { runScenario } from './run.ts';
import { lockColumn, metricsCsv } from './metricsCsv.ts';

describe('metrics CSV', () => {
  it('names lock columns without stray underscores', () => {
    expect(lockColumn('depot_lock[0]')).toBe('wait_ns_depot_lock_0');
    expect(lockColumn('iova_rbtree_lock')).toBe('wait_ns_iova_rbtree_lock');
    const head = metricsCsv(runScenario({ ...presetScenario('tiny-lazy'), durationMs: 3 }).engine.metrics.series).split('\n')[0].split(',');
    expect(head).toContain('wait_ns_depot_lock_0');
    expect(head.filter((c) => c.endsWith('_'))).toEqual([]);
  });
});
