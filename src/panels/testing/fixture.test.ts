import { describe, expect, it } from 'vitest';
import { presetScenario } from '../../sim/presets.ts';
import { runScenario } from '../../sim/run.ts';
import { cliffMoment } from '../../worker/liveMarkers.ts';
import { runFixture } from './fixture.ts';

describe('panel fixture', () => {
  it('a fixture run is deterministic and its view is at the moment asked for', () => {
    const s = presetScenario('tiny-lazy');
    const a = runFixture(s, 5e6, 1e6);
    const b = runFixture(s, 5e6, 1e6);
    expect(a.view.t).toBe(5e6);
    expect(a.spanWindow).toEqual([4e6, 5e6]);
    expect(a.spans).toEqual(b.spans);
    expect(Array.from(a.view.slotState)).toEqual(Array.from(b.view.slotState));
    expect(a.spans.length).toBeGreaterThan(0);
    expect(a.spans.every((x) => x.t1 >= 4e6 && x.t0 <= 5e6)).toBe(true);
    expect(a.series.ios.length).toBe(s.durationMs);
  });

  it(
    'marks a cliff exactly when the CLI summary and the live worker do (one verdict: sim/cliff.ts)',
    () => {
      const s = presetScenario('pause-unmaps');
      s.durationMs = 70; // ends inside the 50–80 ms pause: not a cliff (ends-in-pause)
      const cut = runFixture(s, 10e6);
      const sum = runScenario(s).summary;
      expect(sum.cliff.verdict).toBe('ends-in-pause');
      expect(cut.markers.filter((m) => m.kind === 'cliff')).toEqual([]);
      expect(cliffMoment(cut.series.ios, cut.series.bucketNs, s)).toBeNull();
      // The same pause with mode switched to strict at 60 ms and a run long past it: the IOPS stay down.
      const strict = presetScenario('pause-unmaps');
      strict.durationMs = 120;
      strict.interventions = [{ kind: 'mode', atMs: 40, mode: 'strict' }];
      const fx = runFixture(strict, 10e6);
      const v = runScenario(strict).summary.cliff;
      expect(v.verdict).toBe('cliff');
      const at = cliffMoment(fx.series.ios, fx.series.bucketNs, strict);
      expect(at).toBe(Math.round(v.atMs! * 1e6));
      expect(fx.markers.filter((m) => m.kind === 'cliff')).toEqual([{ t: at, kind: 'cliff', cpu: -1 }]);
    },
    60_000,
  );
});
