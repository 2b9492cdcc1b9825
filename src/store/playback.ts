// The live playback state (issue 5): the moment being shown and how the page moves through time.
// A Zustand vanilla store, separate from labStore (the scenario) because it changes every frame:
// panels subscribe to it and draw on canvas (store.subscribe), they do not re-render React per
// frame. The live worker (src/worker/live.worker.ts) owns the engine and its checkpoints; the
// driver (src/ui/playbackDriver.ts) turns its messages into state here.

import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LabView, Span } from '../sim/view.ts';
import type { Marker, RunSeries } from '../worker/liveProtocol.ts';

export type PlaybackStatus = 'idle' | 'loading' | 'paused' | 'playing' | 'seeking' | 'error';

// The wire types (markers, the run's series) live with the worker's protocol; re-exported here for
// the panels, which read them from this store.
export type { Marker, RunSeries } from '../worker/liveProtocol.ts';

export interface PlaybackState {
  status: PlaybackStatus;
  /** The current moment; null until the first snapshot arrives. */
  view: LabView | null;
  /** Timeline spans recorded around the current moment, and the window they cover [t0, t1] (ns). */
  spans: Span[];
  spanWindow: [number, number];
  /** Whole-run series and markers, available once the run has been fast-forwarded once. */
  series: RunSeries | null;
  markers: Marker[];
  /** Simulated length of the run, ns. */
  durationNs: number;
  /** Playback speed as log10 of simulated events per second (0 = one event per second). */
  speedLog: number;
  /** 0..1 while a long fast-forward or seek runs in the worker; null otherwise. */
  progress: number | null;
  error: string | null;
  /** Events processed up to the view (the playback position). */
  step: number;
  /** No event is left before the end of the run. */
  atEnd: boolean;
  /** How far the run has been simulated (ns); less than durationNs after a cancelled fast-forward. */
  computedNs: number;
  /** Per-I/O spans (unmap, map, lock waits) begin here; flushes and timeouts cover all of spanWindow. */
  detailFrom: number;
  /** What the worker is doing for a progress bar ("Simulating the whole run"). */
  progressLabel: string;
  /** Trace hash of the whole live run, once simulated to its end (matches the summary's). */
  traceHash: string | null;
  /**
   * The playback worker failed (threw, died or stopped answering) while this view was shown: the
   * moment and numbers on the page are from before the failure, not current. Cleared by the next view.
   */
  staleSince: number | null;
}

export type PlaybackStore = StoreApi<PlaybackState>;

export function createPlaybackStore(): PlaybackStore {
  return createStore<PlaybackState>()(() => ({
    status: 'idle',
    view: null,
    spans: [],
    spanWindow: [0, 0],
    series: null,
    markers: [],
    durationNs: 0,
    speedLog: 3,
    progress: null,
    error: null,
    step: 0,
    atEnd: false,
    computedNs: 0,
    detailFrom: 0,
    progressLabel: '',
    traceHash: null,
    staleSince: null,
  }));
}

/** What the playback machine reports (src/worker/playback.ts PlaybackPatch): the fields it names. */
export function publishPlayback(store: PlaybackStore, patch: Partial<Omit<PlaybackState, 'status' | 'speedLog' | 'staleSince'>>): void {
  // A new view is current again; the failure mark goes with the first one after Restart.
  store.setState(patch.view ? { ...patch, staleSince: null } : patch);
}

/**
 * The machine's state. Entering `error` marks the view shown as from before the failure (its
 * moment, or 0 when nothing was shown yet).
 */
export function setPlaybackStatus(store: PlaybackStore, status: PlaybackStatus): void {
  const s = store.getState();
  if (status === 'error' && s.status !== 'error') store.setState({ status, staleSince: s.view?.t ?? 0 });
  else store.setState({ status });
}

/** Playback speed, log10 of engine steps per second. */
export function setPlaybackSpeed(store: PlaybackStore, speedLog: number): void {
  store.setState({ speedLog });
}
