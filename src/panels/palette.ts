// Colours and marks shared by the panels. Hues follow the Okabe–Ito palette (distinguishable with
// the common colour-vision deficiencies), and every pair of categories a reader must tell apart
// also differs by something other than hue: a pattern (hatch, dots, cross), a shape (triangle,
// outline) or a position (its own row). Legends draw the same marks as the canvases (Swatch.tsx).

export const INK = '#1b1b1b';
export const MUTED = '#5a5a5a';
export const GRID = '#e2e2e2';
export const TRACK = '#e4e4e4';
export const FOCUS = '#1f5fa8';

export const COLOR = {
  // flush-queue entries (panel 1)
  waiting: '#c65200',
  covered: '#0a64a4',
  coveredBg: '#d5e6f4',
  // timeline spans (panel 2)
  unmap: '#7d7d7d',
  map: '#c2c2c2',
  flushFull: '#d98a00',
  flushTimeout: '#a2407e',
  flushTimeoutBg: '#f1dbe9',
  timeout: '#56b4e9',
  timeoutBg: '#dff0fb',
  ringLock: '#007a5a',
  rbtreeLock: '#1b1b1b',
  rbtreeLockBg: '#f2e35a',
  timer: '#1b1b1b',
  // throughput (panel 3)
  iops: '#1f5fa8',
  iopsFill: '#dbe7f5',
  owner: '#007a5a',
  timerCpu: '#a2407e',
  depot: '#7a5a00',
  mags: '#c65200',
  intervention: '#1b1b1b',
  cliff: '#b5232f',
  cursor: '#b5232f',
  // IOTLB (panel 4)
  valid: '#5b8fc7',
  stale: '#b5232f',
  staleBg: '#f6d5d8',
  // allocator (panel 5)
  live: ['#1b1b1b', '#c65200', '#0a64a4', '#9a9a9a'] as const,
} as const;

/** How one legend entry (and the canvas mark it explains) looks. */
export type Mark =
  | { type: 'solid'; color: string }
  | { type: 'hatch'; color: string; bg: string }
  | { type: 'dots'; color: string; bg: string }
  | { type: 'cross'; color: string; bg: string }
  | { type: 'outline'; color: string; fill: string }
  | { type: 'line'; color: string; dash?: readonly number[]; width?: number }
  | { type: 'tri-down' | 'tri-up'; color: string }
  | { type: 'ramp'; stops: readonly string[] }
  | { type: 'track'; color: string };

export type PatternKind = 'hatch' | 'dots' | 'cross';

/** Edge of a pattern tile in CSS px; canvas patterns and SVG <pattern>s use the same tile. */
export const TILE = 6;

/**
 * Primitives of one pattern tile, in tile coordinates (0..TILE): lines as [x1, y1, x2, y2] and
 * dots as [cx, cy, r]. Diagonal lines are drawn past the tile's corners so tiles join seamlessly.
 */
export function tileShapes(kind: PatternKind): { lines: number[][]; dots: number[][]; width: number } {
  const s = TILE;
  if (kind === 'hatch') {
    return {
      lines: [
        [-1, s + 1, s + 1, -1],
        [-1, 1, 1, -1],
        [s - 1, s + 1, s + 1, s - 1],
      ],
      dots: [],
      width: 1.6,
    };
  }
  if (kind === 'cross') {
    return {
      lines: [
        [-1, s + 1, s + 1, -1],
        [-1, -1, s + 1, s + 1],
      ],
      dots: [],
      width: 1.2,
    };
  }
  return { lines: [], dots: [[s / 2, s / 2, 1.4]], width: 0 };
}

/** Heat ramp for magazine fill (panel 5): white → dark blue, monotone in lightness. */
export const HEAT_STOPS = ['#ffffff', '#cfe1f2', '#93c4de', '#4a98c9', '#1764ab', '#08306b'] as const;

/** The heat colour of a fill fraction 0..1 (linear between HEAT_STOPS; 0 is exactly white). */
export function heatColor(f: number): string {
  const x = Math.min(1, Math.max(0, f)) * (HEAT_STOPS.length - 1);
  const i = Math.min(HEAT_STOPS.length - 2, Math.floor(x));
  return mixHex(HEAT_STOPS[i], HEAT_STOPS[i + 1], x - i);
}

/** Linear mix of two #rrggbb colours; a = 0 gives `from`. */
const hexByte = (h: string, o: number) => parseInt(h.slice(o, o + 2), 16);

export function mixHex(from: string, to: string, a: number): string {
  const c = (o: number) => Math.round(hexByte(from, o) + (hexByte(to, o) - hexByte(from, o)) * a);
  return `#${[c(1), c(3), c(5)].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/** Relative luminance (WCAG) of a #rrggbb colour: used to pick dark or light text on a fill. */
export function luminance(hex: string): number {
  const ch = (o: number) => {
    const v = parseInt(hex.slice(o, o + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * ch(1) + 0.7152 * ch(3) + 0.0722 * ch(5);
}

/**
 * A/B compare (issue 16): run A in the throughput blue, run B in the flush-queue orange (two hues
 * of the palette far apart for the common colour-vision deficiencies); B's line is also dashed, so
 * the two never differ by hue alone. B − A is drawn in ink.
 */
export const COMPARE = { a: COLOR.iops, b: COLOR.waiting, bDash: [5, 3] as readonly number[], delta: INK } as const;
