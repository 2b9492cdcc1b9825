// The Node engine's side of the e2e checks: moments pinned from a preset's trace, and what the
// engine shows at a moment (the LabView the live worker would post after a seek there), so specs
// compare the page with Node, never with hard-coded numbers.

import { Engine } from '../src/sim/engine.ts';
import { resolve, type Scenario } from '../src/sim/scenario.ts';
import { TraceRecorder } from '../src/sim/trace.ts';
import type { LabView } from '../src/sim/view.ts';
import { engineView } from '../src/sim/viewOf.ts';
import { bucketNsFor } from '../src/sim/metrics.ts';
import { cliffMoment } from '../src/worker/liveMarkers.ts';

/** A moment as the playback bar prints it: 12345678 -> "12.345678 ms". */
export const fmtMoment = (ns: number): string => `${(ns / 1e6).toFixed(6)} ms`;

export type Label = 'before-first-flush' | 'mid-timeout' | 'after-cliff' | 'after-change' | 'near-end' | 'mid-run';

export interface Moment {
  label: Label;
  /** Simulated ns. */
  t: number;
  /** before-first-flush: which flush comes next. */
  reason?: 'full' | 'timeout';
  /** mid-timeout: the CPU running fq_flush_timeout. */
  timerCpu?: number;
}

/** How long after the first intervention (c) is taken. */
const AFTER_TRIGGER_NS = 5_000_000;

/** The moments of a preset, from the Node engine's trace (stops reading once it has them). */
export function pinnedMoments(s: Scenario): Moment[] {
  const end = resolve(s).durationNs;
  // First ring-full flush start, first timeout flush start, first timer_fire and its timer_done.
  const seen = { full: -1, timeoutFlush: -1, fire: -1, fireCpu: -1, done: -1 };
  const trace = new TraceRecorder(false, 0, (e) => {
    if (e.ev === 'flush_start') {
      if (e.reason === 'full' && seen.full < 0) seen.full = e.t;
      if (e.reason === 'timeout' && seen.timeoutFlush < 0) seen.timeoutFlush = e.t;
    } else if (e.ev === 'timer_fire' && seen.fire < 0) {
      seen.fire = e.t;
      seen.fireCpu = e.cpu;
    } else if (e.ev === 'timer_done' && seen.fire >= 0 && seen.done < 0 && e.cpu === seen.fireCpu) seen.done = e.t;
  });
  const engine = new Engine(s, { trace, bucketNs: bucketNsFor(s.durationMs) });
  for (let t = 0; t < end && (seen.full < 0 || seen.done < 0); ) {
    t = Math.min(end, t + 1_000_000);
    engine.runUntil(t);
  }
  const out: Moment[] = [];
  const flushAt = seen.full >= 0 ? seen.full : seen.timeoutFlush;
  if (flushAt > 0) out.push({ label: 'before-first-flush', t: flushAt - 1, reason: seen.full >= 0 ? 'full' : 'timeout' });
  if (seen.fire >= 0 && seen.done > seen.fire) out.push({ label: 'mid-timeout', t: Math.floor((seen.fire + seen.done) / 2), timerCpu: seen.fireCpu });
  const first = s.interventions.length ? Math.min(...s.interventions.map((x) => Math.round(x.atMs * 1e6))) : -1;
  // A size-mix change (phase-park) is a phase, not a cliff's trigger: a few ms into the new phase
  // (nothing is asserted about a drop there), and near the end, where the last phase runs.
  if (first >= 0 && s.interventions.every((x) => x.kind === 'sizes')) {
    out.push({ label: 'after-change', t: Math.min(end, first + AFTER_TRIGGER_NS) });
    out.push({ label: 'near-end', t: end - 1_000_000 });
  } else if (first >= 0) out.push({ label: 'after-cliff', t: Math.min(end, first + AFTER_TRIGGER_NS) });
  else out.push({ label: 'near-end', t: end - 1_000_000 });
  if (out.length < 2) out.unshift({ label: 'mid-run', t: Math.round(end / 2) });
  return out.sort((a, b) => a.t - b.t);
}

/** What the Node engine shows at each moment (ascending): every event at or before it, as a seek does. */
export function nodeViews(s: Scenario, moments: readonly number[]): LabView[] {
  const engine = new Engine(s, { trace: new TraceRecorder(), bucketNs: bucketNsFor(s.durationMs) });
  return moments.map((t) => {
    engine.runUntil(t);
    return engineView(engine, { t });
  });
}


/** What the Node engine shows at moment t. */
export function nodeViewAt(s: Scenario, t: number): LabView {
  return nodeViews(s, [t])[0];
}

/** What the Node engine says about a preset's first intervention (the cliff's trigger) by moment t. */
export interface CliffFacts {
  /** The trigger, ns. */
  at: number;
  /** The CPUs whose unmaps it pauses (none unless it is a pause). */
  paused: number[];
  /** The view 1 ns before the trigger. */
  before: LabView;
  /** IOPS of the last whole bucket before the trigger, and of the bucket holding t (Metrics' `ios`). */
  iopsBefore: number;
  iopsAt: number;
  /** Where the whole run's cliff verdict (sim/cliff.ts) marks a cliff (ns), or null: none. */
  cliffAt: number | null;
}

/** One run of the engine to just past the bucket holding t (the page's series has that bucket). */
export function cliffFacts(s: Scenario, t: number): CliffFacts {
  const first = [...s.interventions].sort((a, b) => a.atMs - b.atMs)[0];
  const at = Math.round(first.atMs * 1e6);
  const bucketNs = bucketNsFor(s.durationMs);
  const engine = new Engine(s, { trace: new TraceRecorder(), bucketNs });
  engine.runUntil(at - 1);
  const before = engineView(engine, { t: at - 1 });
  const b = Math.floor(t / bucketNs);
  engine.runUntil(Math.min(resolve(s).durationNs, (b + 1) * bucketNs));
  const ios = engine.metrics.series.ios;
  const bBefore = Math.floor(at / bucketNs) - 1;
  if (ios.length <= b || bBefore < 0) throw new Error(`no bucket ${b} (or ${bBefore}) in ${ios.length}`);
  const k = 1e9 / bucketNs;
  const iopsBefore = ios[bBefore] * k;
  const iopsAt = ios[b] * k;
  engine.runUntil(resolve(s).durationNs);
  const cliffAt = cliffMoment(engine.metrics.series.ios, bucketNs, s);
  return { at, paused: first.kind === 'pause' ? first.cpus : [], before, iopsBefore, iopsAt, cliffAt };
}
