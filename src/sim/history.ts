// Checkpoints of one run for step back, scrub and history forks (README, "Using the lab": step
// back, scrub, interventions).
//
// The live engine moves forward one discrete event at a time (`stepOnce`). Every `interval` events
// a checkpoint — a deep clone of the whole engine (deepClone.ts) — is kept. Going back to event k
// restores the newest checkpoint at or before k (a clone of it: checkpoints stay pristine) and
// replays to k; determinism makes the replay land on exactly the state the run had. Memory is
// bounded: past the budget, every other checkpoint is dropped and the interval doubles, so a run of
// any length keeps between half and all of `maxCheckpoints`. A few extra "local" checkpoints, taken
// while replaying towards a step back, make the next step back cheap.
//
// A fork adds an intervention at the current moment. Its time tf is the first nanosecond from the
// moment on at which no event has run and none is pending: the moment itself when no event ran at
// exactly that time (a seek to 15 ms forks at 15.000000 ms), else a nanosecond or more later. So it
// runs exactly where a fresh run of the extended scenario runs it (first among tf's events, see
// Engine.addIntervention). Checkpoints up to the fork
// stay valid: they are states of the extended scenario whose queue lacks the new event, which a
// restore pushes back in.

import { deepClone, deepCloneWithSize } from './deepClone.ts';
import { Engine } from './engine.ts';
import { cloneScenario, resolve, type Intervention, type Scenario } from './scenario.ts';
import type { ReplayInput } from './replay/feed.ts';
import { TappedTrace, type TraceTap } from './traceTap.ts';

/** Called after every event the live engine processes (the span recorder, progress). */
export interface StepObserver {
  stepped(h: History): void;
}

export interface HistoryOptions {
  /** Metrics bucket width (ns), as for runScenario. */
  bucketNs?: number;
  /** Events between checkpoints at first; doubles whenever the budget is exceeded. */
  interval?: number;
  /** Memory for checkpoints (typed-array bytes), main and local together. */
  budgetBytes?: number;
  maxCheckpoints?: number;
  /** An imported trace's I/Os to replay (replay/feed.ts); shared, never copied, by the checkpoints. */
  replay?: ReplayInput;
}

interface Checkpoint {
  step: number;
  moment: number;
  engine: Engine;
  bytes: number;
}

const LOCAL_MAX = 6;
/** Share of the memory budget for the regular checkpoints; the rest is for local ones. */
const MAIN_SHARE = 0.75;

export class History {
  /** The scenario including forked interventions (the history's own copy). */
  readonly scenario: Scenario;
  readonly endNs: number;
  engine: Engine;
  /** Events processed by `engine`: the playback position. */
  step = 0;
  /** The moment shown (ns): the last event's time, or the time a seek asked for. */
  moment = 0;
  /** Time of the last event processed (ns), -1 before the first: a fork may not share its time. */
  lastEventNs = -1;
  /** The furthest position this timeline has reached; checkpoints cover [0, frontier]. */
  frontier = 0;
  /** The engine's time at the frontier. */
  frontierMoment = 0;
  interval: number;
  tap: TraceTap | null = null;
  observer: StepObserver | null = null;
  private readonly cps: Checkpoint[] = [];
  /** Objects the checkpoints share with the live engine instead of copying (the replay's input). */
  private shared: ReadonlySet<unknown> | undefined;
  private local: Checkpoint[] = [];
  private bytes = 0;
  private readonly budget: number;
  private readonly maxCps: number;

  constructor(scenario: Scenario, opts: HistoryOptions = {}) {
    this.scenario = cloneScenario(scenario);
    this.endNs = resolve(this.scenario).durationNs;
    this.interval = opts.interval ?? 8192;
    this.budget = opts.budgetBytes ?? 256 * 2 ** 20;
    this.maxCps = opts.maxCheckpoints ?? 96;
    this.engine = new Engine(cloneScenario(this.scenario), { trace: new TappedTrace(), bucketNs: opts.bucketNs, replay: opts.replay });
    // The replay's input columns never change: every checkpoint shares them (a million-line trace's
    // columns are tens of MB, which would otherwise be copied into each checkpoint).
    if (this.engine.replay) this.shared = new Set<unknown>([this.engine.replay.input, this.engine.replay.pages]);
    this.checkpoint();
  }

  /** Sets the trace tap and step observer of the live engine (null detaches them, e.g. while replaying). */
  attach(tap: TraceTap | null, observer: StepObserver | null): void {
    this.tap = tap;
    this.observer = observer;
    (this.engine.trace as TappedTrace).tap = tap;
  }

  /** No event is left before the end of the run. */
  get atEnd(): boolean {
    return this.engine.q.peekTime() > this.endNs;
  }

  get checkpointCount(): number {
    return this.cps.length;
  }

  get checkpointBytes(): number {
    return this.bytes;
  }

  /** Processes one event (if one is left before the end); keeps checkpoints on new ground. */
  stepOnce(): boolean {
    if (this.atEnd) return false;
    (this.engine.trace as TappedTrace).beginStep();
    this.engine.step();
    this.step++;
    this.moment = this.engine.now;
    this.lastEventNs = this.moment;
    if (this.step > this.frontier) {
      this.frontier = this.step;
      this.frontierMoment = this.moment;
      if (this.step % this.interval === 0) this.checkpoint();
    }
    this.observer?.stepped(this);
    return true;
  }

  /**
   * Every event at or before t (clamped to the run), then the moment is t (metric buckets up to t
   * are closed, as Engine.runUntil does). Moves forward only; returns false if t is behind.
   */
  forwardTo(t: number, maxSteps = Infinity): boolean {
    t = Math.min(Math.max(0, t), this.endNs);
    if (t < this.moment) return false;
    let n = 0;
    while (this.engine.q.peekTime() <= t) {
      if (n++ >= maxSteps) return false;
      this.stepOnce();
    }
    this.engine.runUntil(t);
    this.moment = t;
    return true;
  }

  /** Goes to position k (events processed), forward or back. */
  goTo(k: number): void {
    k = Math.max(0, Math.floor(k));
    if (k === this.step) return;
    const cp = this.best((c) => c.step <= k);
    if (k < this.step || cp.step > this.step) this.restore(cp, k);
    while (this.step < k && this.stepOnce());
  }

  /** Goes to moment t: the state after every event at or before t. */
  seekTime(t: number): void {
    t = Math.min(Math.max(0, t), this.endNs);
    const cp = this.best((c) => c.moment <= t);
    if (t < this.moment || (cp.step > this.step && cp.moment <= t)) this.restore(cp, -1);
    this.forwardTo(t);
  }

  /**
   * Applies an intervention at the current moment (a fork): `prepareFork`, then `applyFork` with
   * `make(atMs)`. Returns the intervention, or null when the run has no time left for it.
   */
  fork(make: (atMs: number) => Intervention): Intervention | null {
    const tf = this.prepareFork();
    if (tf === null) return null;
    const x = make(tf / 1e6);
    this.applyFork(x);
    return x;
  }

  /**
   * Runs on to the fork time: the first nanosecond from the moment on at which no event has run
   * and none is pending (the moment itself when nothing ran at exactly that time). Returns it (ns),
   * or null if that is past the end of the run.
   */
  prepareFork(): number | null {
    const q = this.engine.q;
    let tf = Math.max(this.moment, this.engine.now, this.lastEventNs + 1);
    for (;;) {
      // an intervention at the run's last nanosecond could change nothing: no time is left
      if (tf >= this.endNs) return null;
      while (q.peekTime() < tf) this.stepOnce();
      if (q.peekTime() > tf) return tf;
      tf++;
    }
  }

  /** Adds `x` (timed by prepareFork) to this timeline and runs its event. */
  applyFork(x: Intervention): void {
    const tf = Math.round(x.atMs * 1e6);
    if (!(tf > this.lastEventNs && tf >= this.engine.now) || this.engine.q.peekTime() <= tf) throw new Error(`applyFork: t=${tf} is not a fork time here (call prepareFork)`);
    // Checkpoints beyond this position belong to the old timeline.
    this.dropAfter(this.step);
    this.frontier = this.step;
    this.frontierMoment = this.engine.now;
    this.scenario.interventions.push(cloneIntervention(x));
    this.engine.addIntervention(cloneIntervention(x), this.lastEventNs);
    this.stepOnce();
  }

  /** Keeps a clone of the live engine (without the tap, which belongs to the caller). */
  private checkpoint(): void {
    const tr = this.engine.trace as TappedTrace;
    const tap = tr.tap;
    tr.tap = null;
    let snap: { value: Engine; bytes: number };
    try {
      snap = deepCloneWithSize(this.engine, { keep: this.shared });
    } finally {
      tr.tap = tap;
    }
    this.cps.push({ step: this.step, moment: this.engine.now, engine: snap.value, bytes: snap.bytes });
    this.bytes += snap.bytes;
    while (this.cps.length > 2 && (this.cps.length > this.maxCps || this.mainBytes() > this.budget * MAIN_SHARE)) this.thin();
  }

  /** Keeps the checkpoints on multiples of twice the interval (step 0 always stays). */
  private thin(): void {
    this.interval *= 2;
    const keep = this.cps.filter((c) => c.step % this.interval === 0);
    this.cps.length = 0;
    this.cps.push(...keep);
    this.local = [];
    this.recount();
  }

  private mainBytes(): number {
    let b = 0;
    for (const c of this.cps) b += c.bytes;
    return b;
  }

  private recount(): void {
    this.bytes = 0;
    for (const c of this.cps) this.bytes += c.bytes;
    for (const c of this.local) this.bytes += c.bytes;
  }

  private dropAfter(step: number): void {
    const keep = this.cps.filter((c) => c.step <= step);
    this.cps.length = 0;
    this.cps.push(...keep);
    this.local = this.local.filter((c) => c.step <= step);
    this.recount();
  }

  /** The checkpoint with the highest step satisfying `ok` (step 0 always qualifies for step/time >= 0). */
  private best(ok: (c: Checkpoint) => boolean): Checkpoint {
    let b = this.cps[0];
    for (const c of this.cps) if (c.step > b.step && ok(c)) b = c;
    for (const c of this.local) if (c.step > b.step && ok(c)) b = c;
    return b;
  }

  /**
   * Makes a clone of `cp` the live engine, with the forked interventions it lacks. When `towards`
   * is a position, replays to it, leaving local checkpoints on the way for the next step back.
   */
  private restore(cp: Checkpoint, towards: number): void {
    const e = deepClone(cp.engine, { keep: this.shared });
    (e.trace as TappedTrace).tap = this.tap;
    for (let i = e.s.interventions.length; i < this.scenario.interventions.length; i++) {
      e.addIntervention(cloneIntervention(this.scenario.interventions[i]));
    }
    this.engine = e;
    this.step = cp.step;
    this.moment = cp.moment;
    // checkpoints are taken right after an event (or at step 0, before any)
    this.lastEventNs = cp.step === 0 ? -1 : cp.moment;
    if (towards < 0) return;
    const every = Math.max(256, this.interval >> 4);
    while (this.step < towards && this.stepOnce()) {
      if (this.step % every === 0 && towards - this.step >= every && !this.hasCheckpointAt(this.step)) this.localCheckpoint();
    }
  }

  private hasCheckpointAt(step: number): boolean {
    return this.cps.some((c) => c.step === step) || this.local.some((c) => c.step === step);
  }

  private localCheckpoint(): void {
    const tr = this.engine.trace as TappedTrace;
    const tap = tr.tap;
    tr.tap = null;
    try {
      const snap = deepCloneWithSize(this.engine, { keep: this.shared });
      const used = this.bytes - this.mainBytes();
      if (used + snap.bytes > this.budget * (1 - MAIN_SHARE)) return;
      this.local.push({ step: this.step, moment: this.engine.now, engine: snap.value, bytes: snap.bytes });
      if (this.local.length > LOCAL_MAX) this.local.shift();
      this.recount();
    } finally {
      tr.tap = tap;
    }
  }
}

function cloneIntervention(x: Intervention): Intervention {
  return JSON.parse(JSON.stringify(x)) as Intervention;
}
