// Spans → pixels for the timeline, and back (hover). Thousands of spans per lane collapse to a
// few rectangles once several fall into the same pixel column: marks are merged per lane and kind
// before they reach the canvas, so 128 CPUs × a 2 ms window stay cheap to draw.

import type { Span, SpanKind } from '../../sim/view.ts';
import { rowOf } from './layout.ts';

/** Paint order: later kinds are drawn on top (flushes above all in one-row lanes). */
export const PAINT_ORDER: readonly SpanKind[] = ['map', 'unmap', 'timeout', 'ring_lock_wait', 'rbtree_lock_wait', 'flush_full', 'flush_timeout'];
export const INSTANTS: readonly SpanKind[] = ['timer_arm', 'timer_fire'];

/** Span indices per kind (one pass). */
export function byKind(spans: readonly Span[]): Map<SpanKind, number[]> {
  const m = new Map<SpanKind, number[]>();
  for (let i = 0; i < spans.length; i++) {
    const k = spans[i].kind;
    let a = m.get(k);
    if (!a) m.set(k, (a = []));
    a.push(i);
  }
  return m;
}

/**
 * Pixel rectangles [cpu, x0, x1] for the spans `idx` of one kind, clipped to [t0, t1] mapped onto
 * [px0, px1]. Every span is at least 1 px wide; a span starting within a pixel of the previous
 * rectangle of the same lane extends it instead of adding one.
 */
export function pixelRuns(spans: readonly Span[], idx: readonly number[], t0: number, t1: number, px0: number, px1: number, lanes: number): number[] {
  const k = (px1 - px0) / Math.max(1, t1 - t0);
  const open0 = new Float64Array(lanes).fill(NaN);
  const open1 = new Float64Array(lanes);
  const out: number[] = [];
  for (const i of idx) {
    const s = spans[i];
    if (s.t1 < t0 || s.t0 > t1 || s.cpu < 0 || s.cpu >= lanes) continue;
    const a = Math.floor(px0 + (Math.max(s.t0, t0) - t0) * k);
    const b = Math.max(a + 1, Math.ceil(px0 + (Math.min(s.t1, t1) - t0) * k));
    const c = s.cpu;
    if (!Number.isNaN(open0[c]) && a <= open1[c] && b >= open0[c] - 1) {
      if (a < open0[c]) open0[c] = a;
      if (b > open1[c]) open1[c] = b;
      continue;
    }
    if (!Number.isNaN(open0[c])) out.push(c, open0[c], open1[c]);
    open0[c] = a;
    open1[c] = b;
  }
  for (let c = 0; c < lanes; c++) if (!Number.isNaN(open0[c])) out.push(c, open0[c], open1[c]);
  return out;
}

/** Spans of `cpu` (in `row`, or any row when row < 0) that cover t ± tol, longest first, at most `max`. */
export function spansAt(spans: readonly Span[], cpu: number, row: number, t: number, tol: number, max = 4): Span[] {
  const hits: Span[] = [];
  for (const s of spans) {
    if (s.cpu !== cpu || s.t0 > t + tol || s.t1 < t - tol) continue;
    if (row >= 0 && !INSTANTS.includes(s.kind) && rowOf(s.kind) !== row) continue;
    hits.push(s);
  }
  hits.sort((a, b) => b.t1 - b.t0 - (a.t1 - a.t0) || a.t0 - b.t0);
  return hits.slice(0, max);
}

/** The zoomed range: the brushed range clipped to the window, or the whole window. */
/**
 * The range the timeline shows before any zoom: from where the per-I/O spans are recorded
 * (`detailFrom`: they are kept for the last 1–3 ms of a busy run) to the moment. Issue 18: an axis
 * over the whole ~11 ms window left them in a sliver at its right end. The overview strip above
 * still covers the whole window, with its flushes and timeouts, to brush an earlier range.
 */
export function recordedWindow(win: readonly [number, number], detailFrom: number): [number, number] {
  const a = Math.max(win[0], detailFrom);
  return a < win[1] ? [a, win[1]] : [win[0], win[1]];
}

export function visibleRange(zoom: readonly [number, number] | null, win: readonly [number, number]): [number, number] {
  const w: [number, number] = win[1] > win[0] ? [win[0], win[1]] : [win[0], win[0] + 1];
  if (!zoom) return w;
  const a = Math.max(zoom[0], w[0]);
  const b = Math.min(zoom[1], w[1]);
  return b - a >= 1 ? [a, b] : w;
}

/** Decimals needed to tell ticks `stepNs` apart when printed in ms. */
export function msDecimals(stepNs: number): number {
  if (!(stepNs > 0)) return 0;
  return Math.max(0, Math.min(6, Math.ceil(-Math.log10(stepNs / 1e6) - 1e-9)));
}
