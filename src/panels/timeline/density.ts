// The dense layer of the timeline (unmaps, maps): at a 2 ms window on 64+ CPUs there are tens of
// thousands of short spans, many per pixel column. Instead of one rectangle each, every lane gets
// the fraction of each pixel column its spans cover, and that fraction becomes the opacity of the
// column in one image (what Perfetto does for dense tracks). Exact where spans are wider than a
// pixel, a busy-fraction shade where they are not, and one drawImage instead of 10^4 fillRects.

import type { Span } from '../../sim/view.ts';

/** A span shorter than a pixel still shows at least this much, so lone short spans stay visible. */
export const MIN_COVER = 0.35;

/**
 * Coverage per lane and pixel column, lanes × cols (row-major), of the spans `idx` clipped to
 * [t0, t1] mapped onto `cols` columns. Values are clamped to [0, 1].
 */
export function coverage(spans: readonly Span[], idx: readonly number[], t0: number, t1: number, cols: number, lanes: number, out?: Float32Array): Float32Array {
  const c = clearCoverage(cols, lanes, out);
  const k = cols / Math.max(1, t1 - t0);
  for (const i of idx) addCoverage(c, spans[i], t0, t1, k, cols, lanes);
  clampCoverage(c, cols * lanes);
  return c;
}

/** A zeroed lanes × cols buffer, reusing `out` when it is big enough. */
export function clearCoverage(cols: number, lanes: number, out?: Float32Array): Float32Array {
  const n = lanes * cols;
  const c = out && out.length >= n ? out : new Float32Array(n);
  c.fill(0, 0, n);
  return c;
}

/** Adds one span's coverage (k = columns per ns). */
export function addCoverage(c: Float32Array, s: Span, t0: number, t1: number, k: number, cols: number, lanes: number): void {
  if (s.t1 < t0 || s.t0 > t1 || s.cpu < 0 || s.cpu >= lanes) return;
  const a = (Math.max(s.t0, t0) - t0) * k;
  const b = (Math.min(s.t1, t1) - t0) * k;
  const base = s.cpu * cols;
  const j0 = Math.min(cols - 1, Math.floor(a));
  if (b - a < 1 && Math.floor(b) <= j0) {
    // inside one column
    c[base + j0] += Math.max(MIN_COVER, b - a);
    return;
  }
  const j1 = Math.min(cols - 1, Math.ceil(b) - 1);
  for (let j = j0; j <= j1; j++) c[base + j] += Math.min(b, j + 1) - Math.max(a, j);
}

export function clampCoverage(c: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) if (c[i] > 1) c[i] = 1;
}

/**
 * RGBA pixels (cols × rows) for the dense layer: lane `l` occupies rows [top(l), top(l) + h); the
 * first layer wins where it has coverage, the second fills the rest. Colours are [r, g, b]; the
 * opacity is the square root of the coverage.
 */
export function densityPixels(
  img: Uint8ClampedArray,
  cols: number,
  lanes: number,
  top: (lane: number) => number,
  h: number,
  first: Float32Array,
  firstRgb: readonly number[],
  second: Float32Array | null,
  secondRgb: readonly number[],
): void {
  img.fill(0);
  for (let l = 0; l < lanes; l++) {
    const y0 = top(l);
    const base = l * cols;
    for (let j = 0; j < cols; j++) {
      const f = first[base + j];
      const s = second ? second[base + j] : 0;
      if (f === 0 && s === 0) continue;
      const rgb = f > 0 ? firstRgb : secondRgb;
      // sqrt: a half-covered column reads as clearly busy, not as a faint tint
      const a = Math.round(Math.sqrt(f > 0 ? f : s) * 255);
      for (let y = y0; y < y0 + h; y++) {
        const p = (y * cols + j) * 4;
        img[p] = rgb[0];
        img[p + 1] = rgb[1];
        img[p + 2] = rgb[2];
        img[p + 3] = a;
      }
    }
  }
}

export function hexRgb(hex: string): [number, number, number] {
  return [parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16)];
}
