// A sweep's points (issue 16), shared by the CLI (src/cli/points.ts) and the page's sweep dialog
// (src/ui/SweepDialog.tsx): a base scenario as a link hash with each combination of the swept keys
// appended as link keys and decoded by the page's own decoder (codec.ts), so `cpus=64` in a sweep
// is exactly `cpus=64` in a share link, with the same checks and the same messages.

import type { Scenario } from '../sim/scenario.ts';
import type { SweepPoint } from '../sim/sweep/output.ts';
import { packBlob } from './blob.ts';
import { decodeHash, encodeHash, URL_VERSION } from './codec.ts';
import { fieldOf, LIST_FIELDS } from './fields.ts';

export interface Dimension {
  /** A scenario URL key, as in a share link (cpus, mode, kv, fq, c.flush, …), or p (a preset). */
  key: string;
  values: string[];
}

export interface Point extends SweepPoint {
  scenario: Scenario;
}

/** A sweep bigger than this is refused before anything runs: a typo must not start a week of work. */
export const MAX_RUNS = 100_000;
/** At most this many messages for the points. */
const MAX_LINES = 20;

/** The cross product, the last key varying fastest (as nested loops, first key outermost). */
export function crossProduct(dims: readonly Dimension[]): Record<string, string>[] {
  let out: Record<string, string>[] = [{}];
  for (const d of dims) out = out.flatMap((p) => d.values.map((v) => ({ ...p, [d.key]: v })));
  return out;
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

export interface SweepBase {
  scenario: Scenario;
  preset: string;
  /** Keys written after a swept preset (the CLI's --seed / --duration-ms as seed= / dur=), already in `scenario`. */
  overrides?: readonly string[];
}

/**
 * Every point of `dims` over `base`, each decoded as a link; messages start with `prefix` (the
 * CLI's flag name, or the page's "sweep"). No points when any point is refused.
 */
export function sweepPoints(base: SweepBase, dims: readonly Dimension[], prefix: string): { points: Point[]; errors: string[] } {
  const keys = dims.map((d) => d.key);
  const errors: string[] = [];
  const overrides = base.overrides ?? [];
  // The base scenario already holds the overrides; a preset point starts from the preset and takes them again.
  const baseHash = encodeHash(base.scenario, base.preset);
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
      const msg = own ? `${prefix}: ${e}` : `${prefix}: point ${index} (${pointLabel(params)}): ${e}`;
      if (!seen.has(msg)) errors.push(msg);
      seen.add(msg);
    }
    points.push({ index, params, hash: encodeHash(d.scenario, params.p !== undefined ? d.preset : base.preset), scenario: d.scenario });
  });
  // As decodeHash caps a link's messages: a rule broken at every point gets a count, not 1000 lines.
  const shown = errors.length > MAX_LINES ? [...errors.slice(0, MAX_LINES - 1), `${prefix}: …and ${errors.length - MAX_LINES + 1} more, not listed`] : errors;
  return { points: errors.length ? [] : points, errors: shown };
}
