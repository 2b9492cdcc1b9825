// Canvas plumbing: a backing store sized for devicePixelRatio (crisp on HiDPI screens, the same
// CSS-pixel drawing code everywhere) and cached fill patterns. Drawing code works in CSS pixels.

import { TILE, tileShapes, type PatternKind } from './palette.ts';

export const FONT_FAMILY = '"DejaVu Sans", sans-serif';

/** A canvas font string in the page's self-hosted face. */
export function font(px: number, bold = false): string {
  return `${bold ? '700 ' : ''}${px}px ${FONT_FAMILY}`;
}

/** Backing-store size in device pixels for a CSS size (at least 1×1). */
export function backingSize(cssW: number, cssH: number, dpr: number): { w: number; h: number } {
  const r = dpr > 0 && Number.isFinite(dpr) ? dpr : 1;
  return { w: Math.max(1, Math.round(cssW * r)), h: Math.max(1, Math.round(cssH * r)) };
}

/**
 * Sizes the canvas for cssW × cssH CSS px at the current devicePixelRatio, resets the transform so
 * one unit is one CSS px, and clears it — or, given a `background` of the same backing size (a
 * StaticLayer's canvas), starts from a copy of it. Returns null when no 2D context is available.
 */
export function prepareCanvas(canvas: HTMLCanvasElement, cssW: number, cssH: number, background?: HTMLCanvasElement | null): CanvasRenderingContext2D | null {
  const dpr = window.devicePixelRatio || 1;
  const { w, h } = backingSize(cssW, cssH, dpr);
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  const sw = `${cssW}px`;
  const sh = `${cssH}px`;
  if (canvas.style.width !== sw) canvas.style.width = sw;
  if (canvas.style.height !== sh) canvas.style.height = sh;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  if (background && background.width === w && background.height === h) {
    // One copy instead of a clear and a redraw of what does not change.
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.globalCompositeOperation = 'copy';
    ctx.drawImage(background, 0, 0);
    ctx.globalCompositeOperation = 'source-over';
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  } else {
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, cssW, cssH);
  }
  return ctx;
}

/** The part of a panel's drawing that changes with its layout (and focus), not with playback. */
export interface StaticLayer {
  canvas: HTMLCanvasElement | null;
  key: readonly unknown[] | null;
}

export function staticLayer(): StaticLayer {
  return { canvas: null, key: null };
}

/**
 * The layer's canvas, redrawn by `draw` (in CSS px, on a cleared canvas) when `key` or the device
 * pixel ratio changed since the last call, or when `force` (e.g. the web fonts have loaded).
 */
export function updateStaticLayer(
  layer: StaticLayer,
  key: readonly unknown[],
  cssW: number,
  cssH: number,
  draw: (ctx: CanvasRenderingContext2D) => void,
  force = false,
): HTMLCanvasElement | null {
  const dpr = window.devicePixelRatio || 1;
  const full = [...key, cssW, cssH, dpr];
  const last = layer.key;
  if (!force && layer.canvas && last && last.length === full.length && full.every((x, i) => Object.is(x, last[i]))) return layer.canvas;
  layer.canvas ??= document.createElement('canvas');
  const ctx = prepareCanvas(layer.canvas, cssW, cssH);
  layer.key = full;
  if (!ctx) return null;
  draw(ctx);
  return layer.canvas;
}

const patternCache = new WeakMap<CanvasRenderingContext2D, Map<string, CanvasPattern>>();

/**
 * A repeating fill of `kind` in `fg` on `bg` (palette.ts tileShapes), rendered at device resolution
 * and cached per context. The pattern is anchored at the canvas origin, so it does not crawl as
 * marks move: the same view always gives the same pixels.
 */
export function pattern(ctx: CanvasRenderingContext2D, kind: PatternKind, fg: string, bg: string): CanvasPattern | string {
  const dpr = window.devicePixelRatio || 1;
  const key = `${kind}|${fg}|${bg}|${dpr}`;
  let m = patternCache.get(ctx);
  if (!m) patternCache.set(ctx, (m = new Map()));
  const hit = m.get(key);
  if (hit) return hit;
  const tile = document.createElement('canvas');
  tile.width = tile.height = Math.round(TILE * dpr);
  const t = tile.getContext('2d');
  if (!t) return fg;
  t.scale(dpr, dpr);
  t.fillStyle = bg;
  t.fillRect(0, 0, TILE, TILE);
  const s = tileShapes(kind);
  t.strokeStyle = fg;
  t.fillStyle = fg;
  t.lineWidth = s.width;
  t.lineCap = 'square';
  for (const [x1, y1, x2, y2] of s.lines) {
    t.beginPath();
    t.moveTo(x1, y1);
    t.lineTo(x2, y2);
    t.stroke();
  }
  for (const [cx, cy, r] of s.dots) {
    t.beginPath();
    t.arc(cx, cy, r, 0, Math.PI * 2);
    t.fill();
  }
  const p = ctx.createPattern(tile, 'repeat');
  if (!p) return fg;
  p.setTransform(new DOMMatrix().scale(1 / dpr, 1 / dpr));
  m.set(key, p);
  return p;
}
