// The live worker's state and commands, free of any worker API so Node tests can drive it: one run
// (History: the engine and its checkpoints), the span recorder around the current moment, the
// markers and the whole-run series. Each command is a generator: it yields replies to post and
// `tick`s at safe points, where the runner (liveRunner.ts) may hand control back to the event loop
// (so `cancel` and newer commands are received) and report progress.

import { History, type StepObserver } from '../sim/history.ts';
import type { ReplayInput } from '../sim/replay/feed.ts';
import type { Intervention, Scenario } from '../sim/scenario.ts';
import { SpanRecorder } from '../sim/spans.ts';
import type { EvCode } from '../sim/trace.ts';
import type { TraceTap } from '../sim/traceTap.ts';
import { engineView } from '../sim/viewOf.ts';
import type { LabView, Marker } from '../sim/view.ts';
import type { Summary } from '../sim/run.ts';
import type { RunSeries } from './liveProtocol.ts';
import { verdictMarkers } from '../sim/cliff.ts';
import { MarkerLog } from './liveMarkers.ts';
import { watchdogMarkers, withWatchdog } from './watchdogMarkers.ts';
import { packSpans, type InterventionSpec, type LiveReply, type WorkCommand, type WireSpanDelta } from './liveProtocol.ts';
import { liveSummary, runSeries } from './liveResults.ts';

import { checkpointInterval, detailWindowNs, MAX_DETAIL_SPANS, MAX_RARE_SPANS, spanWindowNs } from './liveWindows.ts';
import { IO_PFN, IO_REC } from '../sim/ioSlots.ts';

export { defaultMomentNs } from './liveProtocol.ts';
export { checkpointInterval, detailWindowNs, MAX_DETAIL_SPANS, MAX_RARE_SPANS, spanWindowNs } from './liveWindows.ts';

export interface Tick {
  type: 'tick';
  /** 0..1 for long work, null for short work. */
  progress: number | null;
  label: string;
}
export type JobOut = LiveReply | Tick;
export type Job = Generator<JobOut, void, void>;

/** Why the job in progress should stop: the user's Cancel (finish gracefully) or a newer command. */
export type Abort = 'none' | 'cancel' | 'supersede';

export interface SessionOptions {
  /** Wall clock (ms) for time-budgeted work; the simulation never reads it. */
  clock?: () => number;
  /** Checkpoint memory budget (bytes). */
  budgetBytes?: number;
  /** Events between checkpoints at first. */
  interval?: number;
}

/** Events simulated between two looks at the clock and the abort flag. */
const CHUNK = 4096;

/** How many I/Os of a replay the page lists with the model's IOVA beside the trace's. */
export const REPLAY_IOVAS = 16;

/** The model's IOVA of a replay's first I/Os (the slots' pfn: slot = trace I/O index, never reused). */
function replayIovas(id: number, h: History): LiveReply {
  const e = h.engine;
  const g = (h.scenario.granuleKiB ?? 4) * 1024;
  const n = Math.min(REPLAY_IOVAS, e.replay!.count);
  return { type: 'replayIovas', id, iova: Array.from({ length: n }, (_, io) => e.ioRec[io * IO_REC + IO_PFN] * g) };
}

export class LiveSession implements TraceTap, StepObserver {
  h: History | null = null;
  abort: Abort = 'none';
  /** Test hook (the `inject-fault` command): the next job throws before doing anything. */
  injectFault = false;
  /** Per-I/O spans near the moment. */
  private spans = new SpanRecorder(10_000_000, MAX_DETAIL_SPANS, 'frequent');
  /** Flush / timeout / timer spans of the whole run, recorded once like the markers. */
  private rare = new SpanRecorder(Infinity, MAX_RARE_SPANS, 'rare');
  private windowNs = 10_000_000;
  private detailNs = 10_000_000;
  /** Whether the span recorder follows the live engine (off while replaying old ground). */
  private recording = false;
  private readonly markers = new MarkerLog();
  /** Positions up to which markers have been collected. */
  private markersUpTo = 0;
  private series: RunSeries | null = null;
  private summary: Summary | null = null;
  /** The summary's name for the run, and the wall time the whole run took to simulate. */
  private name = 'custom';
  private loadStart = 0;
  private wallMs = 0;
  private verdictMarks: Marker[] = [];
  /** Lockup markers of the whole run (derived from simulated time, not from trace events). */
  private watchdog: Marker[] = [];
  private computedNs = 0;
  private lastStripAt = -Infinity;
  /**
   * The position a seek landed on and the moment it asked for (between two events): stepping back
   * onto that position shows that moment again, so forward-then-back gives the identical picture.
   */
  private anchor: { step: number; moment: number } | null = null;
  private lastSeriesAt = -Infinity;
  private lastSpansAt = -Infinity;
  private lastStrip: Pick<LabView, 'ranges' | 'rangeKind' | 'rangeTotal'> | null = null;
  private readonly clock: () => number;

  constructor(private readonly opts: SessionOptions = {}) {
    this.clock = opts.clock ?? (() => 0);
  }

  get stopping(): boolean {
    return this.abort !== 'none';
  }

  /** A newer command replaces the job in progress (checked after long work, which may have seen it). */
  private get superseded(): boolean {
    return this.abort === 'supersede';
  }

  /** TraceTap: spans near the moment, markers on ground simulated for the first time. */
  emit(ev: EvCode, t: number, cpu: number, a0: number): void {
    if (this.recording) this.spans.emit(ev, t, cpu, a0);
    const step = this.h!.step;
    if (step >= this.markersUpTo) {
      this.markers.onEvent(ev, t, cpu, a0, step + 1);
      this.rare.emit(ev, t, cpu, a0);
    }
  }

  /** StepObserver */
  stepped(h: History): void {
    if (this.recording) this.spans.afterStep(h.engine, h.step);
    if (h.step > this.markersUpTo) {
      this.rare.afterStep(h.engine, h.step);
      this.markersUpTo = h.step;
    }
  }

  /** The job for one command (never `cancel`, which the runner handles). */
  *handle(cmd: WorkCommand): Job {
    try {
      if (this.injectFault) {
        this.injectFault = false;
        throw new Error(`injected fault at the ${cmd.type} command (test hook)`);
      }
      if (cmd.type === 'load') return yield* this.load(cmd.id, cmd.scenario, cmd.t, cmd.bucketNs, cmd.name ?? 'custom', cmd.replay);
      if (!this.h) {
        yield { type: 'error', id: cmd.id, message: 'no scenario loaded' };
        return;
      }
      if (cmd.type === 'advance') yield* this.advance(cmd.id, cmd.steps, cmd.maxMs);
      else if (cmd.type === 'step') yield* this.step(cmd.id, cmd.delta);
      else if (cmd.type === 'seek') {
        if (cmd.step !== undefined) yield* this.seekStep(cmd.id, cmd.step);
        else yield* this.seekTime(cmd.id, cmd.t ?? 0, cmd.fast ?? false);
      } else if (cmd.type === 'fork') yield* this.fork(cmd.id, cmd.spec);
    } catch (err) {
      // Only bugs throw here (engine invariants such as the phase check in Engine's resume, a fork
      // at a bad time): requests the session refuses are 'error' replies. After a throw mid-step the
      // engine's state is suspect, so this is a fault: the page drops the worker and offers Restart.
      yield { type: 'fault', id: cmd.id, message: err instanceof Error ? err.message : String(err) };
    }
  }

  private *load(id: number, scenario: Scenario, t: number, bucketNs: number, name: string, replay?: ReplayInput): Job {
    const h = new History(scenario, { bucketNs, interval: this.opts.interval, budgetBytes: this.opts.budgetBytes, replay });
    this.h = h;
    this.name = name;
    this.loadStart = this.clock();
    this.wallMs = 0;
    this.anchor = null;
    this.windowNs = spanWindowNs(h.scenario);
    this.recording = false;
    this.computedNs = 0;
    this.verdictMarks = [];
    this.markers.clear();
    this.markersUpTo = 0;
    this.rare = new SpanRecorder(Infinity, MAX_RARE_SPANS, 'rare');
    this.rare.reset(h.engine, 0);
    this.lastStrip = null;
    h.attach(this, this);
    yield { type: 'loaded', id, durationNs: h.endNs, windowNs: this.windowNs };
    t = Math.min(Math.max(0, Math.round(t)), h.endNs);
    // The first picture at once: simulate only up to the moment (the span window before it
    // recorded) and show it; the rest of the run follows. The per-I/O window comes from the event
    // density of the part simulated before it (at least its first ms); the whole run's density
    // (detailWindowNs) is not known yet, and recording spans costs several times plain simulation.
    const label = 'Simulating to the moment';
    yield* this.forwardTo(Math.min(t, Math.max(t - this.windowNs, 1_000_000)), label);
    this.detailNs = detailWindowNs(this.windowNs, h.engine.trace.count, h.moment);
    h.interval = checkpointInterval(h.interval, h.engine.trace.count, h.moment, h.endNs);
    this.spans = new SpanRecorder(this.detailNs, MAX_DETAIL_SPANS, 'frequent');
    if (!this.stopping) yield* this.forwardTo(Math.max(h.moment, t - this.detailNs), label);
    this.spans.reset(h.engine, h.step, h.moment);
    this.recording = true;
    if (!this.stopping) yield* this.forwardTo(t, label);
    if (this.abort === 'supersede') return;
    const reached = !this.stopping;
    this.noteComputed();
    yield this.seriesReply(id);
    yield* this.afterMove(id, false, true, true);
    // Then the whole run, for the series, the markers and the summary (partial ones on the way).
    this.recording = false;
    if (reached) yield* this.runToEnd(id, 'Simulating the whole run');
    if (this.superseded) return;
    if (h.engine.replay && this.computedNs >= h.endNs) yield replayIovas(id, h);
    this.detailNs = detailWindowNs(this.windowNs, h.engine.trace.count, h.frontierMoment);
    this.spans = new SpanRecorder(this.detailNs, MAX_DETAIL_SPANS, 'frequent');
    if (this.abort === 'cancel') {
      yield { type: 'cancelled', id };
      this.abort = 'none';
    }
    // The moment again, with the span window every later seek to it gives (the same picture).
    yield* this.seekTime(id, Math.min(t, this.computedNs), false);
  }

  /**
   * Simulates from the live position (the frontier) to the end of the run, or until aborted;
   * keeps the series and posts it with the summary so far about twice a second, and the final
   * summary at the end.
   */
  private *runToEnd(id: number, label: string): Job {
    const h = this.h!;
    let sentAt = this.clock();
    while (!h.atEnd && !this.stopping) {
      for (let i = 0; i < CHUNK && h.stepOnce(); i++);
      yield { type: 'tick', progress: h.moment / h.endNs, label };
      if (this.clock() - sentAt >= 500 && !h.atEnd) {
        sentAt = this.clock();
        this.noteComputed();
        yield this.seriesReply(id);
      }
    }
    if (h.atEnd) h.forwardTo(h.endNs);
    this.noteComputed();
    yield this.seriesReply(id);
  }

  /** Records how far the run has been simulated, with the series, markers and summary so far. */
  private noteComputed(): void {
    const h = this.h!;
    const complete = h.atEnd && h.moment >= h.endNs;
    this.computedNs = complete ? h.endNs : h.frontierMoment;
    const series = h.engine.metrics.series;
    this.series = runSeries(series);
    this.verdictMarks = complete ? verdictMarkers(series.ios, series.bucketNs, h.scenario) : [];
    if (complete && this.wallMs === 0) this.wallMs = this.clock() - this.loadStart;
    // Read from the live engine, which is at the frontier whenever this is called.
    this.summary = liveSummary(h.engine, this.name, complete ? this.wallMs : this.clock() - this.loadStart);
    this.watchdog = watchdogMarkers(h.engine);
  }

  private seriesReply(id: number): LiveReply {
    const h = this.h!;
    const complete = this.computedNs >= h.endNs;
    return {
      type: 'series',
      id,
      computedNs: this.computedNs,
      series: this.series!,
      markers: withWatchdog(this.markers.list(h.scenario, this.verdictMarks), this.watchdog),
      rareSpans: this.rare.spans(),
      traceHash: complete ? h.engine.trace.hash() : null,
      summary: this.summary!,
      steps: h.frontier,
      partial: !complete,
    };
  }

  /** Forward to moment t, in chunks (it may be far beyond what has been simulated). */
  private *forwardTo(t: number, label: string): Generator<Tick, void, void> {
    const h = this.h!;
    if (t <= h.frontierMoment) {
      h.seekTime(t); // within checkpoints: a restore and at most one interval of replay
      return;
    }
    if (h.moment < h.frontierMoment) h.seekTime(h.frontierMoment);
    while (!h.forwardTo(t, CHUNK)) {
      yield { type: 'tick', progress: h.moment / Math.max(1, t), label };
      if (this.stopping) return;
    }
  }

  private *seekTime(id: number, t: number, fast: boolean): Job {
    const h = this.h!;
    t = Math.min(Math.max(0, Math.round(t)), h.endNs);
    const w = fast ? Math.min(this.detailNs, 500_000) : this.detailNs;
    // Replay the span window before t with the recorder on, so the timeline has its history.
    this.recording = false;
    yield* this.forwardTo(Math.max(0, t - w), 'Seeking');
    this.spans.reset(h.engine, h.step, h.moment);
    this.recording = true;
    if (!this.stopping) yield* this.forwardTo(t, 'Seeking');
    if (this.abort === 'supersede') return;
    if (this.abort === 'cancel') yield { type: 'cancelled', id };
    this.anchor = { step: h.step, moment: h.moment };
    yield* this.afterMove(id);
  }

  private *seekStep(id: number, k: number): Job {
    const h = this.h!;
    this.recording = false;
    h.goTo(k);
    if (this.anchor?.step === h.step) h.forwardTo(this.anchor.moment);
    this.spans.reset(h.engine, h.step, h.moment);
    this.recording = true;
    yield* this.afterMove(id);
  }

  private *step(id: number, delta: number): Job {
    const h = this.h!;
    if (delta > 0) {
      this.ensureRecording();
      for (let i = 0; i < delta && h.stepOnce(); i++);
    } else if (delta < 0) {
      const target = Math.max(0, h.step + delta);
      const w0 = this.spans.windowFrom;
      this.recording = false;
      h.goTo(target);
      this.recording = true;
      this.spans.truncate(h.engine, target, h.moment);
      // Stepped back before the start of what the timeline held: replay its window again.
      if (w0 > 0 && h.moment <= w0) {
        this.recording = false;
        h.seekTime(Math.max(0, h.moment - this.detailNs));
        this.spans.reset(h.engine, h.step, h.moment);
        this.recording = true;
        h.goTo(target);
      }
      if (this.anchor?.step === h.step) h.forwardTo(this.anchor.moment);
    }
    yield* this.afterMove(id);
  }

  private *advance(id: number, steps: number, maxMs: number): Job {
    const h = this.h!;
    this.ensureRecording();
    const t0 = this.clock();
    let n = 0;
    while (n < steps && !h.atEnd) {
      const chunk = Math.min(256, steps - n);
      for (let i = 0; i < chunk && h.stepOnce(); i++) n++;
      if (this.clock() - t0 >= maxMs) break;
    }
    if (h.atEnd) h.forwardTo(h.endNs);
    // While playing, the address strip is rebuilt and the spans are sent a few times a second:
    // the panels that show them cannot follow faster, and they are the costliest parts to build,
    // post and draw.
    const now = this.clock();
    yield* this.afterMove(id, now - this.lastStripAt < 150, h.atEnd || now - this.lastSpansAt >= 100);
  }

  private *fork(id: number, spec: InterventionSpec): Job {
    const h = this.h!;
    this.ensureRecording();
    const tf = h.prepareFork();
    if (tf === null) {
      yield { type: 'error', id, message: 'the run is over: no time is left for an intervention' };
      yield* this.afterMove(id);
      return;
    }
    // Markers and rare spans of events after this position belong to the old timeline.
    this.markers.dropAfter(h.step);
    this.markersUpTo = Math.min(this.markersUpTo, h.step);
    this.rare.truncate(h.engine, h.step, h.moment);
    const x = { ...spec, atMs: tf / 1e6 } as Intervention;
    h.applyFork(x);
    this.anchor = null;
    yield { type: 'forked', id, intervention: x };
    const k = h.step;
    this.recording = false;
    this.wallMs = 0;
    this.loadStart = this.clock();
    yield* this.runToEnd(id, 'Simulating the rest of the run after the intervention');
    if (this.abort === 'supersede') return;
    this.abort = 'none';
    h.goTo(k);
    this.recording = true;
    this.spans.truncate(h.engine, k, h.moment);
    yield* this.afterMove(id);
  }

  private ensureRecording(): void {
    if (this.recording) return;
    const h = this.h!;
    this.spans.reset(h.engine, h.step, h.moment);
    this.recording = true;
  }

  /** The view of the current moment; and the series when the run was simulated further. */
  private *afterMove(id: number, reuseStrip = false, sendSpans = true, pending = false): Job {
    const h = this.h!;
    // Playing on past what the first fast-forward simulated (it was cancelled): a fresher series.
    if (h.step === h.frontier && this.computedNs < h.endNs && h.frontierMoment > this.computedNs && (h.atEnd || this.clock() - this.lastSeriesAt >= 500)) {
      this.lastSeriesAt = this.clock();
      this.noteComputed();
      yield this.seriesReply(id);
    }
    this.spans.setMoment(h.moment);
    const view = engineView(h.engine, { t: h.moment, strip: !(reuseStrip && this.lastStrip) });
    if (reuseStrip && this.lastStrip) {
      view.ranges = this.lastStrip.ranges.slice();
      view.rangeKind = this.lastStrip.rangeKind.slice();
      view.rangeTotal = this.lastStrip.rangeTotal;
    } else {
      this.lastStrip = { ranges: view.ranges.slice(), rangeKind: view.rangeKind.slice(), rangeTotal: view.rangeTotal };
      this.lastStripAt = this.clock();
    }
    if (sendSpans) this.lastSpansAt = this.clock();
    let spans: WireSpanDelta | null = null;
    if (sendSpans) {
      const d = this.spans.delta();
      spans = { ...d, add: packSpans(d.add) };
    }
    yield { type: 'view', id, view, step: h.step, atEnd: h.atEnd, spans, pending };
  }
}
