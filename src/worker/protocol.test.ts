// One bucket rule (issue 13): the page's workers and the CLI sample metrics with the same function,
// so the same scenario gives the same series, lowest IOPS and cliff verdict in both.

import { describe, expect, it } from 'vitest';
import { bucketNsFor as simRule, MAX_BUCKETS } from '../sim/metrics.ts';
import { presetScenario } from '../sim/presets.ts';
import { runScenario } from '../sim/run.ts';
import { bucketNsFor } from './protocol.ts';

describe('bucket rule', () => {
  it('is the model\'s own function: 1 ms buckets up to MAX_BUCKETS ms, then whole milliseconds', () => {
    expect(bucketNsFor).toBe(simRule);
    expect(MAX_BUCKETS).toBe(10_000);
    expect([1, 300, 2001, 10_000].map(bucketNsFor)).toEqual([1e6, 1e6, 1e6, 1e6]);
    expect([10_001, 20_000, 20_001].map(bucketNsFor)).toEqual([2e6, 2e6, 3e6]);
  });

  it('the CLI summary samples with it', () => {
    const s = presetScenario('tiny-lazy');
    s.durationMs = 3;
    expect(runScenario(s).summary.bucketMs).toBe(bucketNsFor(s.durationMs) / 1e6);
  });
});
