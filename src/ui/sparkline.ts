// Geometry of the gallery's IOPS sparklines (PresetPreview.tsx), kept free of React and the DOM so
// it is tested in Node. Also the preview run's shape: which part of a preset a preview simulates.

import { findPreset, presetScenario } from '../sim/presets.ts';
import type { Scenario } from '../sim/scenario.ts';

/**
 * A preview simulates at most this many CPU·milliseconds (about half a second of worker time at the
 * engine's measured speed): 16 CPUs for 100 ms, 64 CPUs for 25 ms. Shorter presets run whole.
 */
export const PREVIEW_CPU_MS = 1600;
/** Points per sparkline. */
export const PREVIEW_POINTS = 50;

export interface PreviewRun {
  scenario: Scenario;
  /** Metrics bucket (ns): the run split into about PREVIEW_POINTS buckets of whole 0.1 ms. */
  bucketNs: number;
  /** True when the preview covers only the start of the preset. */
  capped: boolean;
}

/**
 * Where a preset's telling moment ends (ms): its first intervention, through a pause's end, plus
 * 10 ms to see what followed; null without one. A preview always reaches it, past the CPU·ms
 * budget if need be (the cliff preset's pause is at 100 ms, far beyond its 25 ms budget: issue 18).
 */
export function tellingEndMs(s: Scenario): number | null {
  const x = s.interventions[0];
  if (!x) return null;
  return x.atMs + (x.kind === 'pause' ? x.forMs : 0) + 10;
}

export function previewRun(name: string): PreviewRun {
  const scenario = presetScenario(name);
  const telling = Math.max(Math.ceil(tellingEndMs(scenario) ?? 0), findPreset(name)?.previewMs ?? 0);
  const cap = Math.max(5, Math.floor(PREVIEW_CPU_MS / scenario.cpus), telling);
  const capped = scenario.durationMs > cap;
  if (capped) scenario.durationMs = cap;
  const bucketNs = Math.max(1, Math.round((scenario.durationMs * 1e6) / PREVIEW_POINTS / 1e5)) * 1e5;
  return { scenario, bucketNs, capped };
}

/**
 * SVG polyline points for `values` in a width × height box, y = 0 at the bottom, scaled to the
 * largest value (a flat zero line when all are 0). A trailing partial bucket is dropped by the
 * caller; here every value is one point, evenly spaced.
 */
export function sparkPoints(values: readonly number[], width: number, height: number, pad = 1): string {
  if (values.length === 0) return '';
  const max = Math.max(...values, 0);
  const n = values.length;
  const x = (i: number) => (n === 1 ? width / 2 : pad + (i * (width - 2 * pad)) / (n - 1));
  const y = (v: number) => height - pad - (max > 0 ? (v / max) * (height - 2 * pad) : 0);
  return values.map((v, i) => `${round(x(i))},${round(y(v))}`).join(' ');
}

const round = (v: number): number => Math.round(v * 10) / 10;
