// Counter reuse (John Garry's atomic64_inc_return proposal, docs/kernel.md §3.7) measured as a
// distribution over seeds rather than one run (issue 20). In the SAC loop's episodic regime one
// run with cr=0 and one with cr=1 can differ by ±20 % in either direction while the timer's
// post-flush frees stay at 0: the seed decides where the episodes fall, not the change. So the
// same scenario runs with counterReuse off and on for each seed, and the per-seed relative IOPS
// change is summarised (mean, spread, sign count) beside freesByTimerAfterFlush, the only
// behavioural channel the change has (fq_flush_timeout freeing entries queued after its own flush).

import { runScenario } from './run.ts';
import { cloneScenario, type Scenario } from './scenario.ts';

export interface SeedPair {
  seed: number;
  iopsOff: number;
  iopsOn: number;
  /** iopsOn / iopsOff - 1. */
  change: number;
  /** With counter reuse on (off always counts what the timer freed after its own flush began). */
  freesByTimerAfterFlushOff: number;
  freesByTimerAfterFlushOn: number;
}

export interface Spread {
  n: number;
  mean: number;
  /** Sample standard deviation (n - 1); 0 for one value. */
  sd: number;
  min: number;
  max: number;
}

export interface CounterReuseSpread {
  pairs: SeedPair[];
  change: Spread;
  /** How many seeds gained, lost, or stayed exactly equal with counter reuse on. */
  signs: { up: number; down: number; same: number };
}

export function spreadOf(xs: readonly number[]): Spread {
  const n = xs.length;
  if (n === 0) return { n: 0, mean: 0, sd: 0, min: 0, max: 0 };
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1)) : 0;
  return { n, mean, sd, min: Math.min(...xs), max: Math.max(...xs) };
}

/** Parses "A-B" or "A" (or "A,B,C") into seeds. */
export function parseSeeds(text: string): number[] {
  const out: number[] = [];
  for (const part of text.split(',')) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+))?\s*$/.exec(part);
    if (!m) throw new Error(`seeds: "${part}" is not N or A-B`);
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (b < a) throw new Error(`seeds: ${a}-${b} runs backwards`);
    for (let x = a; x <= b; x++) out.push(x);
  }
  return out;
}

/** Runs `s` with counterReuse off and on for every seed; `onPair` reports progress. */
export function counterReuseSpread(s: Scenario, seeds: readonly number[], onPair?: (p: SeedPair) => void): CounterReuseSpread {
  const pairs: SeedPair[] = [];
  for (const seed of seeds) {
    const run = (on: boolean) => {
      const x = cloneScenario(s);
      x.seed = seed;
      x.counterReuse = on;
      return runScenario(x).summary;
    };
    const off = run(false);
    const on = run(true);
    const p: SeedPair = {
      seed,
      iopsOff: off.iops,
      iopsOn: on.iops,
      change: off.iops > 0 ? on.iops / off.iops - 1 : 0,
      freesByTimerAfterFlushOff: off.freesByTimerAfterFlush,
      freesByTimerAfterFlushOn: on.freesByTimerAfterFlush,
    };
    pairs.push(p);
    onPair?.(p);
  }
  const ch = pairs.map((p) => p.change);
  return {
    pairs,
    change: spreadOf(ch),
    signs: { up: ch.filter((c) => c > 0).length, down: ch.filter((c) => c < 0).length, same: ch.filter((c) => c === 0).length },
  };
}
