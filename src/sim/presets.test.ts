// The preset registry (docs/model.md, "Presets"): one list feeding the menu, the CLI, screenshots,
// gallery.

import { describe, expect, it } from 'vitest';
import { applyOverrides, DEFAULT_PRESET, findPreset, presetScenario, PRESETS } from './presets.ts';
import { cloneScenario, DEFAULT_SCENARIO, resolve } from './scenario.ts';
import { runChecked } from './testing/scenarios.ts';
import { validateScenario } from './validate.ts';

describe('presets', () => {
  it('names are unique, URL-safe and described', () => {
    const names = PRESETS.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const p of PRESETS) {
      expect(p.name).toMatch(/^[a-z0-9][a-z0-9-]*$/);
      expect(p.description.trim().length).toBeGreaterThan(10);
      expect(p.description).not.toContain('\n');
    }
    expect(findPreset(DEFAULT_PRESET)).toBeDefined();
  });

  it('every preset is a valid scenario: no errors and nothing dropped or changed by validation', () => {
    for (const p of PRESETS) {
      const s = presetScenario(p.name);
      const { scenario, errors } = validateScenario(s);
      expect({ preset: p.name, errors }).toEqual({ preset: p.name, errors: [] });
      expect(scenario).toEqual(s);
    }
  });

  it('the default preset is DEFAULT_SCENARIO', () => {
    expect(presetScenario(DEFAULT_PRESET)).toEqual(DEFAULT_SCENARIO);
  });

  it('presetScenario returns a fresh deep copy each time', () => {
    const a = presetScenario(PRESETS[1].name);
    a.workload.qd = 999;
    a.costs.flushAllNs = 1;
    a.interventions.push({ kind: 'mode', atMs: 1, mode: 'strict' });
    const b = presetScenario(PRESETS[1].name);
    expect(b.workload.qd).not.toBe(999);
    expect(b.costs.flushAllNs).toBe(presetScenario(PRESETS[1].name).costs.flushAllNs);
    expect(b.interventions).not.toContainEqual({ kind: 'mode', atMs: 1, mode: 'strict' });
    expect(DEFAULT_SCENARIO.workload.qd).not.toBe(999);
  });

  it('unknown names: findPreset undefined, presetScenario throws naming it', () => {
    expect(findPreset('nope')).toBeUndefined();
    expect(() => presetScenario('nope')).toThrow(/nope/);
  });

  it('applyOverrides merges workload and costs instead of replacing them, and copies its input', () => {
    const o = { workload: { qd: 3 }, costs: { flushAllNs: 7 } };
    const s = applyOverrides(cloneScenario(DEFAULT_SCENARIO), o);
    expect(s.workload.qd).toBe(3);
    expect(s.workload.sizes).toEqual(DEFAULT_SCENARIO.workload.sizes);
    expect(s.costs.flushAllNs).toBe(7);
    expect(s.costs.invRangeNs).toBe(DEFAULT_SCENARIO.costs.invRangeNs);
    o.workload.qd = 5;
    expect(s.workload.qd).toBe(3);
  });

  it('the single-queue preset uses the v6.7 single queue with its defaults (fact 18)', () => {
    const s = presetScenario('single-queue');
    expect([s.kernel, s.queue]).toEqual(['6.7', 'single']);
    expect(resolve(s)).toMatchObject({ fqSize: 32768, fqTimeoutNs: 1e9, nrings: 1 });
  });

  it('every preset, cut to 1 ms, runs with a trace that obeys the flush-queue rules', () => {
    for (const p of PRESETS) {
      const s = { ...presetScenario(p.name), durationMs: 1 };
      const r = runChecked(s);
      expect({ preset: p.name, v: r.violations, lv: r.linearViolations }).toEqual({ preset: p.name, v: [], lv: [] });
      expect(r.summary.ios).toBeGreaterThan(0);
    }
  }, 60_000); // every preset run and checked: explicit timeout for a busy machine
});
