// Geometry of the allocator panel's two canvases: the magazine heat grid (one column per CPU, two
// rows — loaded and prev — per size class, so 128 or 256 CPUs become narrow columns rather than
// illegible rows) and the address-space strip (one row per place a live range can be).

export const CLASSES = 6;

export interface HeatLayout {
  width: number;
  height: number;
  /** Left gutter for row labels. */
  x: number;
  /** Top of the first row (column labels above). */
  y: number;
  cellW: number;
  rowH: number;
  classGap: number;
  cpus: number;
  /** Label every k-th CPU column (labels ≥ 26 px apart). */
  labelEvery: number;
}

export function heatLayout(width: number, cpus: number): HeatLayout {
  const x = 116;
  const cellW = Math.max(2, Math.min(40, Math.floor((width - x - 8) / Math.max(1, cpus))));
  const rowH = 11;
  const classGap = 4;
  let labelEvery = 1;
  while (labelEvery * cellW < 26) labelEvery *= 2;
  const y = 16;
  return { width, height: y + CLASSES * 2 * rowH + (CLASSES - 1) * classGap + 2, x, y, cellW, rowH, classGap, cpus, labelEvery };
}

/** Top of the row for (cls, prev). */
export function heatRowY(L: HeatLayout, cls: number, prev: boolean): number {
  return L.y + cls * (2 * L.rowH + L.classGap) + (prev ? L.rowH : 0);
}

/** The cell under (px, py): CPU, class and which magazine; null elsewhere. */
export function heatAt(L: HeatLayout, px: number, py: number): { cpu: number; cls: number; prev: boolean } | null {
  const cpu = Math.floor((px - L.x) / L.cellW);
  if (px < L.x || cpu >= L.cpus) return null;
  const band = 2 * L.rowH + L.classGap;
  const rel = py - L.y;
  if (rel < 0) return null;
  const cls = Math.floor(rel / band);
  const within = rel - cls * band;
  if (cls >= CLASSES || within >= 2 * L.rowH) return null;
  return { cpu, cls, prev: within >= L.rowH };
}

export interface StripLayout {
  width: number;
  height: number;
  x: number;
  y: number;
  w: number;
  rowH: number;
}

/** Four rows (mapped, in a flush queue, in a CPU cache or the depot, other) under a title line. */
export function stripLayout(width: number): StripLayout {
  const x = 116;
  const y = 18;
  const rowH = 13;
  return { width, height: y + 4 * rowH + 20, x, y, w: Math.max(10, width - x - 8), rowH };
}

/** Pixel extent of [lo, hi] on a strip spanning [min, max]: at least 1 px wide. */
export function stripX(S: StripLayout, min: number, max: number, lo: number, hi: number): [number, number] {
  const k = S.w / Math.max(1, max - min + 1);
  const a = S.x + (lo - min) * k;
  const b = S.x + (hi + 1 - min) * k;
  return [a, Math.max(a + 1, b)];
}

/** Lowest and highest pfn in a flat [lo, hi, lo, hi, ...] range list (pfn order is not assumed). */
export function rangeExtent(r: Float64Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i + 1 < r.length; i += 2) {
    if (r[i] < lo) lo = r[i];
    if (r[i + 1] > hi) hi = r[i + 1];
  }
  return lo <= hi ? [lo, hi] : [0, 0];
}
