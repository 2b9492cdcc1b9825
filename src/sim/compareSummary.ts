// A/B compare's summary table (issue 16, "every summary number shown as A, B and B−A"): two run
// summaries (run.ts) flattened to one row per number, by dotted path (flushes.full, lockWaitNs.
// depot_locks, sac.retries, cliff.iopsAfter, …), so a field added to Summary appears without a
// change here. Pure: the page's compare view and any CLI use the same rows.

import type { Summary } from './run.ts';

export interface CompareRow {
  /** Dotted path in the summary, e.g. "mapLatencyNs.p99". */
  key: string;
  a: number | string | boolean | null;
  b: number | string | boolean | null;
  /** B − A for numbers on both sides; null for text, flags and a side that lacks the number. */
  delta: number | null;
  /** B/A − 1 when both are numbers and A ≠ 0 (the page shows it as a percentage); else null. */
  relative: number | null;
}

/**
 * Fields left out: per-bucket and per-CPU arrays (a chart's job, not a table's), the wall time
 * (the machine's, not the simulation's: it differs between two runs of one scenario) and the name.
 */
const SKIP = new Set(['scenario', 'wallMs', 'iopsSeries', 'cachedPerCpu', 'depotSize']);

type Leaf = number | string | boolean | null;

function flatten(o: Record<string, unknown>, prefix: string, out: Map<string, Leaf>): void {
  for (const [k, v] of Object.entries(o)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (!prefix && SKIP.has(k)) continue;
    if (v === null || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') out.set(key, v);
    else if (v !== undefined && !Array.isArray(v) && typeof v === 'object') flatten(v as Record<string, unknown>, key, out);
  }
}

/** One row per number or text of either summary, in A's order, then keys only B has. */
export function compareSummaries(a: Summary, b: Summary): CompareRow[] {
  const fa = new Map<string, Leaf>();
  const fb = new Map<string, Leaf>();
  flatten(a as unknown as Record<string, unknown>, '', fa);
  flatten(b as unknown as Record<string, unknown>, '', fb);
  const keys = [...fa.keys(), ...[...fb.keys()].filter((k) => !fa.has(k))];
  return keys.map((key) => {
    const x = fa.has(key) ? (fa.get(key) as Leaf) : null;
    const y = fb.has(key) ? (fb.get(key) as Leaf) : null;
    const both = typeof x === 'number' && typeof y === 'number';
    return {
      key,
      a: x,
      b: y,
      delta: both ? y - x : null,
      relative: both && x !== 0 ? y / x - 1 : null,
    };
  });
}
