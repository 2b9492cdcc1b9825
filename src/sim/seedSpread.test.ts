// Counter reuse over seeds (seedSpread.ts): the seed list, the summary statistics, and that each
// seed really runs with counter reuse off and then on.

import { describe, expect, it } from 'vitest';
import { presetScenario } from './presets.ts';
import { runScenario } from './run.ts';
import { counterReuseSpread, parseSeeds, spreadOf } from './seedSpread.ts';

describe('seedSpread', () => {
  it('parseSeeds: N, A-B and lists; backwards ranges and junk are refused with the text', () => {
    expect(parseSeeds('3')).toEqual([3]);
    expect(parseSeeds('1-4')).toEqual([1, 2, 3, 4]);
    expect(parseSeeds('1-2, 7')).toEqual([1, 2, 7]);
    expect(() => parseSeeds('5-2')).toThrow(/5-2 runs backwards/);
    expect(() => parseSeeds('x')).toThrow(/"x" is not N or A-B/);
  });

  it('spreadOf: mean, sample sd, min, max', () => {
    expect(spreadOf([1, 2, 3, 4])).toEqual({ n: 4, mean: 2.5, sd: Math.sqrt(5 / 3), min: 1, max: 4 });
    expect(spreadOf([7])).toEqual({ n: 1, mean: 7, sd: 0, min: 7, max: 7 });
    expect(spreadOf([])).toEqual({ n: 0, mean: 0, sd: 0, min: 0, max: 0 });
  });

  it('each seed runs cr=0 then cr=1 on the same scenario; the change and signs follow from the IOPS', () => {
    const s = presetScenario('tiny-lazy');
    s.durationMs = 10;
    const r = counterReuseSpread(s, [1, 2]);
    expect(r.pairs.map((p) => p.seed)).toEqual([1, 2]);
    for (const p of r.pairs) {
      const off = runScenario({ ...s, seed: p.seed, counterReuse: false }).summary.iops;
      const on = runScenario({ ...s, seed: p.seed, counterReuse: true }).summary.iops;
      expect([p.iopsOff, p.iopsOn]).toEqual([off, on]);
      expect(p.change).toBeCloseTo(on / off - 1, 12);
    }
    expect(r.signs.up + r.signs.down + r.signs.same).toBe(2);
    expect(r.change.n).toBe(2);
    // The input scenario is not changed.
    expect([s.seed, s.counterReuse]).toEqual([1, false]);
  });
});
