// The timeline's spans on the page, assembled from what the live worker sends (pure functions, so
// the playback machine stays a description of states): flushes, timeouts and timer spans of the
// whole simulated run (sent with the series), and per-I/O spans near the moment (sent as deltas
// with each view, src/sim/spans.ts SpanDelta).

import type { Span } from '../sim/view.ts';
import { unpackSpans, type WireSpanDelta } from './liveProtocol.ts';

export interface SpanAcc {
  /** The run's rare spans, sorted by t0, and the longest of them (ns). */
  rare: readonly Span[];
  rareMaxDur: number;
  /** How far behind the moment the timeline shows rare spans (ns). */
  windowNs: number;
  /** Per-I/O spans held (closed ones). */
  detail: readonly Span[];
}

export function emptySpans(windowNs = 0): SpanAcc {
  return { rare: [], rareMaxDur: 0, windowNs, detail: [] };
}

/** A new set of rare spans for the whole simulated run. */
export function withRare(acc: SpanAcc, spans: readonly Span[]): SpanAcc {
  const rare = spans.slice().sort((a, b) => a.t0 - b.t0);
  let rareMaxDur = 0;
  for (const x of rare) rareMaxDur = Math.max(rareMaxDur, x.t1 - x.t0);
  return { ...acc, rare, rareMaxDur };
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

export interface SpanView {
  spans: Span[];
  spanWindow: [number, number];
  detailFrom: number;
}

/** A view's span delta applied at moment t: the new accumulator and what the timeline shows. */
export function applySpanDelta(acc: SpanAcc, d: WireSpanDelta, t: number): { acc: SpanAcc; shown: SpanView } {
  const from = d.window[0];
  // The worker keeps the spans that end at or after its window's start; so does the page.
  const add = unpackSpans(d.add);
  const detail = d.reset ? add : acc.detail.concat(add).filter((x) => x.t1 >= from);
  const w0 = Math.max(0, t - acc.windowNs);
  // Where the timeline's axis starts (issue 18): the earliest recorded span, not the recorder's
  // window start, which depends on how the worker got to this moment (a step back replays from a
  // checkpoint): the same spans must give the same picture.
  let first = Infinity;
  for (const x of detail) if (x.t0 < first) first = x.t0;
  for (const x of d.open) if (x.t0 < first) first = x.t0;
  return {
    acc: { ...acc, detail },
    shown: { spans: rareInWindow(acc.rare, w0, t, acc.rareMaxDur).concat(detail, d.open), spanWindow: [w0, t], detailFrom: first === Infinity ? t : first },
  };
}
