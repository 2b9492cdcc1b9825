// Dev/test fixture (issue 5, panels): runs the engine in the page on a scenario and builds what
// the playback core provides — the LabView (src/sim/viewOf.ts), timeline spans, whole-run series
// and markers — so the panels can be seen and screenshot-tested independently of the live worker.
// Deterministic: same scenario and moment, same output.

import { cliffVerdict } from '../sim/cliff.ts';
import { Engine } from '../sim/engine.ts';
import { PH_Q_LOCK, PH_TO_RING } from '../sim/phases.ts';
import { defaultBucketNs } from '../sim/run.ts';
import type { Scenario } from '../sim/scenario.ts';
import { TraceRecorder, type TraceEvent } from '../sim/trace.ts';
import type { LabView, Span, SpanKind } from '../sim/view.ts';
import { engineView } from '../sim/viewOf.ts';
import type { Marker, RunSeries } from '../store/playback.ts';

/** Follows the trace and the CPUs' phases: spans per CPU. */
export class SpanRecorder {
  readonly spans: Span[] = [];
  private readonly unmapAt = new Map<number, number>();
  private readonly flushAt = new Map<number, [number, number]>();
  private readonly timeoutAt = new Map<number, number>();
  private readonly lockAt = new Map<number, number>();
  recording = true;

  constructor(private readonly from: number) {}

  private add(cpu: number, kind: SpanKind, t0: number, t1: number): void {
    if (this.recording && t1 >= this.from) this.spans.push({ cpu, kind, t0, t1 });
  }

  event(e: TraceEvent): void {
    const c = e.cpu;
    switch (e.ev) {
      case 'unmap':
        this.unmapAt.set(c, e.t);
        break;
      case 'fq_add':
      case 'iotlb_sync': {
        const t0 = this.unmapAt.get(c);
        if (t0 !== undefined) this.add(c, 'unmap', t0, e.t);
        this.unmapAt.delete(c);
        break;
      }
      case 'map':
        this.add(c, 'map', e.t, e.t);
        break;
      case 'flush_start':
        this.flushAt.set(c, [e.t, e.reason === 'full' ? 0 : 1]);
        break;
      case 'flush_finish': {
        const f = this.flushAt.get(c);
        if (f) this.add(c, f[1] === 0 ? 'flush_full' : 'flush_timeout', f[0], e.t);
        this.flushAt.delete(c);
        break;
      }
      case 'timer_arm':
        this.add(c, 'timer_arm', e.t, e.t);
        break;
      case 'timer_fire':
        this.add(c, 'timer_fire', e.t, e.t);
        this.timeoutAt.set(c, e.t);
        break;
      case 'timer_done': {
        const t0 = this.timeoutAt.get(c);
        if (t0 !== undefined) this.add(c, 'timeout', t0, e.t);
        this.timeoutAt.delete(c);
        break;
      }
    }
  }

  /** Ring-lock waits from the CPUs' phases (spinning in queue_iova or in the timeout's ring walk). */
  phases(phase: Int32Array, now: number): void {
    for (let c = 0; c < phase.length; c++) {
      const waiting = phase[c] === PH_Q_LOCK || phase[c] === PH_TO_RING;
      const t0 = this.lockAt.get(c);
      if (waiting && t0 === undefined) this.lockAt.set(c, now);
      else if (!waiting && t0 !== undefined) {
        this.add(c, 'ring_lock_wait', t0, now);
        this.lockAt.delete(c);
      }
    }
  }

  /** Closes the spans still open at `now` (they are drawn up to the current moment). */
  openSpans(now: number): Span[] {
    const out: Span[] = [];
    for (const [c, t0] of this.unmapAt) out.push({ cpu: c, kind: 'unmap', t0, t1: now });
    for (const [c, [t0, r]] of this.flushAt) out.push({ cpu: c, kind: r === 0 ? 'flush_full' : 'flush_timeout', t0, t1: now });
    for (const [c, t0] of this.timeoutAt) out.push({ cpu: c, kind: 'timeout', t0, t1: now });
    for (const [c, t0] of this.lockAt) out.push({ cpu: c, kind: 'ring_lock_wait', t0, t1: now });
    return out;
  }
}

export interface Fixture {
  view: LabView;
  spans: Span[];
  spanWindow: [number, number];
  series: RunSeries;
  markers: Marker[];
  durationNs: number;
}

/** Runs `s` to `atNs` (snapshot, spans of the last `windowNs`), then on to the end for the series. */
export function runFixture(s: Scenario, atNs: number, windowNs = 2_000_000): Fixture {
  const from = Math.max(0, atNs - windowNs);
  const rec = new SpanRecorder(from);
  const trace = new TraceRecorder(false, 0, (ev) => rec.event(ev));
  const e = new Engine(s, { trace, bucketNs: defaultBucketNs(s.durationMs) });
  while (e.q.size > 0 && e.q.peekTime() <= atNs) {
    e.step();
    if (e.now >= from) rec.phases(e.phase, e.now);
  }
  e.runUntil(atNs);
  const view = engineView(e);
  const spans = [...rec.spans, ...rec.openSpans(atNs)];
  rec.recording = false;
  e.runUntil(e.r.durationNs);
  const { ringOcc: _occ, ...series } = e.metrics.series;
  const bucketMs = series.bucketNs / 1e6;
  const markers: Marker[] = s.interventions.map((x) => ({ t: Math.round(x.atMs * 1e6), kind: 'intervention', cpu: -1 }));
  const iops = series.ios.map((x) => (x / bucketMs) * 1000);
  const verdict = cliffVerdict(iops, bucketMs, s.interventions.length ? Math.min(...s.interventions.map((x) => x.atMs)) : undefined);
  if (verdict.verdict === 'cliff') markers.push({ t: Math.round(verdict.triggerMs * 1e6), kind: 'cliff', cpu: -1 });
  return { view, spans, spanWindow: [from, atNs], series, markers, durationNs: e.r.durationNs };
}
