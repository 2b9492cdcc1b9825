// Messages between the page (src/ui/playbackDriver.ts) and the live worker (live.worker.ts), which
// owns the engine, its checkpoints and the span recorder (src/worker/liveSession.ts). Plain,
// structured-cloneable data; a view's typed arrays are transferred, not copied.
//
// Every command but `cancel` carries an id; replies carry the id of the command they answer, so the
// page can drop replies to commands it has superseded.

import type { Summary } from '../sim/run.ts';
import { resolve, type Intervention, type Scenario } from '../sim/scenario.ts';
import type { ReplayInput } from '../sim/replay/feed.ts';
import type { SpanDelta } from '../sim/spans.ts';
import type { LabView, Marker, RunSeries, Span, SpanKind } from '../sim/view.ts';

export type { Marker, RunSeries };

/** An intervention to apply at the current moment: the worker picks its exact time (`atMs`). */
export type InterventionSpec =
  | { kind: 'pause'; forMs: number; cpus: number[] }
  | { kind: 'mode'; mode: Scenario['mode'] }
  | { kind: 'migrate'; from: number; to: number }
  | { kind: 'sizes'; sizes: { pages: number; weight: number }[] };

/** The moment shown when the URL names none: early in the run, after the first FQ timeout. */
export function defaultMomentNs(s: Scenario): number {
  return Math.min(resolve(s).durationNs, 15_000_000);
}

export type LiveCommand =
  /**
   * Simulate the scenario to moment t and show it (the first picture), then on to the end of the
   * run (series, markers, summary, checkpoints), then show moment t again with its final span
   * window. `name` is the summary's `scenario` (preset name or URL hash).
   */
  | { type: 'load'; id: number; scenario: Scenario; t: number; bucketNs: number; name?: string; /** An imported trace's I/Os, replayed instead of the scenario's workload (src/sim/replay/feed.ts). */ replay?: ReplayInput }
  /** Playing: up to `steps` more events, for at most `maxMs` of wall time, then a view. */
  | { type: 'advance'; id: number; steps: number; maxMs: number }
  /** `delta` events forward (> 0) or back (< 0). The view's spans are the per-I/O kinds near the moment. */
  | { type: 'step'; id: number; delta: number }
  /** To moment t (ns) or to position `step`; `fast` keeps only a short span window (while dragging). */
  | { type: 'seek'; id: number; t?: number; step?: number; fast?: boolean }
  /** A history fork: the intervention at the current moment. */
  | { type: 'fork'; id: number; spec: InterventionSpec }
  /** Stop the long job in progress (fast-forward, seek) where it is. */
  | { type: 'cancel' }
  /**
   * Fault injection for tests (the page's `window.labFaults`, src/ui/faultHooks.ts): the next
   * command's job throws as an engine bug would. Nothing else sends it.
   */
  | { type: 'inject-fault' };

/** The commands that are jobs for the worker's session (not cancel, not the test hook). */
export type WorkCommand = Exclude<LiveCommand, { type: 'cancel' | 'inject-fault' }>;

export type LiveReply =
  | { type: 'progress'; id: number; done: number; label: string }
  /** A load began: the run's length and the timeline's window. Everything else follows in `series`. */
  | { type: 'loaded'; id: number; durationNs: number; /** How far behind the moment the timeline shows flushes and timeouts (ns). */ windowNs: number }
  /**
   * The run was simulated further (while loading, playing past the computed part, or after a
   * fork), with the summary of what is simulated so far: `partial` until the run's end, then the
   * CLI's summary of the scenario.
   */
  | {
      type: 'series';
      id: number;
      computedNs: number;
      series: RunSeries;
      markers: Marker[];
      rareSpans: Span[];
      /** Trace hash of the whole run (only when computedNs === durationNs). */
      traceHash: string | null;
      summary: Summary;
      /** Engine steps simulated (the frontier): what the playback bar's "step" reaches at the end. */
      steps: number;
      partial: boolean;
    }
  /**
   * `spans` is null when unchanged for the page's purposes (while playing, spans go at most ~10
   * times a second). `pending`: the command goes on after this view (a load's first picture, shown
   * while the rest of the run is simulated); its last view has `pending` false.
   */
  | { type: 'view'; id: number; view: LabView; step: number; atEnd: boolean; spans: WireSpanDelta | null; pending: boolean }
  | { type: 'forked'; id: number; intervention: Intervention }
  /**
   * A replayed trace's run reached its end: the model's IOVA (bytes) of the first I/Os, in trace
   * order, shown beside the trace's own (the model allocates its own; 0: never mapped in the run).
   */
  | { type: 'replayIovas'; id: number; iova: number[] }
  | { type: 'cancelled'; id: number }
  | { type: 'error'; id: number; message: string }
  /**
   * The job for command `id` threw (an engine or worker bug, not a refused request): the worker's
   * state can no longer be trusted. The page drops this worker and offers Restart.
   */
  | { type: 'fault'; id: number; message: string };

/** Span kinds by index, for packed spans. */
export const SPAN_KINDS: readonly SpanKind[] = ['unmap', 'map', 'flush_full', 'flush_timeout', 'timeout', 'ring_lock_wait', 'rbtree_lock_wait', 'timer_arm', 'timer_fire'];

/**
 * Closed spans as columns of typed arrays: tens of thousands of them cross postMessage several
 * times a second while playing, and transferring four buffers costs nothing where cloning as many
 * objects costs milliseconds on the page's thread.
 */
export interface PackedSpans {
  cpu: Int32Array;
  kind: Uint8Array;
  t0: Float64Array;
  t1: Float64Array;
}

/** A SpanDelta (spans.ts) with its closed spans packed. */
export interface WireSpanDelta extends Omit<SpanDelta, 'add'> {
  add: PackedSpans;
}

export function packSpans(spans: readonly Span[]): PackedSpans {
  const n = spans.length;
  const p = { cpu: new Int32Array(n), kind: new Uint8Array(n), t0: new Float64Array(n), t1: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    const x = spans[i];
    p.cpu[i] = x.cpu;
    p.kind[i] = SPAN_KINDS.indexOf(x.kind);
    p.t0[i] = x.t0;
    p.t1[i] = x.t1;
  }
  return p;
}

export function unpackSpans(p: PackedSpans): Span[] {
  const out: Span[] = new Array(p.cpu.length);
  for (let i = 0; i < out.length; i++) out[i] = { cpu: p.cpu[i], kind: SPAN_KINDS[p.kind[i]], t0: p.t0[i], t1: p.t1[i] };
  return out;
}

/** The typed arrays of a view reply, for postMessage's transfer list. */
export function viewTransfer(v: LabView, spans: WireSpanDelta | null = null): ArrayBuffer[] {
  const arrays: ArrayBufferView[] = [v.ringHead, v.ringTail, v.slotState, v.slotPfn, v.slotPages, v.slotCounter, v.cpuPhase, v.magLoaded, v.magPrev, v.ranges, v.rangeKind];
  if (spans) arrays.push(spans.add.cpu, spans.add.kind, spans.add.t0, spans.add.t1);
  const out: ArrayBuffer[] = [];
  for (const a of arrays) if (a.buffer instanceof ArrayBuffer && !out.includes(a.buffer)) out.push(a.buffer);
  return out;
}

/** Whether a new command makes a queued one pointless (the newest seek or load wins). */
export function supersedes(next: LiveCommand, queued: LiveCommand): boolean {
  if (next.type === 'load') return queued.type !== 'cancel';
  if (next.type === 'seek') return queued.type === 'seek' || queued.type === 'advance';
  return false;
}
