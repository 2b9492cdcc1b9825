// Report presets (issue 20) keep their promises: the verdict each gallery card states is what
// cliff.ts says of the preset's whole run at seed 1, and the upstream fix the card names flattens it.
// sac-edge: the 32-bit-first loop (docs/model.md, "sac-edge"). 128 CPUs for 120 ms per run: several
// seconds each, far more on a busy 2-core machine, hence the timeouts.

import { describe, expect, it } from 'vitest';
import { PRESETS, presetScenario } from './presets.ts';
import { runScenario } from './run.ts';

const HEAVY = 300_000;

describe('report presets', () => {
  it('every report preset states a verdict the gallery can show', () => {
    const reports = PRESETS.filter((p) => p.report);
    expect(reports.map((p) => p.name)).toContain('sac-edge');
    for (const p of reports) expect(p.report!.source.length && p.report!.published.length && p.report!.shows.length).toBeGreaterThan(0);
  });

  it(
    'sac-edge at kernel 6.5: the stated verdict (episodic), SAC attempts failing, max32 resets, magazines back to the tree',
    () => {
      const m = runScenario(presetScenario('sac-edge')).summary;
      expect(m.cliff.verdict).toBe(PRESETS.find((p) => p.name === 'sac-edge')!.report!.verdict);
      expect(m.cliff.episodesAtMs.length).toBeGreaterThanOrEqual(2);
      expect(m.cliff.iopsLowest).toBeLessThan(0.3 * m.cliff.iopsBefore);
      expect(m.sac.failures).toBeGreaterThan(10_000);
      expect(m.max32Resets).toBeGreaterThan(0);
      expect(m.magsToRbtree).toBeGreaterThan(0);
      // Not the FQ timer's share: it retires well under 1 % of entries even here.
      expect(m.freesByTimer / (m.freesByTimer + m.freesByOwner)).toBeLessThan(0.01);
    },
    HEAVY,
  );

  it(
    'sac-edge with the fixes: kernel 6.6 (SAC stops at its first failure) is stable, one failure in all',
    () => {
      const s = presetScenario('sac-edge');
      s.kernel = '6.6';
      const m = runScenario(s).summary;
      expect(m.cliff.verdict).toBe('stable');
      expect(m.sac.failures).toBe(1);
    },
    HEAVY,
  );

  it(
    'sac-edge with forcedac=1 at kernel 6.5: no SAC attempt at all, stable',
    () => {
      const s = presetScenario('sac-edge');
      s.forcedac = true;
      const m = runScenario(s).summary;
      expect(m.cliff.verdict).toBe('stable');
      expect(m.sac.attempts).toBe(0);
    },
    HEAVY,
  );
});
