// The live playback state (issue 5): the moment being shown and how the page moves through time.
// A Zustand vanilla store, separate from labStore (the scenario) because it changes every frame:
// panels subscribe to it and draw on canvas (store.subscribe), they do not re-render React per
// frame. The live worker (src/worker/live.worker.ts) owns the engine and its checkpoints; the
// driver (src/ui/playbackDriver.ts) turns its messages into state here.

import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Series } from '../sim/metrics.ts';
import type { LabView, Span } from '../sim/view.ts';

export type PlaybackStatus = 'idle' | 'loading' | 'paused' | 'playing' | 'seeking' | 'error';

/** A point of interest on the timeline ("jump to the next …"). */
export interface Marker {
  t: number;
  kind: 'flush_full' | 'flush_timeout' | 'timer_fire' | 'intervention' | 'cliff' | 'soft_lockup' | 'hard_lockup';
  cpu: number;
}

/** Per-bucket series of the whole run (from the fast-forward run) for the throughput panel. */
export type RunSeries = Omit<Series, 'ringOcc'>;

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
  }));
}
