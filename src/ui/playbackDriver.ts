// Connects the live worker (src/worker/live.worker.ts) to the playback store: it sends commands
// (load, play, step, seek, fork, cancel), turns the replies into store state, and owns the page's
// one animation loop, which runs only while playing (DESIGN.md §5.5: the loop goes idle when
// nothing moves). Panels subscribe to the store and draw; React does not re-render per frame.
//
// The lab store says what to show: its scenario (a change restarts the run, unless it is the fork
// this driver just made) and its moment `t` (the URL's; a change from outside seeks). Settled
// moments — after a pause, a step, a scrub, a jump — are written back to `t`.
//
// No DOM or worker API is touched directly: the environment is a parameter, so Node tests drive the
// real worker logic in-process (playbackDriver.test.ts).

import { cloneScenario, validateScenario } from '../sim/scenario.ts';
import type { Span } from '../sim/view.ts';
import { addIntervention, setT, type LabStore } from '../store/labStore.ts';
import type { Marker, PlaybackState, PlaybackStore } from '../store/playback.ts';
import { unpackSpans, type InterventionSpec, type LiveCommand, type LiveReply } from '../worker/liveProtocol.ts';
import { defaultMomentNs } from '../worker/liveSession.ts';
import { bucketNsFor } from '../worker/protocol.ts';

/** The slider's top: full fast-forward (as many events per frame as ~12 ms of worker time allows). */
export const MAX_SPEED_LOG = 7;
/**
 * Where playback starts: 10^4.5 ≈ 32 k engine steps per second, about 1.7 simulated ms per second on the
 * default scenario (issue 18): each ring fills and is flushed within a second and the 10 ms FQ
 * timer fires every ~6 s. 10 k/s (0.55 ms/s) took 18 s between timer flushes.
 */
export const DEFAULT_SPEED_LOG = 4.5;
const FRAME_WORK_MS = 12;

export function eventsPerSecond(speedLog: number): number {
  return speedLog >= MAX_SPEED_LOG ? Infinity : 10 ** speedLog;
}

export type JumpKind = 'flush' | 'timeout' | 'cliff' | 'marker';

export interface PlaybackController {
  play(): void;
  pause(): void;
  toggle(): void;
  /** `delta` events forward or back. */
  step(delta: number): void;
  /** To moment t (ns). `fast` while dragging the scrubber; `commit` writes t to the lab store (URL). */
  seek(t: number, opts?: { fast?: boolean; commit?: boolean }): void;
  /** To the next (dir 1) or previous (-1) marker of a kind; returns false when there is none. */
  jump(kind: JumpKind, dir: 1 | -1): boolean;
  setSpeed(speedLog: number): void;
  /** Stops a long fast-forward or seek where it is. */
  cancel(): void;
  /** A history fork: the intervention at the current moment. */
  applyNow(spec: InterventionSpec): void;
  dispose(): void;
}

/** The part of a Worker the driver uses. */
export interface WorkerLike {
  postMessage(msg: LiveCommand): void;
  addEventListener(type: 'message', fn: (e: { data: LiveReply }) => void): void;
  addEventListener(type: 'error', fn: (e: { message?: string; preventDefault?: () => void }) => void): void;
  terminate(): void;
}

export interface DriverEnv {
  createWorker(): WorkerLike;
  raf(cb: (t: number) => void): number;
  cancelRaf(id: number): void;
}

export function browserEnv(): DriverEnv {
  return {
    createWorker: () => new Worker(new URL('../worker/live.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike,
    raf: (cb) => requestAnimationFrame(cb),
    cancelRaf: (id) => cancelAnimationFrame(id),
  };
}

const FLUSH_KINDS: Marker['kind'][] = ['flush_full', 'flush_timeout'];

/** Markers a jump of this kind lands on. */
export function jumpTargets(kind: JumpKind): (m: Marker) => boolean {
  if (kind === 'flush') return (m) => FLUSH_KINDS.includes(m.kind);
  if (kind === 'timeout') return (m) => m.kind === 'timer_fire';
  if (kind === 'cliff') return (m) => m.kind === 'cliff';
  return () => true;
}

/** The next (dir 1) / previous (-1) marker time after / before t that `ok` accepts, or null. */
export function findMarker(markers: readonly Marker[], t: number, dir: 1 | -1, ok: (m: Marker) => boolean): number | null {
  if (dir > 0) {
    for (const m of markers) if (m.t > t && ok(m)) return m.t;
  } else {
    for (let i = markers.length - 1; i >= 0; i--) if (markers[i].t < t && ok(markers[i])) return markers[i].t;
  }
  return null;
}

/** Flush / timeout spans of the whole run shown at moment t: those begun by t, clipped to it. */
export function rareInWindow(rare: readonly Span[], from: number, t: number, maxDur: number): Span[] {
  // `rare` is sorted by t0: find the first that could still be running at `from`.
  let a = 0;
  let b = rare.length;
  const lo = from - maxDur;
  while (a < b) {
    const m = (a + b) >> 1;
    if (rare[m].t0 < lo) a = m + 1;
    else b = m;
  }
  const out: Span[] = [];
  for (let i = a; i < rare.length && rare[i].t0 <= t; i++) {
    const x = rare[i];
    if (x.t1 < from) continue;
    out.push(x.t1 > t || x.open ? { ...x, t1: Math.max(x.t0, t), open: true } : x);
  }
  return out;
}

export function startPlayback(lab: LabStore, pb: PlaybackStore, env: DriverEnv = browserEnv()): PlaybackController {
  let worker: WorkerLike | null = null;
  let nextId = 1;
  /** The newest command that moves the view; replies to older ones are stale. */
  let posId = 0;
  let loadId = 0;
  let loadedJson = '';
  let playing = false;
  /** Play on once the view answering this command arrives (a restart or fork while playing). */
  let resumeOn = 0;
  let advancing = false;
  let budget = 0;
  let lastTs = 0;
  let rafId = 0;
  /** t written to the lab store by this driver (its echo must not seek). */
  let wroteT: number | undefined;
  /** Write settled moments to the URL once the user has moved (the first load leaves it alone). */
  let userMoved = false;
  let rare: Span[] = [];
  let rareMaxDur = 0;
  let windowNs = 0;
  let detail: Span[] = [];

  const set = (patch: Partial<PlaybackState>) => pb.setState(patch);

  const spawn = (): WorkerLike => {
    const w = env.createWorker();
    w.addEventListener('message', (e) => onReply(e.data));
    w.addEventListener('error', (e) => {
      e.preventDefault?.();
      w.terminate();
      if (worker === w) worker = null;
      playing = false;
      set({ status: 'error', error: e.message || 'the playback worker failed', progress: null });
    });
    return w;
  };

  const send = (cmd: LiveCommand): void => {
    worker ??= spawn();
    // A Worker's postMessage has no target origin (the lint rule is about window.postMessage).
    // oxlint-disable-next-line unicorn/require-post-message-target-origin
    worker.postMessage(cmd);
  };

  /** Sends a command that moves the view; returns its id. */
  const positional = (cmd: Exclude<LiveCommand, { type: 'cancel' }>): number => {
    posId = cmd.id;
    send(cmd);
    return cmd.id;
  };

  const load = (): void => {
    const { scenario, t } = lab.getState();
    loadedJson = JSON.stringify(scenario);
    const moment = playing && pb.getState().view ? pb.getState().view!.t : (t ?? defaultMomentNs(scenario));
    const wasPlaying = playing;
    playing = false;
    stopLoop();
    advancing = false;
    loadId = positional({ type: 'load', id: nextId++, scenario, t: moment, bucketNs: bucketNsFor(scenario.durationMs) });
    resumeOn = wasPlaying ? loadId : 0;
    set({ status: 'loading', progress: 0, progressLabel: 'Simulating the whole run', error: null, traceHash: null, atEnd: false });
  };

  const writeT = (t: number): void => {
    if (!userMoved) return;
    wroteT = t;
    setT(lab, t);
  };

  const onReply = (r: LiveReply): void => {
    switch (r.type) {
      case 'progress':
        if (r.id === posId) set({ progress: r.done, progressLabel: r.label });
        return;
      case 'loaded':
        if (r.id !== loadId) return;
        windowNs = r.windowNs;
        setRun(r.rareSpans);
        set({ durationNs: r.durationNs, computedNs: r.computedNs, series: r.series, markers: r.markers, traceHash: r.traceHash });
        return;
      case 'series':
        if (r.id < loadId) return;
        setRun(r.rareSpans);
        set({ computedNs: r.computedNs, series: r.series, markers: r.markers, traceHash: r.traceHash });
        return;
      case 'forked': {
        const trial = cloneScenario(lab.getState().scenario);
        trial.interventions.push(r.intervention);
        loadedJson = JSON.stringify(validateScenario(trial).scenario);
        if (!addIntervention(lab, r.intervention)) loadedJson = '';
        return;
      }
      case 'view':
        if (r.id !== posId) return;
        onView(r);
        return;
      case 'error':
        if (r.id !== posId) return;
        playing = false;
        set({ error: r.message, progress: null, status: pb.getState().view ? 'paused' : 'error' });
        return;
      case 'cancelled':
        return;
    }
  };

  const setRun = (spans: Span[]): void => {
    rare = spans.slice().sort((a, b) => a.t0 - b.t0);
    rareMaxDur = 0;
    for (const x of rare) rareMaxDur = Math.max(rareMaxDur, x.t1 - x.t0);
  };

  const onView = (r: Extract<LiveReply, { type: 'view' }>): void => {
    const d = r.spans;
    const t = r.view.t;
    let spanPatch: Partial<PlaybackState> = {};
    if (d) {
      const from = d.window[0];
      // The worker keeps the spans that end at or after its window's start; so does the page.
      const add = unpackSpans(d.add);
      detail = d.reset ? add : detail.concat(add).filter((x) => x.t1 >= from);
      const w0 = Math.max(0, t - windowNs);
      spanPatch = { spans: rareInWindow(rare, w0, t, rareMaxDur).concat(detail, d.open), spanWindow: [w0, t], detailFrom: from };
    }
    advancing = false;
    if (r.atEnd && playing) playing = false;
    if (r.id === resumeOn) {
      resumeOn = 0;
      playing = !r.atEnd;
    }
    set({
      view: r.view,
      step: r.step,
      atEnd: r.atEnd,
      ...spanPatch,
      progress: null,
      status: playing ? 'playing' : 'paused',
    });
    if (playing) startLoop();
    else writeT(t);
  };

  const frame = (ts: number): void => {
    rafId = 0;
    if (!playing) return;
    const eps = eventsPerSecond(pb.getState().speedLog);
    if (lastTs > 0 && eps !== Infinity) budget = Math.min(budget + (eps * (ts - lastTs)) / 1000, Math.max(1, eps / 4));
    lastTs = ts;
    if (!advancing) {
      const steps = eps === Infinity ? Number.MAX_SAFE_INTEGER : Math.floor(budget);
      if (steps >= 1) {
        if (eps !== Infinity) budget -= steps;
        advancing = true;
        positional({ type: 'advance', id: nextId++, steps, maxMs: FRAME_WORK_MS });
      }
    }
    rafId = env.raf(frame);
  };

  const startLoop = (): void => {
    if (rafId === 0 && playing) {
      lastTs = 0;
      rafId = env.raf(frame);
    }
  };

  const stopLoop = (): void => {
    if (rafId !== 0) env.cancelRaf(rafId);
    rafId = 0;
  };

  const ready = (): boolean => pb.getState().view !== null && pb.getState().status !== 'loading';

  const ctl: PlaybackController = {
    play() {
      if (!ready() || playing) return;
      userMoved = true;
      if (pb.getState().atEnd) ctl.seek(0);
      playing = true;
      budget = 0;
      set({ status: 'playing' });
      startLoop();
    },
    pause() {
      if (!playing) return;
      playing = false;
      stopLoop();
      // The advance in flight brings the last view; the moment settles then.
      set({ status: advancing ? 'seeking' : 'paused' });
      if (!advancing) writeT(pb.getState().view!.t);
    },
    toggle() {
      if (playing) ctl.pause();
      else ctl.play();
    },
    step(delta) {
      if (!ready()) return;
      userMoved = true;
      ctl.pause();
      positional({ type: 'step', id: nextId++, delta });
      set({ status: 'seeking' });
    },
    seek(t, opts = {}) {
      if (!ready()) return;
      userMoved = true;
      if (playing) ctl.pause();
      const at = Math.round(Math.min(Math.max(0, t), pb.getState().durationNs));
      positional({ type: 'seek', id: nextId++, t: at, fast: opts.fast });
      set({ status: 'seeking' });
      if (opts.commit) {
        wroteT = at;
        setT(lab, at);
      }
    },
    jump(kind, dir) {
      const { view, markers } = pb.getState();
      if (!view) return false;
      const t = findMarker(markers, view.t, dir, jumpTargets(kind));
      if (t === null) return false;
      ctl.seek(t, { commit: true });
      return true;
    },
    setSpeed(speedLog) {
      set({ speedLog: Math.min(MAX_SPEED_LOG, Math.max(0, speedLog)) });
    },
    cancel() {
      // oxlint-disable-next-line unicorn/require-post-message-target-origin
      if (worker) worker.postMessage({ type: 'cancel' });
    },
    applyNow(spec) {
      if (!ready()) return;
      userMoved = true;
      const wasPlaying = playing;
      ctl.pause();
      const id = positional({ type: 'fork', id: nextId++, spec });
      resumeOn = wasPlaying ? id : 0;
      set({ status: 'seeking', progress: 0, progressLabel: 'Applying the intervention' });
    },
    dispose() {
      unsubscribe();
      stopLoop();
      worker?.terminate();
      worker = null;
    },
  };

  const unsubscribe = lab.subscribe((s, prev) => {
    if (s.scenario !== prev.scenario) {
      if (JSON.stringify(s.scenario) !== loadedJson) load();
    } else if (s.t !== prev.t && s.t !== undefined && s.t !== wroteT) {
      ctl.seek(s.t);
    }
  });

  set({ speedLog: DEFAULT_SPEED_LOG });
  load();
  return ctl;
}

