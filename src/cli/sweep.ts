// The sweep flags (README "Sweeps"): --sweep's text to dimensions, --seeds' text to a seed list,
// --shard's text to (index, count). Pure, so every refusal is testable; each message names the
// flag. The points themselves (dimensions × the base scenario) are built in points.ts.

import { fieldOf, LIST_FIELDS, SCALAR_FIELDS } from '../url/fields.ts';

import type { Dimension } from '../url/sweepPoints.ts';

// The dimensions and their cross product are shared with the page (src/url/sweepPoints.ts).
export { crossProduct, MAX_RUNS, type Dimension } from '../url/sweepPoints.ts';
export const MAX_SEEDS = 10_000;

const clip = (v: string): string => JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);

/** Workload-blob keys whose values contain commas: their values are separated by '|'. */
const BAR_KEYS = new Set(['sz', 'lat', 'age']);

/**
 * 'cpus=16,32;mode=lazy,strict' → [{cpus,[16,32]},{mode,[lazy,strict]}]. Keys are checked against
 * the codec's tables (src/url/fields.ts), so a key means what it means in a link; values are
 * checked later, by decoding each point as a link (points.ts).
 */
export function parseSweep(text: string): { dims: Dimension[]; errors: string[] } {
  const dims: Dimension[] = [];
  const errors: string[] = [];
  const parts = text.split(';');
  parts.forEach((part, i) => {
    const where = parts.length > 1 ? ` (part ${i + 1})` : '';
    if (part.trim() === '') {
      errors.push(`--sweep: empty part${where}; expected KEY=V1,V2 separated by ';'`);
      return;
    }
    const eq = part.indexOf('=');
    if (eq < 0) {
      errors.push(`--sweep: ${clip(part)}${where} has no '='; expected KEY=V1,V2`);
      return;
    }
    const key = part.slice(0, eq).trim();
    const list = part.slice(eq + 1);
    if (key === '') {
      errors.push(`--sweep: ${clip(part)}${where} has no key before '='`);
      return;
    }
    if (key === 'seed') {
      errors.push('--sweep: seed: sweep seeds with --seeds (e.g. --seeds 1-10), which also gives the per-point interval');
      return;
    }
    if (key === 'iv') {
      errors.push('--sweep: iv: interventions cannot be swept (their list uses \';\'); run one --scenario per list');
      return;
    }
    if (key !== 'p' && !fieldOf(SCALAR_FIELDS, key) && !fieldOf(LIST_FIELDS, key)) {
      errors.push(`--sweep: ${clip(key)}: unknown key; use a scenario URL key (cpus, mode, kv, q, cr, fq, fqt, depot, qd, …) or p`);
      return;
    }
    if (dims.some((d) => d.key === key)) {
      errors.push(`--sweep: ${key}: given more than once`);
      return;
    }
    const sep = BAR_KEYS.has(key) ? '|' : ',';
    const values = list.split(sep).map((v) => v.trim());
    if (list.trim() === '' || values.some((v) => v === '')) {
      errors.push(`--sweep: ${key}: ${list.trim() === '' ? 'no values' : `an empty value in ${clip(list)}`}; expected ${key}=V1${sep}V2…`);
      return;
    }
    const dup = values.find((v, j) => values.indexOf(v) !== j);
    if (dup !== undefined) {
      errors.push(`--sweep: ${key}: value ${clip(dup)} given more than once`);
      return;
    }
    dims.push({ key, values });
  });
  return { dims, errors };
}

/** '1-10', '1,3,5', '1-3,7' → the seeds in the order given; each integer in [0, 2^32 − 1]. */
export function parseSeeds(text: string): { seeds: number[]; errors: string[] } {
  const seeds: number[] = [];
  const bad = (why: string) => ({ seeds: [], errors: [`--seeds: ${clip(text)} ${why}`] });
  for (const part of text.split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) return bad(`is not a seed list; expected e.g. 1-10, 1,3,5 or 1-3,7`);
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (a > 0xffffffff || b > 0xffffffff) return bad('has a seed outside [0, 4294967295]');
    if (b < a) return bad(`has a range that runs backwards (${part})`);
    if (seeds.length + (b - a + 1) > MAX_SEEDS) return bad(`has more than ${MAX_SEEDS} seeds`);
    for (let s = a; s <= b; s++) seeds.push(s);
  }
  const dup = seeds.find((s, i) => seeds.indexOf(s) !== i);
  if (dup !== undefined) return bad(`gives seed ${dup} more than once`);
  return { seeds, errors: [] };
}

export interface Shard {
  index: number;
  count: number;
}

/** 'I/N' with 0 ≤ I < N (Kubernetes' JOB_COMPLETION_INDEX and a 0-based Slurm array use I as is). */
export function parseShard(text: string): { shard?: Shard; errors: string[] } {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  if (!m) return { errors: [`--shard: ${clip(text)} is not I/N (e.g. 0/4)`] };
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || count > 1_000_000) return { errors: [`--shard: ${clip(text)}: N must be an integer in [1, 1000000]`] };
  if (index >= count) return { errors: [`--shard: ${clip(text)}: I must be in [0, ${count - 1}] (shards are numbered from 0)`] };
  return { shard: { index, count }, errors: [] };
}

/** Point k (in sweep order) belongs to shard k mod N: a deterministic split any engine can run. */
export function inShard(k: number, shard: Shard | undefined): boolean {
  return shard === undefined || k % shard.count === shard.index;
}
