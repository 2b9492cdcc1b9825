// Canvas drawing of the flush-cycles timeline (Perfetto-style CPU tracks): the overview strip of
// the whole window, the pinned focused lane (many CPUs), one lane per CPU, and the current-time
// cursor. Kinds differ by row and by fill: flushes on a full ring solid, flushes by the timeout
// hatched, the timeout callback an outlined box, ring-lock waits solid green, rbtree-lock waits
// dotted, timer arm / fire as hollow / filled triangles.

import type { Span, SpanKind } from '../../sim/view.ts';
import { pattern } from '../canvas.ts';
import { COLOR, FOCUS, INK } from '../palette.ts';
import { barBox, type LaneBand, type TimelineLayout } from './layout.ts';
import { addCoverage, clampCoverage, clearCoverage, densityPixels, hexRgb } from './density.ts';
import { PAINT_ORDER, pixelRuns } from './spans.ts';

/** Flush and timeout spans are drawn at least this wide (px). */
const MIN_MARK_W = 3;
const MARK_KINDS: ReadonlySet<SpanKind> = new Set<SpanKind>(['flush_full', 'flush_timeout', 'timeout']);

type Fill = string | CanvasPattern;

function fills(ctx: CanvasRenderingContext2D, oneRow: boolean): Record<SpanKind, { fill: Fill; stroke?: string }> {
  return {
    map: { fill: COLOR.map },
    unmap: { fill: oneRow ? '#bdbdbd' : COLOR.unmap },
    timeout: { fill: COLOR.timeoutBg, stroke: COLOR.timeout },
    ring_lock_wait: { fill: COLOR.ringLock },
    rbtree_lock_wait: { fill: pattern(ctx, 'dots', COLOR.rbtreeLock, COLOR.rbtreeLockBg) },
    flush_full: { fill: COLOR.flushFull },
    flush_timeout: { fill: pattern(ctx, 'hatch', COLOR.flushTimeout, COLOR.flushTimeoutBg), stroke: COLOR.flushTimeout },
    timer_arm: { fill: '#fff', stroke: INK },
    timer_fire: { fill: INK },
  };
}

function triangle(ctx: CanvasRenderingContext2D, x: number, y: number, s: number, down: boolean): void {
  ctx.beginPath();
  if (down) {
    ctx.moveTo(x - s, y);
    ctx.lineTo(x + s, y);
    ctx.lineTo(x, y + s * 1.6);
  } else {
    ctx.moveTo(x - s, y + s * 1.6);
    ctx.lineTo(x + s, y + s * 1.6);
    ctx.lineTo(x, y);
  }
  ctx.closePath();
}

interface Scratch {
  canvas: HTMLCanvasElement;
  img: ImageData | null;
  unmap: Float32Array;
  map: Float32Array;
}
const scratch = new WeakMap<CanvasRenderingContext2D, Scratch>();

function scratchOf(ctx: CanvasRenderingContext2D): Scratch {
  let sc = scratch.get(ctx);
  if (!sc) scratch.set(ctx, (sc = { canvas: document.createElement('canvas'), img: null, unmap: new Float32Array(0), map: new Float32Array(0) }));
  return sc;
}

/** Indices of the sparse kinds (everything but unmap / map), all lanes and the pinned lane's. */
interface Sorted {
  kinds: Map<SpanKind, number[]>;
  pinned: Map<SpanKind, number[]>;
  hasMap: boolean;
}

/**
 * One pass over the spans: unmaps and maps of the zoomed range go straight into the coverage
 * buffers of the dense layer; other kinds are listed per kind, for all lanes and for the pinned one.
 */
function sortSpans(spans: readonly Span[], range: readonly [number, number], cols: number, lanes: number, pinned: number, sc: Scratch): Sorted {
  const kinds = new Map<SpanKind, number[]>();
  const pin = new Map<SpanKind, number[]>();
  sc.unmap = clearCoverage(cols, lanes, sc.unmap);
  sc.map = clearCoverage(cols, lanes, sc.map);
  const k = cols / Math.max(1, range[1] - range[0]);
  let hasMap = false;
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i];
    if (s.t1 < range[0] || s.t0 > range[1]) continue;
    const dense = s.kind === 'unmap' || s.kind === 'map';
    if (dense) {
      if (s.kind === 'map') hasMap = true;
      addCoverage(s.kind === 'unmap' ? sc.unmap : sc.map, s, range[0], range[1], k, cols, lanes);
    } else {
      let a = kinds.get(s.kind);
      if (!a) kinds.set(s.kind, (a = []));
      a.push(i);
    }
    if (s.cpu === pinned) {
      let a = pin.get(s.kind);
      if (!a) pin.set(s.kind, (a = []));
      a.push(i);
    }
  }
  clampCoverage(sc.unmap, cols * lanes);
  clampCoverage(sc.map, cols * lanes);
  return { kinds, pinned: pin, hasMap };
}

function drawDense(ctx: CanvasRenderingContext2D, sc: Scratch, hasMap: boolean, band: LaneBand & { n: number }, x0: number, cols: number): void {
  const rows = band.n * band.laneH;
  const c = sc.canvas;
  if (c.width !== cols) c.width = cols;
  if (c.height !== rows) c.height = rows;
  const g = c.getContext('2d');
  if (!g) return;
  if (!sc.img || sc.img.width !== cols || sc.img.height !== rows) sc.img = g.createImageData(cols, rows);
  const oneRow = band.rows === 1;
  const h = oneRow ? Math.max(1, band.laneH - (band.laneH >= 4 ? 1 : 0)) : Math.max(1, Math.floor(band.laneH / 3) - 1);
  // In one-row lanes unmaps are the background texture: flushes and waits must stand out on them.
  const unRgb = hexRgb(oneRow ? '#bdbdbd' : COLOR.unmap);
  densityPixels(sc.img.data, cols, band.n, (l) => l * band.laneH + (oneRow ? 0 : 1), h, sc.unmap, unRgb, hasMap ? sc.map : null, hexRgb(COLOR.map));
  g.putImageData(sc.img, 0, 0);
  const smooth = ctx.imageSmoothingEnabled;
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(c, x0, band.y);
  ctx.imageSmoothingEnabled = smooth;
}

function drawBand(
  ctx: CanvasRenderingContext2D,
  spans: readonly Span[],
  kinds: Map<SpanKind, number[]>,
  band: LaneBand,
  laneTop: (cpu: number) => number,
  only: number,
  range: readonly [number, number],
  x0: number,
  x1: number,
  cpus: number,
): void {
  const style = fills(ctx, band.rows === 1);
  for (const kind of PAINT_ORDER) {
    const idx = kinds.get(kind);
    if (!idx) continue;
    const runs = pixelRuns(spans, idx, range[0], range[1], x0, x1, cpus);
    const st = style[kind];
    ctx.fillStyle = st.fill;
    // A flush or timeout callback of a few µs in a 12 ms window is under a pixel: drawn at least
    // MIN_MARK_W wide so it reads as a mark (issue 18), not a hairline.
    const minW = MARK_KINDS.has(kind) ? MIN_MARK_W : 0;
    for (let i = 0; i < runs.length; i += 3) {
      const c = runs[i];
      if (only >= 0 && c !== only) continue;
      const [y, h] = barBox(band, laneTop(c), kind);
      ctx.fillRect(runs[i + 1], y, Math.max(minW, runs[i + 2] - runs[i + 1]), h);
    }
    if (st.stroke && band.laneH >= 6) {
      ctx.strokeStyle = st.stroke;
      ctx.lineWidth = 1;
      for (let i = 0; i < runs.length; i += 3) {
        const c = runs[i];
        if (only >= 0 && c !== only) continue;
        if (runs[i + 2] - runs[i + 1] < 3) continue;
        const [y, h] = barBox(band, laneTop(c), kind);
        ctx.strokeRect(runs[i + 1] + 0.5, y + 0.5, runs[i + 2] - runs[i + 1] - 1, h - 1);
      }
    }
  }
  // timer arm (hollow, pointing down from the lane top) and fire (filled, pointing up)
  const k = (x1 - x0) / Math.max(1, range[1] - range[0]);
  const s = Math.max(2.5, Math.min(4.5, band.laneH / 3));
  ctx.lineWidth = 1.2;
  for (const kind of ['timer_arm', 'timer_fire'] as const) {
    for (const i of kinds.get(kind) ?? []) {
      const sp = spans[i];
      if (sp.t0 < range[0] || sp.t0 > range[1] || (only >= 0 && sp.cpu !== only)) continue;
      const x = x0 + (sp.t0 - range[0]) * k;
      const top = laneTop(sp.cpu);
      if (kind === 'timer_arm') {
        triangle(ctx, x, top, s, true);
        ctx.fillStyle = '#fff';
        ctx.strokeStyle = INK;
        ctx.fill();
        ctx.stroke();
      } else {
        triangle(ctx, x, top + band.laneH - s * 1.6, s, false);
        ctx.fillStyle = INK;
        ctx.fill();
      }
    }
  }
}

/** Sparse kinds over the whole window (when zoomed, for the overview). */
function sparseKinds(spans: readonly Span[], win: readonly [number, number]): Map<SpanKind, number[]> {
  const m = new Map<SpanKind, number[]>();
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i];
    if (s.kind === 'unmap' || s.kind === 'map' || s.t1 < win[0] || s.t0 > win[1]) continue;
    let a = m.get(s.kind);
    if (!a) m.set(s.kind, (a = []));
    a.push(i);
  }
  return m;
}


export interface TimelineFrame {
  spans: readonly Span[];
  /** The whole span window (overview) and the zoomed range (lanes). */
  win: readonly [number, number];
  range: readonly [number, number];
  cpus: number;
  focus: number;
  now: number;
}

export function drawTimeline(ctx: CanvasRenderingContext2D, L: TimelineLayout, f: TimelineFrame): void {
  const x0 = L.gutter;
  const x1 = L.width - L.right;
  const b = L.lanes;
  const cols = Math.max(1, Math.floor(x1 - x0));
  const sc = scratchOf(ctx);
  const sorted = sortSpans(f.spans, f.range, cols, b.n, L.pinned ? L.pinned.cpu : -1, sc);
  // The overview covers the whole window, not the zoomed range: its few kinds are listed apart.
  const kinds = f.range[0] === f.win[0] && f.range[1] === f.win[1] ? sorted.kinds : sparseKinds(f.spans, f.win);

  // Overview: all CPUs folded into one strip — unmaps below, flushes and timeouts above.
  const ov = L.overview;
  ctx.fillStyle = '#f3f4f6';
  ctx.fillRect(x0, ov.y, x1 - x0, ov.h);
  const fold = (kind: SpanKind, y: number, h: number, fill: Fill, range: readonly [number, number] = f.win) => {
    const idx = (range === f.win ? kinds : sorted.kinds).get(kind);
    if (!idx) return;
    const folded = idx.map((i) => ({ ...f.spans[i], cpu: 0 }));
    const runs = pixelRuns(folded, folded.map((_, i) => i), range[0], range[1], x0, x1, 1);
    ctx.fillStyle = fill;
    for (let i = 0; i < runs.length; i += 3) ctx.fillRect(runs[i + 1], y, runs[i + 2] - runs[i + 1], h);
  };
  fold('timeout', ov.y + 3, ov.h - 6, COLOR.timeout);
  fold('flush_full', ov.y + 3, ov.h - 6, COLOR.flushFull);
  fold('flush_timeout', ov.y + 3, ov.h - 6, COLOR.flushTimeout);

  // Lane backgrounds: every other lane (or block of 8 thin lanes) shaded, the focused lane tinted.
  const block = b.laneH >= 6 ? 1 : 8;
  ctx.fillStyle = '#f6f7f9';
  for (let c = 0; c < b.n; c += 2 * block) ctx.fillRect(x0, b.y + c * b.laneH, x1 - x0, Math.min(block, b.n - c) * b.laneH);
  if (f.focus >= 0 && f.focus < b.n) {
    ctx.fillStyle = '#e3ecf7';
    ctx.fillRect(x0, b.y + f.focus * b.laneH, x1 - x0, b.laneH);
  }
  // A flush invalidates the whole domain's IOTLB: while one is in flight, a faint band spans every
  // lane, so its effect on the other CPUs (they wait, or keep queueing) lines up under it.
  const top = L.pinned ? L.pinned.y : b.y;
  const bottom = b.y + b.n * b.laneH;
  ctx.globalAlpha = 0.16;
  fold('flush_full', top, bottom - top, COLOR.flushFull, f.range);
  ctx.globalAlpha = 0.22;
  fold('flush_timeout', top, bottom - top, COLOR.flushTimeout, f.range);
  ctx.globalAlpha = 1;
  if (L.pinned) {
    ctx.fillStyle = '#e3ecf7';
    ctx.fillRect(x0, L.pinned.y, x1 - x0, L.pinned.laneH);
    const p = L.pinned;
    drawBand(ctx, f.spans, sorted.pinned, p, () => p.y, p.cpu, f.range, x0, x1, f.cpus);
  }
  drawDense(ctx, sc, sorted.hasMap, b, x0, cols);
  drawBand(ctx, f.spans, sorted.kinds, b, (c) => b.y + c * b.laneH, -1, f.range, x0, x1, f.cpus);

  // Current-time cursor, in the overview and across the lanes.
  const cur = (lo: number, hi: number, y0: number, y1: number) => {
    if (f.now < lo || f.now > hi) return;
    const x = Math.round(x0 + ((f.now - lo) / Math.max(1, hi - lo)) * (x1 - x0)) + 0.5;
    ctx.strokeStyle = COLOR.cursor;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.moveTo(x, y0);
    ctx.lineTo(x, y1);
    ctx.stroke();
  };
  cur(f.win[0], f.win[1], ov.y, ov.y + ov.h);
  cur(f.range[0], f.range[1], L.pinned ? L.pinned.y : b.y, b.y + b.n * b.laneH);
  // Focused lane outline, so it is findable without the tint.
  if (f.focus >= 0 && f.focus < b.n && b.laneH >= 3) {
    ctx.strokeStyle = FOCUS;
    ctx.lineWidth = 1;
    ctx.strokeRect(x0 + 0.5, b.y + f.focus * b.laneH + 0.5, x1 - x0 - 1, b.laneH - 1);
  }
}
