// A sweep's points: the base scenario (--preset or --scenario, with --seed / --duration-ms) with
// each combination of the swept keys applied as link keys, decoded by the page's own decoder
// (src/url/codec.ts), so `cpus=64` in a sweep is exactly `cpus=64` in a share link, with the same
// checks and the same messages. Every point is built and checked before any run starts.

import { decodeHash, encodeHash, URL_VERSION } from '../url/codec.ts';
import { packBlob } from '../url/blob.ts';
import { fieldOf, LIST_FIELDS } from '../url/fields.ts';
import type { Scenario } from '../sim/scenario.ts';
import type { CliArgs } from './args.ts';
import { resolveScenario, scenarioHash } from './resolve.ts';
import { crossProduct, MAX_RUNS, type Dimension } from './sweep.ts';

/** At most this many messages for the points. */
const MAX_LINES = 20;

export interface Point {
  /** Index in sweep order (what --shard splits on). */
  index: number;
  /** The swept keys' values, as given. */
  params: Record<string, string>;
  /** The point as a share link's hash (v=4&…): `--scenario` with it runs the same scenario. */
  hash: string;
  scenario: Scenario;
}

/** A point's keys as a person reads them: "cpus=16 mode=lazy". */
export const pointLabel = (params: Record<string, string>): string =>
  Object.entries(params)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');

/** The keys of one point as hash text: scalar keys as is, workload-blob keys in a blob of their own. */
function keysAsHash(params: Record<string, string>): string {
  const scalar = Object.entries(params).filter(([k]) => k !== 'p' && !fieldOf(LIST_FIELDS, k));
  const blob = Object.entries(params).filter(([k]) => fieldOf(LIST_FIELDS, k));
  const parts = scalar.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  // decodeHash applies keys in order, a later one winning, and each blob's keys on their own: a
  // second `w` with only `sz` changes the size mix and keeps the base's latency.
  if (blob.length) parts.push(`w=${packBlob(blob.map(([key, value]) => ({ key, value })))}`);
  return parts.join('&');
}

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
  const baseHash = encodeHash(base.scenario, basePreset);
  const overrides = [
    args.seed !== undefined ? `seed=${args.seed}` : '',
    args.durationMs !== undefined ? `dur=${args.durationMs}` : '',
  ].filter(Boolean);

  const seen = new Set<string>();
  const points: Point[] = [];
  crossProduct(dims).forEach((params, index) => {
    const head = params.p !== undefined ? [`v=${URL_VERSION}`, `p=${encodeURIComponent(params.p)}`, ...overrides].join('&') : baseHash;
    const rest = keysAsHash(params);
    const d = decodeHash(rest ? `${head}&${rest}` : head);
    for (const e of d.errors) {
      // A value's own refusal names its key and is said once; a rule across keys (e.g. more
      // load CPUs than CPUs) names the point it breaks at.
      const own = keys.some((k) => e.startsWith(`${k}:`) || e.startsWith(`w.${k}:`));
      const msg = own ? `--sweep: ${e}` : `--sweep: point ${index} (${pointLabel(params)}): ${e}`;
      if (!seen.has(msg)) errors.push(msg);
      seen.add(msg);
    }
    points.push({ index, params, hash: encodeHash(d.scenario, params.p !== undefined ? d.preset : basePreset), scenario: d.scenario });
  });
  // As decodeHash caps a link's messages: a rule broken at every point gets a count, not 1000 lines.
  const shown = errors.length > MAX_LINES ? [...errors.slice(0, MAX_LINES - 1), `--sweep: …and ${errors.length - MAX_LINES + 1} more, not listed`] : errors;
  return { points: errors.length ? [] : points, errors: shown };
}
