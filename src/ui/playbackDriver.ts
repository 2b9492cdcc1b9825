// Connects the playback machine (src/worker/playback.ts) to the page: the worker client
// (src/worker/client.ts) feeds it replies; its reports go to the playback store (the moment, spans,
// series) and the lab store (the run's summary, the URL's moment, a fork's intervention); its state
// is the store's `status`. It also owns the page's one animation loop, which runs only while
// playing (the loop goes idle when nothing moves). Panels subscribe to the store and draw; React
// does not re-render per frame.
//
// The lab store says what to show: its scenario (a change loads it, unless it is the fork the
// machine just made) and its moment `t` (the URL's; a change from outside seeks). Settled moments
// — after a pause, a step, a scrub, a jump — are written back to `t`.
//
// No DOM or worker API is touched directly: the environment is a parameter, so Node tests drive the
// real worker logic in-process (playbackDriver.test.ts).

import { createActor } from 'xstate';
import { playbackMachine, type PlaybackEvent, type SeriesReply } from '../worker/playback.ts';
import { cloneScenario } from '../sim/scenario.ts';
import { validateScenario } from '../sim/validate.ts';
import { setReplayIovas } from '../store/importActions.ts';
import { addIntervention, runFailed, runFinished, runProgress, runStarted, setT, type LabStore } from '../store/labStore.ts';
import { publishPlayback, setPlaybackSpeed, setPlaybackStatus, type Marker, type PlaybackStatus, type PlaybackStore } from '../store/playback.ts';
import { encodeHash } from '../url/codec.ts';
import { createLiveClient, type WorkerLike } from '../worker/client.ts';
import { defaultMomentNs, type InterventionSpec, type RunSeries } from '../worker/liveProtocol.ts';
import { bucketNsFor, type ChartSeries } from '../worker/protocol.ts';

export type { WorkerLike } from '../worker/client.ts';
export { rareInWindow } from '../worker/playbackSpans.ts';

/** The slider's top: full fast-forward (as many events per frame as ~12 ms of worker time allows). */
export const MAX_SPEED_LOG = 7;
/**
 * Where playback starts: 10^4.5 ≈ 32 k engine steps per second, about 1.7 simulated ms per second on the
 * default scenario (issue 18): each ring fills and is flushed within a second and the 10 ms FQ
 * timer fires every ~6 s. 10 k/s (0.55 ms/s) took 18 s between timer flushes.
 */
export const DEFAULT_SPEED_LOG = 4.5;

/**
 * A worker that has been given work (loading, seeking, or an advance while playing) and has not
 * answered for this long has failed (it hung, or the browser killed it: a terminated worker fires no
 * event). A healthy worker answers far sooner: it yields and posts progress every ~16 ms slice
 * (liveRunner.ts) and an advance is capped at 12 ms, so even on a loaded 2-core machine, or while
 * the worker script is still being fetched and compiled at first, 10 s is ~600 slices of slack —
 * and it is about as long as anyone waits for a page that shows nothing moving before giving up.
 */
export const STALL_MS = 10_000;

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
  /** After a worker failure: load the same scenario again at the moment shown. */
  restart(): void;
  /** Fault injection for tests (src/ui/faultHooks.ts puts these on `window`); nothing else calls them. */
  faults: { throwNext(): void; terminate(): void };
  dispose(): void;
}

export interface DriverEnv {
  createWorker(): WorkerLike;
  raf(cb: (t: number) => void): number;
  cancelRaf(id: number): void;
  /** Wall clock and a repeating timer, for the stall watchdog (STALL_MS); without them, no watchdog. */
  now?(): number;
  every?(ms: number, fn: () => void): () => void;
}

export function browserEnv(): DriverEnv {
  return {
    createWorker: () => new Worker(new URL('../worker/live.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike,
    raf: (cb) => requestAnimationFrame(cb),
    cancelRaf: (id) => cancelAnimationFrame(id),
    now: () => performance.now(),
    every: (ms, fn) => {
      const id = setInterval(fn, ms);
      return () => clearInterval(id);
    },
  };
}

const FLUSH_KINDS: Marker['kind'][] = ['flush_full', 'flush_timeout'];

/** Markers a jump of this kind lands on. */
export function jumpTargets(kind: JumpKind): (m: Marker) => boolean {
  if (kind === 'flush') return (m) => FLUSH_KINDS.includes(m.kind);
  if (kind === 'timeout') return (m) => m.kind === 'timer_fire';
  if (kind === 'cliff') return (m) => m.kind === 'cliff' || m.kind === 'episode';
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

/** The part of a run's series the summary chart (ui/FlushChart.tsx) draws. */
export function chartSeries(s: RunSeries): ChartSeries {
  return { bucketNs: s.bucketNs, ios: s.ios, flushFull: s.flushFull, flushTimeout: s.flushTimeout, staleIotlb: s.staleIotlb, fqQueued: s.fqQueued };
}

export function startPlayback(lab: LabStore, pb: PlaybackStore, env: DriverEnv = browserEnv()): PlaybackController {
  /** The scenario loaded or forked to, as JSON: a lab change to it is not a new load. */
  let loadedJson = '';
  /** t written to the lab store by this driver (its echo must not seek). */
  let wroteT: number | undefined;
  /** The lab store's run the machine's reports belong to. */
  let runId = 0;
  let budget = 0;
  let lastTs = 0;
  let rafId = 0;

  const client = createLiveClient(
    env.createWorker,
    (reply) => {
      // A replayed trace's model IOVAs (issue 17) are the lab store's, not the machine's.
      if (reply.type === 'replayIovas') {
        if (reply.id === actor.getSnapshot().context.loadId) setReplayIovas(lab, reply.iova);
        return;
      }
      actor.send({ type: 'REPLY', reply });
    },
    (message) => actor.send({ type: 'WORKER_ERROR', message }),
    env.now,
  );
  const actor = createActor(playbackMachine, {
    input: {
      client,
      out: {
        publish: (patch) => publishPlayback(pb, patch),
        runStarted: () => {
          runId = runStarted(lab);
        },
        runSeries: (r: SeriesReply) => {
          const result = { runId, summary: r.summary, steps: r.steps, series: chartSeries(r.series), partial: r.partial };
          if (r.partial) runProgress(lab, result);
          else runFinished(lab, result);
        },
        runFailed: (message) => runFailed(lab, runId, message),
        forked: (x) => {
          const trial = cloneScenario(lab.getState().scenario);
          trial.interventions.push(x);
          loadedJson = JSON.stringify(validateScenario(trial).scenario);
          if (!addIntervention(lab, x)) loadedJson = '';
        },
        settled: (t) => {
          wroteT = t;
          setT(lab, t);
        },
      },
    },
  });

  const send = (e: PlaybackEvent): void => actor.send(e);
  const status = (): PlaybackStatus => actor.getSnapshot().value as PlaybackStatus;

  const frame = (ts: number): void => {
    rafId = 0;
    if (status() !== 'playing') return;
    const eps = eventsPerSecond(pb.getState().speedLog);
    if (lastTs > 0 && eps !== Infinity) budget = Math.min(budget + (eps * (ts - lastTs)) / 1000, Math.max(1, eps / 4));
    lastTs = ts;
    const steps = eps === Infinity ? Number.MAX_SAFE_INTEGER : Math.floor(budget);
    if (steps >= 1 && !actor.getSnapshot().context.advancing) {
      if (eps !== Infinity) budget -= steps;
      send({ type: 'FRAME', steps });
    }
    rafId = env.raf(frame);
  };

  // The machine's state is the store's status; the loop runs exactly while playing.
  let shown: PlaybackStatus | null = null;
  actor.subscribe((snap) => {
    const v = snap.value as PlaybackStatus;
    if (v === shown) return;
    if (v === 'playing' && rafId === 0) {
      lastTs = 0;
      budget = 0;
      rafId = env.raf(frame);
    } else if (v !== 'playing' && rafId !== 0) {
      env.cancelRaf(rafId);
      rafId = 0;
    }
    shown = v;
    setPlaybackStatus(pb, v);
  });
  actor.start();

  // The watchdog: work given and no answer for STALL_MS is a worker failure (the machine drops the
  // worker; Restart starts a fresh one).
  const stopWatch = env.every?.(1000, () => {
    const snap = actor.getSnapshot();
    const waiting = snap.value === 'loading' || snap.value === 'seeking' || (snap.value === 'playing' && snap.context.advancing);
    if (waiting && client.quietMs() > STALL_MS) {
      send({ type: 'WORKER_ERROR', message: `the simulation worker stopped answering (no reply for ${STALL_MS / 1000} s)` });
    }
  });

  const load = (): void => {
    const { scenario, t, preset, imported } = lab.getState();
    loadedJson = JSON.stringify(scenario);
    // An imported trace is replayed instead of the scenario's workload; the summary names it as
    // the CLI does (import:FILE).
    send({
      type: 'LOAD',
      scenario,
      t: t ?? defaultMomentNs(scenario),
      name: imported ? `import:${imported.name}` : encodeHash(scenario, preset),
      bucketNs: bucketNsFor(scenario.durationMs),
      replay: imported?.replay,
    });
  };

  const ctl: PlaybackController = {
    play: () => send({ type: 'PLAY' }),
    pause: () => send({ type: 'PAUSE' }),
    toggle() {
      if (status() === 'playing') ctl.pause();
      else ctl.play();
    },
    step: (delta) => send({ type: 'STEP', delta }),
    seek(t, opts = {}) {
      const before = actor.getSnapshot().context.posId;
      send({ type: 'SEEK', t, fast: opts.fast });
      if (opts.commit && actor.getSnapshot().context.posId !== before) {
        const at = Math.round(Math.min(Math.max(0, t), pb.getState().durationNs));
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
      setPlaybackSpeed(pb, Math.min(MAX_SPEED_LOG, Math.max(0, speedLog)));
    },
    cancel: () => send({ type: 'CANCEL' }),
    applyNow: (spec) => send({ type: 'FORK', spec }),
    restart: () => send({ type: 'RESTART' }),
    faults: { throwNext: () => client.injectFault(), terminate: () => client.killSilently() },
    dispose() {
      unsubscribe();
      stopWatch?.();
      actor.stop();
      if (rafId !== 0) env.cancelRaf(rafId);
      client.dispose();
    },
  };

  const unsubscribe = lab.subscribe((s, prev) => {
    if (s.importSeq !== prev.importSeq) load();
    else if (s.scenario !== prev.scenario) {
      if (JSON.stringify(s.scenario) !== loadedJson) load();
    } else if (s.t !== prev.t && s.t !== undefined && s.t !== wroteT) {
      ctl.seek(s.t);
    }
  });

  setPlaybackSpeed(pb, DEFAULT_SPEED_LOG);
  load();
  return ctl;
}
