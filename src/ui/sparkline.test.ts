import { describe, expect, it } from 'vitest';
import { PRESETS, findPreset, presetScenario } from '../sim/presets.ts';
import { PREVIEW_CPU_MS, previewRun, sparkPoints, tellingEndMs } from './sparkline.ts';

describe('preset previews', () => {
  it('each preview is its preset, cut to the CPU·ms budget or its telling moment, in about 50 whole-0.1-ms buckets', () => {
    for (const p of PRESETS) {
      const full = presetScenario(p.name);
      const r = previewRun(p.name);
      expect({ ...r.scenario, durationMs: full.durationMs }).toEqual(full);
      const tell = tellingEndMs(full);
      const own = p.previewMs ?? 0;
      expect(r.scenario.durationMs * r.scenario.cpus <= Math.max(PREVIEW_CPU_MS, 5 * full.cpus, Math.max(Math.ceil(tell ?? 0), own) * full.cpus)).toBe(true);
      // The first intervention and what followed it are in the preview.
      if (tell !== null) expect(r.scenario.durationMs).toBeGreaterThanOrEqual(Math.min(full.durationMs, tell));
      expect(r.capped).toBe(r.scenario.durationMs < full.durationMs);
      expect(r.bucketNs % 1e5).toBe(0);
      const buckets = (r.scenario.durationMs * 1e6) / r.bucketNs;
      expect(buckets).toBeGreaterThan(35);
      expect(buckets).toBeLessThan(70);
    }
    expect(previewRun('tiny-lazy')).toMatchObject({ capped: false, bucketNs: 600_000 });
    // timeout-flood's (formerly cliff's) pause runs 100–130 ms: its preview covers 140 ms, not the 25 ms budget.
    expect(previewRun('timeout-flood')).toMatchObject({ capped: true, scenario: { durationMs: 140 }, bucketNs: 2_800_000 });
    // sac-edge's collapses emerge with no intervention: its previewMs (the whole 120 ms run) beats
    // the 12 ms that 1600 CPU·ms buys at 128 CPUs.
    expect(findPreset('sac-edge')?.previewMs).toBe(120);
    expect(previewRun('sac-edge')).toMatchObject({ capped: false, scenario: { durationMs: 120 }, bucketNs: 2_400_000 });
  });

  it('sparkPoints spans the box, scaled to the largest value, y growing downwards', () => {
    expect(sparkPoints([0, 5, 10], 102, 22)).toBe('1,21 51,11 101,1');
    expect(sparkPoints([0, 0], 10, 10)).toBe('1,9 9,9');
    expect(sparkPoints([7], 10, 10)).toBe('5,1');
    expect(sparkPoints([], 10, 10)).toBe('');
  });
});
