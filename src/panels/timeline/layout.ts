// Geometry of the flush-cycles timeline: an overview strip (the whole span window, with the
// brush), then one lane per CPU over the zoomed time range, then the time axis. A lane has three
// rows — work (unmap/map), flush (flushes and the timeout callback), locks (spinning) — when it is
// at least 12 px tall; thinner lanes (many CPUs) draw everything in one row, and the focused CPU is
// pinned above them at full height, so 128 or 256 CPUs stay readable.

export interface LaneBand {
  y: number;
  laneH: number;
  /** 3: work / flush / locks rows; 1: one row, flushes painted on top. */
  rows: 1 | 3;
}

export interface TimelineLayout {
  width: number;
  height: number;
  /** Left gutter for lane labels; the plot spans [gutter, width - right]. */
  gutter: number;
  right: number;
  overview: { y: number; h: number };
  /** The focused CPU drawn large above thin lanes; null when every lane is tall already. */
  pinned: (LaneBand & { cpu: number }) | null;
  lanes: LaneBand & { n: number };
  /** Baseline of the time axis. */
  axisY: number;
  /** Draw a lane label every `labelEvery` lanes (≥ 12 px apart). */
  labelEvery: number;
}

export const ROWS_MIN_LANE = 12;
const MAX_LANE = 18;
const MAX_LANES_H = 400;

export function timelineLayout(width: number, cpus: number, focus: number): TimelineLayout {
  const gutter = 66;
  const right = 8;
  const overview = { y: 0, h: 30 };
  const laneH = Math.max(1, Math.min(MAX_LANE, Math.floor(MAX_LANES_H / Math.max(1, cpus))));
  const rows: 1 | 3 = laneH >= ROWS_MIN_LANE ? 3 : 1;
  let y = overview.y + overview.h + 10;
  let pinned: TimelineLayout['pinned'] = null;
  if (rows === 1) {
    pinned = { y, laneH: 36, rows: 3, cpu: Math.min(Math.max(0, focus), cpus - 1) };
    y += 36 + 10;
  }
  const lanes = { y, laneH, rows, n: cpus };
  y += laneH * cpus;
  let labelEvery = 1;
  while (labelEvery * laneH < 12) labelEvery *= 2;
  return { width, height: y + 26, gutter, right, overview, pinned, lanes, axisY: y + 2, labelEvery };
}

/** The row (0 work, 1 flush, 2 locks) a span kind is drawn in, in a 3-row lane. */
export function rowOf(kind: string): number {
  if (kind === 'unmap' || kind === 'map') return 0;
  if (kind === 'ring_lock_wait' || kind === 'rbtree_lock_wait') return 2;
  return 1;
}

/** y and height of a kind's bar in a lane whose top is `top`. */
export function barBox(band: LaneBand, top: number, kind: string): [number, number] {
  if (band.rows === 1) return [top, Math.max(1, band.laneH - (band.laneH >= 4 ? 1 : 0))];
  const rh = band.laneH / 3;
  const r = rowOf(kind);
  return [top + r * rh + 0.5, Math.max(1, rh - 1)];
}

/** What is at pointer y: a lane (CPU) and, in a 3-row lane, its row; null off the lanes. */
export function laneAt(L: TimelineLayout, y: number): { cpu: number; row: number } | null {
  const p = L.pinned;
  if (p && y >= p.y && y < p.y + p.laneH) return { cpu: p.cpu, row: Math.floor((y - p.y) / (p.laneH / 3)) };
  const b = L.lanes;
  if (y < b.y || y >= b.y + b.laneH * b.n) return null;
  const cpu = Math.floor((y - b.y) / b.laneH);
  return { cpu, row: b.rows === 3 ? Math.floor((y - b.y - cpu * b.laneH) / (b.laneH / 3)) : -1 };
}
