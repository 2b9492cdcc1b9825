// A sweep's points: the base scenario (--preset or --scenario, with --seed / --duration-ms) with
// each combination of the swept keys applied as link keys, decoded by the page's own decoder
// (src/url/codec.ts), so `cpus=64` in a sweep is exactly `cpus=64` in a share link, with the same
// checks and the same messages. Every point is built and checked before any run starts.

import { decodeHash } from '../url/codec.ts';
import { MAX_RUNS, sweepPoints, type Dimension, type Point } from '../url/sweepPoints.ts';
import type { CliArgs } from './args.ts';
import { resolveScenario, scenarioHash } from './resolve.ts';

export { pointLabel, type Point } from '../url/sweepPoints.ts';

export function buildPoints(args: CliArgs, dims: readonly Dimension[], seedCount: number): { points: Point[]; errors: string[] } {
  const keys = dims.map((d) => d.key);
  const errors: string[] = [];
  const total = dims.reduce((n, d) => n * d.values.length, 1);
  if (total * seedCount > MAX_RUNS) return { points: [], errors: [`--sweep: ${total} points × ${seedCount} seeds is more than ${MAX_RUNS} runs; split it`] };
  if (keys.includes('p') && (args.preset !== undefined || args.scenario !== undefined))
    errors.push(`--sweep: p: sweeps presets, so give neither --preset nor --scenario`);
  if (keys.includes('dur') && args.durationMs !== undefined) errors.push('--sweep: dur: swept, so give no --duration-ms');
  const base = resolveScenario(args);
  errors.push(...base.errors);
  if (errors.length) return { points: [], errors };

  // The base as a canonical v3 hash (an older --scenario migrated once), so that the swept keys
  // appended to it are read as version-3 keys; --seed / --duration-ms ride in it as seed= / dur=.
  const basePreset = args.scenario !== undefined ? decodeHash(scenarioHash(args.scenario)).preset : base.name;
  const overrides = [
    args.seed !== undefined ? `seed=${args.seed}` : '',
    args.durationMs !== undefined ? `dur=${args.durationMs}` : '',
  ].filter(Boolean);
  return sweepPoints({ scenario: base.scenario, preset: basePreset, overrides }, dims, '--sweep');
}
