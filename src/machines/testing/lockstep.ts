// Runs one scenario twice in lockstep — the engine's plain control flow, and the same engine driven
// by the XState actors (actorDriver.ts) — and compares their trace events one by one in emission
// order (the engine's exact linearisation of state changes, stricter than the time-sorted trace).
// The first difference is reported with the events before it and every actor's state. Used by the
// differential test; not used by the page.

import { Engine } from '../../sim/engine.ts';
import { bucketNsFor } from '../../sim/metrics.ts';
import type { Scenario } from '../../sim/scenario.ts';
import { decode, EV_FIELDS, TraceRecorder, type EvCode } from '../../sim/trace.ts';
import { ActorDriver, type ActorDriverOptions } from '../actorDriver.ts';
import { activeStateId } from '../graph.ts';

const W = 9; // ev, t, cpu, a0..a5

/** Keeps the first `cap` events as flat numbers (no hashing, no ordering). */
class Capture extends TraceRecorder {
  readonly rec: number[] = [];
  n = 0;
  constructor(private readonly cap: number) {
    super();
  }
  override emit(ev: EvCode, t: number, cpu: number, a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0): void {
    if (this.n++ < this.cap) this.rec.push(ev, t, cpu, a0, a1, a2, a3, a4, a5);
  }
  show(i: number): string {
    const o = i * W;
    const r = this.rec;
    return JSON.stringify(decode(r[o] as EvCode, r[o + 1], r[o + 2], r.slice(o + 3, o + W)));
  }
}

export interface LockstepResult {
  /** Events compared (at most the limit). */
  compared: number;
  /** True if the run ended (duration reached, no events left, or maxSteps) before the limit. */
  ended: boolean;
  /** Engine events processed by each run. */
  steps: number;
  /** Actor transitions the driver delivered. */
  delivered: number;
  /** Machine states each actor parked in at least once, sampled after every engine event. */
  states: Set<string>;
  /** The actors were attached (always, unless attachAt was past the compared events). */
  attached: boolean;
  /** With attachAt: actors that started away from rest (idle, disarmed), i.e. mid-job. */
  busyAtAttach: number;
}

/** A difference between the two runs, with context for the report. */
export class TraceMismatch extends Error {
  override name = 'TraceMismatch';
}

export interface LockstepOptions extends ActorDriverOptions {
  /** Record the states every actor is in after each engine event (for coverage checks). */
  sampleStates?: boolean;
  /** Stop after this many engine events even if fewer trace events were emitted. */
  maxSteps?: number;
  /**
   * Attach the actors only once the engine's clock passes this time (ns), at the first moment a CPU
   * is inside a job or the timer is on (or 5 000 events later); before, both runs are plain.
   */
  attachAt?: number;
}

/**
 * Compares the first `limit` trace events of `s` run by the engine and by the actors. Throws a
 * TraceMismatch describing the first differing event (or the divergence the actors detected).
 */
export function lockstep(s: Scenario, limit = 20_000, opts: LockstepOptions = {}): LockstepResult {
  const bucketNs = bucketNsFor(s.durationMs);
  const a = new Capture(limit);
  const b = new Capture(limit);
  const plain = new Engine(s, { trace: a, bucketNs });
  const driven = new Engine(s, { trace: b, bucketNs });
  let driver: ActorDriver | null = opts.attachAt === undefined ? new ActorDriver(driven, opts) : null;
  const end = plain.r.durationNs;
  const states = new Set<string>();
  let compared = 0;
  let steps = 0;
  let busyAtAttach = 0;
  let waited = 0;
  const more = (e: Engine) => e.q.size > 0 && e.q.peekTime() <= end;
  try {
    for (;;) {
      const ma = more(plain);
      const mb = more(driven);
      if (ma !== mb) fail(`after ${steps} engine events the ${ma ? 'actor' : 'plain'} run has no events left before the end`);
      if (!ma || steps >= (opts.maxSteps ?? Infinity)) break;
      if (driver === null && driven.q.peekTime() > (opts.attachAt ?? 0) && (midJob(driven) || ++waited > 5000)) {
        driver = new ActorDriver(driven, opts);
        for (const x of [...driver.cpus, ...driver.timers]) if (!x.getSnapshot().matches('idle') && !x.getSnapshot().matches('disarmed')) busyAtAttach++;
      }
      plain.step();
      try {
        driven.step();
      } catch (err) {
        fail(`the actor run threw at engine event ${steps} (t=${driven.now}): ${err instanceof Error ? err.message : String(err)}`, compared);
      }
      steps++;
      const n = Math.min(a.n, b.n, limit);
      for (; compared < n; compared++) if (!same(a.rec, b.rec, compared)) fail('events differ', compared);
      if (a.n !== b.n && compared < limit) fail(`the ${a.n > b.n ? 'plain' : 'actor'} run emitted more events in engine event ${steps}`, compared);
      if (compared >= limit) break;
      if (driver === null) continue;
      if (timersInUse(driver) > 1) fail('more than one flush timer actor is armed or firing (fq_timer_on allows one pending timer, and __mod_timer never runs it twice at once)');
      if (opts.sampleStates) {
        for (const x of driver.cpus) states.add(`cpuFlushQueue.${activeStateId(x.getSnapshot().value)}`);
        for (const x of driver.timers) states.add(`flushTimer.${activeStateId(x.getSnapshot().value)}`);
      }
    }
  } finally {
    driver?.stop();
  }
  return { compared, ended: compared < limit, steps, delivered: driver?.delivered ?? 0, states, attached: driver !== null, busyAtAttach };

  function fail(what: string, at = compared): never {
    const lines = [`${what} at event #${at} (t=${driven.now} ns, ${steps} engine events)`];
    for (let i = Math.max(0, at - 6); i < at; i++) lines.push(`  #${i}  both   ${a.show(i)}`);
    lines.push(`  #${at}  engine ${at < Math.min(a.n, limit) ? a.show(at) : '(none)'}`);
    lines.push(`  #${at}  actors ${at < Math.min(b.n, limit) ? b.show(at) : '(none)'}`);
    const d = driver;
    if (d) d.cpus.forEach((x, c) => lines.push(`  CPU ${c}: cpuFlushQueue ${activeStateId(x.getSnapshot().value)}, flushTimer ${activeStateId(d.timers[c].getSnapshot().value)}, engine phase ${driven.phase[c]}`));
    lines.push(`  scenario ${JSON.stringify(s)}`);
    throw new TraceMismatch(lines.join('\n'));
  }
}

function same(x: number[], y: number[], i: number): boolean {
  const o = i * W;
  const n = 3 + EV_FIELDS[x[o]].length; // placeholder arguments are not part of the event
  for (let k = 0; k < n; k++) if (x[o + k] !== y[o + k]) return false;
  return true;
}

/** Some CPU is parked inside a job, or the FQ timer is on. */
function midJob(e: Engine): boolean {
  if (e.fqTimerOn !== 0) return true;
  for (let c = 0; c < e.s.cpus; c++) if (e.phase[c] !== 0 || e.timerPending[c] !== 0) return true;
  return false;
}

/** Flush timer actors armed, or expired (pending or running their callback). */
function timersInUse(d: ActorDriver): number {
  let n = 0;
  for (const x of d.timers) {
    const s = x.getSnapshot();
    if (s.matches('armed') || s.matches('firing')) n++;
  }
  return n;
}
