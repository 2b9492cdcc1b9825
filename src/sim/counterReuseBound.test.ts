// The bound of what counter reuse can save (counterReuseBound.ts; issue 20, "Counter reuse,
// honestly"): the arithmetic, the estimate against the engine's own count, and golden figures.

import { describe, expect, it } from 'vitest';
import { counterReuseBound, type BoundInputs } from './counterReuseBound.ts';
import { presetScenario } from './presets.ts';
import { runScenario } from './run.ts';
import { resolve } from './scenario.ts';

const base: BoundInputs = {
  ios: 255_000,
  cpus: 16,
  simulatedMs: 100,
  counterReuse: false,
  counterReads: { finish: 0, start: 0, finishSaved: 0, remote: 0 },
  flushes: { full: 1000, timeout: 0 },
  freesByTimerAfterFlush: 0,
};

describe('counterReuseBound', () => {
  it('is saved reads per I/O × miss cost ÷ CPU time per I/O', () => {
    const b = counterReuseBound(base, 100, 16);
    expect(b.savedReads).toBe(1000);
    expect(b.counted).toBe(false);
    expect(b.iosPerSavedRead).toBe(255);
    expect(b.cpuNsPerIo).toBeCloseTo((16 * 100e6) / 255_000, 6);
    // (1/255 × 100 ns) / 6274.5 ns = 6.25e-5, i.e. 0.00625 %
    expect(b.bound).toBeCloseTo(100 / 255 / ((16 * 100e6) / 255_000), 12);
    expect(b.bound).toBeCloseTo(6.25e-5, 7);
  });

  it('without counter reuse: one read per full-ring flush and one per ring per timeout; with it: the count', () => {
    expect(counterReuseBound({ ...base, flushes: { full: 10, timeout: 3 } }, 80, 16).savedReads).toBe(10 + 3 * 16);
    expect(counterReuseBound({ ...base, flushes: { full: 10, timeout: 3 } }, 80, 1).savedReads).toBe(13);
    const on = { ...base, counterReuse: true, counterReads: { finish: 1, start: 1, finishSaved: 42, remote: 0 } };
    expect(counterReuseBound(on, 80, 16)).toMatchObject({ savedReads: 42, counted: true });
  });

  it('no I/O, no saved read: zero, not NaN', () => {
    const b = counterReuseBound({ ...base, ios: 0, flushes: { full: 0, timeout: 0 } }, 80, 16);
    expect([b.bound, b.savedPerIo, b.cpuNsPerIo, b.iosPerSavedRead]).toEqual([0, 0, 0, Infinity]);
  });

  it(
    'the estimate is what the engine counts when counter reuse is on (default preset, 30 ms), and the bound is hundredths of a percent',
    () => {
      const s = { ...presetScenario('default'), durationMs: 30, counterReuse: true };
      const m = runScenario(s).summary;
      const counted = counterReuseBound(m, s.costs.atomicRemoteNs, resolve(s).nrings);
      const estimated = counterReuseBound({ ...m, counterReuse: false }, s.costs.atomicRemoteNs, resolve(s).nrings);
      expect(counted.savedReads).toBeGreaterThan(0);
      expect(counted.savedReads).toBe(m.counterReads.finishSaved);
      // every completed timeout visits every ring; a timeout still running at the end visits fewer
      expect(estimated.savedReads).toBeGreaterThanOrEqual(counted.savedReads);
      expect(estimated.savedReads - counted.savedReads).toBeLessThanOrEqual(resolve(s).nrings);
      // one saved read per ~ a ring's worth of unmaps, so the bound is far below John Garry's 2.4 %
      expect(counted.iosPerSavedRead).toBeGreaterThan(100);
      expect(counted.bound).toBeLessThan(0.001);
      expect(counted.bound).toBeGreaterThan(0);
    },
    60_000,
  );
});
