// Playback as a statechart (issue 13 item 5): how the page moves through the live run's time.
//
//   idle ──LOAD──▶ loading ──last view──▶ paused ◀──▶ playing
//                    │  ▲                   │  ▲        │
//                    │  └──────LOAD─────────┴──┼────────┘  (LOAD from any state)
//                    │                      ▼  │
//                    │                    seeking  (step, seek, fork: until the view answering it)
//   any ──WORKER_ERROR / fault reply──▶ error ──RESTART──▶ loading  (the same scenario, at the moment shown)
//
// A fault (the worker threw, died, or stopped answering: WORKER_ERROR, or a `fault` reply to any
// command) drops the worker (client.reset) so Restart starts a fresh one; the view, the scenario
// and the moment stay as they were, and the page marks them as from before the failure. A refused
// request (an `error` reply, e.g. a fork past the end) is not a fault: the page stays paused.
// `loading` shows the load's first picture as soon as the worker has simulated up to the moment
// (a view with `pending`), and is left on its last view, once the whole run is simulated or the
// user cancelled. Commands carry ids; only replies to the newest command that moves the view
// (posId) count, older ones are stale. The machine sends commands through `client` (a thin worker
// client, src/worker/client.ts) and reports through `out`; it knows no store, DOM or worker API
// (the page's glue is src/ui/playbackDriver.ts), so its transitions are tested alone.

import { assign, setup } from 'xstate';
import type { ReplayInput } from '../sim/replay/feed.ts';
import type { Intervention, Scenario } from '../sim/scenario.ts';
import type { LabView, Span } from '../sim/view.ts';
import type { InterventionSpec, LiveCommand, LiveReply, Marker, WorkCommand, RunSeries } from './liveProtocol.ts';
import { applySpanDelta, emptySpans, withRare, type SpanAcc } from './playbackSpans.ts';

export type SeriesReply = Extract<LiveReply, { type: 'series' }>;
type ViewReply = Extract<LiveReply, { type: 'view' }>;

/** What the machine reports for the page to show (the playback store's fields). */
export interface PlaybackPatch {
  view?: LabView;
  step?: number;
  atEnd?: boolean;
  spans?: Span[];
  spanWindow?: [number, number];
  detailFrom?: number;
  durationNs?: number;
  computedNs?: number;
  series?: RunSeries | null;
  markers?: Marker[];
  traceHash?: string | null;
  progress?: number | null;
  progressLabel?: string;
  error?: string | null;
}

export interface PlaybackOutputs {
  publish(patch: PlaybackPatch): void;
  /** A run of the scenario begins (a load, or the rest of the run after a fork). */
  runStarted(): void;
  /** The run so far (partial) or whole, with its summary. */
  runSeries(r: SeriesReply): void;
  runFailed(message: string): void;
  /** The worker forked history with this intervention (the scenario gains it). */
  forked(x: Intervention): void;
  /** A moment the user moved to has settled (after a pause, step, seek or fork): the URL's `t`. */
  settled(t: number): void;
}

export interface PlaybackInput {
  client: { send(cmd: LiveCommand): void; cancel(): void; reset(): void };
  out: PlaybackOutputs;
}

export type PlaybackEvent =
  /** Load a scenario at moment t; `name` is the summary's, `bucketNs` the metrics bucket. */
  | { type: 'LOAD'; scenario: Scenario; t: number; name: string; bucketNs: number; replay?: ReplayInput }
  | { type: 'REPLY'; reply: LiveReply }
  | { type: 'WORKER_ERROR'; message: string }
  | { type: 'RESTART' }
  | { type: 'PLAY' }
  | { type: 'PAUSE' }
  /** The page's animation frame while playing: this many more events are due. */
  | { type: 'FRAME'; steps: number }
  | { type: 'STEP'; delta: number }
  | { type: 'SEEK'; t: number; fast?: boolean }
  | { type: 'FORK'; spec: InterventionSpec }
  | { type: 'CANCEL' };

export interface PlaybackContext extends PlaybackInput {
  nextId: number;
  /** The newest command that moves the view; replies to older ones are stale. */
  posId: number;
  loadId: number;
  /** Play on once the view answering this command arrives (a load or fork while playing). */
  resumeOn: number;
  /** An advance is in flight (one at a time while playing). */
  advancing: boolean;
  /** The user has moved through time: settled moments go to the URL (the first load leaves it alone). */
  userMoved: boolean;
  /** The last load, for Restart. */
  /** `replay`: an imported trace's I/Os (src/import/), replayed instead of the scenario's workload. */
  load: { scenario: Scenario; t: number; name: string; bucketNs: number; replay?: ReplayInput } | null;
  /** The moment shown and whether it is the end of the run (null before the first view). */
  viewT: number | null;
  atEnd: boolean;
  durationNs: number;
  spans: SpanAcc;
}

type Ctx = PlaybackContext;
type Ev = PlaybackEvent;

const reply = (e: Ev): LiveReply | null => (e.type === 'REPLY' ? e.reply : null);
const isView = (c: Ctx, e: Ev, pending: boolean): boolean => {
  const r = reply(e);
  return r?.type === 'view' && r.id === c.posId && r.pending === pending;
};

/** Sends a command that moves the view: the newest command, whose replies count. */
function positional(c: Ctx, make: (id: number) => WorkCommand): Partial<Ctx> {
  const id = c.nextId;
  c.client.send(make(id));
  return { nextId: id + 1, posId: id };
}

const loadOf = (e: Extract<Ev, { type: 'LOAD' }>): NonNullable<Ctx['load']> => ({ scenario: e.scenario, t: e.t, name: e.name, bucketNs: e.bucketNs, replay: e.replay });

/** Starts a load of `l`; `resume`: play on once it has loaded. */
function startLoad(c: Ctx, l: NonNullable<Ctx['load']>, resume: boolean): Partial<Ctx> {
  c.out.runStarted();
  const p = positional(c, (id) => ({ type: 'load', id, scenario: l.scenario, t: l.t, bucketNs: l.bucketNs, name: l.name, replay: l.replay }));
  c.out.publish({ progress: 0, progressLabel: 'Simulating to the moment', error: null, traceHash: null, atEnd: false });
  return { ...p, loadId: p.posId!, resumeOn: resume ? p.posId! : 0, advancing: false, load: l, atEnd: false };
}

/** In every state but `error`: a fault reply is a worker failure. */
const FAULT = { guard: 'fault', target: '#playback.error', actions: 'failed' } as const;

export const playbackMachine = setup({
  types: {
    context: {} as Ctx,
    events: {} as Ev,
    input: {} as PlaybackInput,
  },
  guards: {
    pendingView: ({ context, event }) => isView(context, event, true),
    lastView: ({ context, event }) => isView(context, event, false),
    /** The last view, and the command it answers asked to play on. */
    lastViewResume: ({ context, event }) => isView(context, event, false) && context.resumeOn === context.posId && !(reply(event) as ViewReply).atEnd,
    viewAtEnd: ({ context, event }) => isView(context, event, false) && (reply(event) as ViewReply).atEnd,
    /** An error answering the newest command, with a picture still on the page. */
    errorWithView: ({ context, event }) => reply(event)?.type === 'error' && reply(event)!.id === context.posId && context.viewT !== null,
    errorNoView: ({ context, event }) => reply(event)?.type === 'error' && reply(event)!.id === context.posId && context.viewT === null,
    /** The worker's job threw (any command's: the worker's state is suspect whichever it was). */
    fault: ({ event }) => reply(event)?.type === 'fault',
    hasView: ({ context }) => context.viewT !== null,
    atEnd: ({ context }) => context.viewT !== null && context.atEnd,
    canAdvance: ({ context, event }) => !context.advancing && event.type === 'FRAME' && event.steps >= 1,
    hasLoad: ({ context }) => context.load !== null,
    /** An advance is in flight: its view settles the moment. */
    advancing: ({ context }) => context.advancing,
  },
  actions: {
    /** Replies that mean the same in every state: progress, the run's length, series, forks. */
    common: assign(({ context: c, event }) => {
      const r = reply(event);
      if (!r) return {};
      if (r.type === 'progress' && r.id === c.posId) c.out.publish({ progress: r.done, progressLabel: r.label });
      else if (r.type === 'loaded' && r.id === c.loadId) {
        c.out.publish({ durationNs: r.durationNs, computedNs: 0, series: null, markers: [], traceHash: null });
        return { durationNs: r.durationNs, spans: emptySpans(r.windowNs) };
      } else if (r.type === 'series' && r.id >= c.loadId) {
        c.out.publish({ computedNs: r.computedNs, series: r.series, markers: r.markers, traceHash: r.traceHash });
        c.out.runSeries(r);
        return { spans: withRare(c.spans, r.rareSpans) };
      } else if (r.type === 'forked') c.out.forked(r.intervention);
      return {};
    }),
    /** A view answering the newest command: the moment shown, with its spans. */
    showView: assign(({ context: c, event }) => {
      const r = reply(event) as ViewReply;
      let spans = c.spans;
      let patch: PlaybackPatch = {};
      if (r.spans) {
        const a = applySpanDelta(c.spans, r.spans, r.view.t);
        spans = a.acc;
        patch = a.shown;
      }
      c.out.publish({ view: r.view, step: r.step, atEnd: r.atEnd, ...patch, ...(r.pending ? {} : { progress: null }) });
      return { spans, viewT: r.view.t, atEnd: r.atEnd, advancing: false, resumeOn: r.pending || r.id !== c.resumeOn ? c.resumeOn : 0 };
    }),
    /** The moment settled where the user moved: it goes to the URL. */
    settle: ({ context: c }) => {
      if (c.userMoved && c.viewT !== null) c.out.settled(c.viewT);
    },
    load: assign(({ context: c, event }) => (event.type === 'LOAD' ? startLoad(c, loadOf(event), false) : {})),
    /** A load while playing: from the moment shown, and play on. */
    loadPlaying: assign(({ context: c, event }) =>
      event.type === 'LOAD' ? startLoad(c, { ...loadOf(event), t: c.viewT ?? event.t }, true) : {},
    ),
    restart: assign(({ context: c }) => startLoad(c, { ...c.load!, t: c.viewT ?? c.load!.t }, false)),
    failed: ({ context: c, event }) => {
      const r = reply(event) as Extract<LiveReply, { type: 'error' | 'fault' }> | null;
      const fault = event.type === 'WORKER_ERROR' || r?.type === 'fault';
      const message = event.type === 'WORKER_ERROR' ? event.message : r!.message;
      if (fault) c.client.reset();
      c.out.publish({ error: message, progress: null });
      if (fault || r!.id === c.loadId) c.out.runFailed(message);
    },
    moved: assign({ userMoved: true }),
    advance: assign(({ context: c, event }) => ({
      ...positional(c, (id) => ({ type: 'advance', id, steps: event.type === 'FRAME' ? event.steps : 0, maxMs: 12 })),
      advancing: true,
    })),
    step: assign(({ context: c, event }) => positional(c, (id) => ({ type: 'step', id, delta: event.type === 'STEP' ? event.delta : 0 }))),
    seek: assign(({ context: c, event }) => {
      const t = event.type === 'SEEK' ? event.t : 0;
      const at = Math.round(Math.min(Math.max(0, t), c.durationNs));
      return positional(c, (id) => ({ type: 'seek', id, t: at, fast: event.type === 'SEEK' ? event.fast : undefined }));
    }),
    /** From the end of the run, play starts over: a seek to 0 that plays on. */
    seekStartAndPlay: assign(({ context: c }) => {
      const p = positional(c, (id) => ({ type: 'seek', id, t: 0 }));
      return { ...p, resumeOn: p.posId! };
    }),
    fork: assign(({ context: c, event }) => {
      if (event.type !== 'FORK') return {};
      c.out.runStarted();
      const p = positional(c, (id) => ({ type: 'fork', id, spec: event.spec }));
      c.out.publish({ progress: 0, progressLabel: 'Applying the intervention' });
      return { ...p, resumeOn: 0 };
    }),
    resumeAfter: assign(({ context: c }) => ({ resumeOn: c.posId })),
    cancel: ({ context: c }) => c.client.cancel(),
  },
}).createMachine({
  id: 'playback',
  initial: 'idle',
  context: ({ input }) => ({
    ...input,
    nextId: 1,
    posId: 0,
    loadId: 0,
    resumeOn: 0,
    advancing: false,
    userMoved: false,
    load: null,
    viewT: null,
    atEnd: false,
    durationNs: 0,
    spans: emptySpans(),
  }),
  on: {
    LOAD: { target: '.loading', actions: 'load' },
    REPLY: [FAULT, { actions: 'common' }],
    WORKER_ERROR: { target: '.error', actions: 'failed' },
    CANCEL: { actions: 'cancel' },
  },
  states: {
    idle: {
      description: 'No scenario yet: the page has just started and has not sent the worker a scenario to load.',
    },
    loading: {
      description:
        'The worker simulates the scenario from t = 0 up to the moment shown (the URL\'s t or the default moment); the panels draw as soon as it posts that moment, then it goes on simulating the rest of the run for the whole-run charts and summary.',
      on: {
        REPLY: [
          FAULT,
          { guard: 'pendingView', actions: 'showView' },
          { guard: 'lastViewResume', target: 'playing', actions: 'showView' },
          { guard: 'lastView', target: 'paused', actions: ['showView', 'settle'] },
          { guard: 'errorWithView', target: 'paused', actions: 'failed' },
          { guard: 'errorNoView', target: 'error', actions: 'failed' },
          { actions: 'common' },
        ],
      },
    },
    paused: {
      description: 'A moment of the run is on the page and nothing moves: Play, Step, a seek on the time slider or an intervention (a fork) leave this state.',
      on: {
        REPLY: [FAULT, { guard: 'lastView', actions: 'showView' }, { guard: 'errorWithView', actions: 'failed' }, { actions: 'common' }],
        PLAY: [
          { guard: 'atEnd', target: 'seeking', actions: ['moved', 'seekStartAndPlay'] },
          { guard: 'hasView', target: 'playing', actions: 'moved' },
        ],
        STEP: { guard: 'hasView', target: 'seeking', actions: ['moved', 'step'] },
        SEEK: { guard: 'hasView', target: 'seeking', actions: ['moved', 'seek'] },
        FORK: { guard: 'hasView', target: 'seeking', actions: ['moved', 'fork'] },
      },
    },
    playing: {
      description:
        'Each animation frame asks the worker to advance the engine by as many events as the speed allows (FRAME [canAdvance]); each view it posts is drawn. At the end of the run it pauses.',
      on: {
        FRAME: { guard: 'canAdvance', actions: 'advance' },
        REPLY: [
          FAULT,
          { guard: 'viewAtEnd', target: 'paused', actions: ['showView', 'settle'] },
          { guard: 'lastView', actions: 'showView' },
          { guard: 'errorWithView', target: 'paused', actions: 'failed' },
          { actions: 'common' },
        ],
        // The advance in flight brings the last view; the moment settles then.
        PAUSE: [{ guard: 'advancing', target: 'seeking' }, { target: 'paused', actions: 'settle' }],
        STEP: { target: 'seeking', actions: ['moved', 'step'] },
        SEEK: { target: 'seeking', actions: ['moved', 'seek'] },
        FORK: { target: 'seeking', actions: ['moved', 'fork', 'resumeAfter'] },
        LOAD: { target: 'loading', actions: 'loadPlaying' },
      },
    },
    seeking: {
      description:
        'The worker is moving to another moment (a step, a seek, a step back replayed from a checkpoint, or a fork with an intervention); the last picture stays until the new moment arrives.',
      on: {
        REPLY: [
          FAULT,
          { guard: 'lastViewResume', target: 'playing', actions: 'showView' },
          { guard: 'lastView', target: 'paused', actions: ['showView', 'settle'] },
          { guard: 'errorWithView', target: 'paused', actions: 'failed' },
          { actions: 'common' },
        ],
        PLAY: { target: 'playing', actions: 'moved' },
        // A fork or restart from the end that was to play on: stay paused when it lands.
        PAUSE: { actions: assign({ resumeOn: 0 }) },
        STEP: { actions: ['moved', 'step'] },
        SEEK: { actions: ['moved', 'seek'] },
        FORK: { actions: ['moved', 'fork'] },
      },
    },
    error: {
      description:
        'The worker failed (it threw, was terminated or stalled): what is shown is from before the failure; Restart loads the same scenario and moment in a fresh worker.',
      on: {
        RESTART: { guard: 'hasLoad', target: 'loading', actions: 'restart' },
        REPLY: { actions: 'common' },
      },
    },
  },
});
