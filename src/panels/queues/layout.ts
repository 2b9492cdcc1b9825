// Where the flush-queues panel puts things: the focused CPU's ring drawn large, and a grid of
// small rings, one per CPU, that stays legible from 2 to 256 CPUs. Pure, so it is tested and the
// canvas, the hit-testing and the labels all agree.

export interface GridLayout {
  x: number;
  y: number;
  cols: number;
  rows: number;
  /** Cell edge (square), CSS px. */
  cell: number;
  /** Width reserved left of the cells for row labels (first CPU of each row); 0 when cells carry their own "CPU n" label. */
  labelW: number;
  /** Cells are big enough to carry a "CPU n" label under the ring. */
  cellLabels: boolean;
  /** Cells are big enough for the queued count inside the ring. */
  counts: boolean;
  width: number;
  height: number;
}

/** Cells at least this big carry their own label; smaller grids label rows instead. */
export const LABEL_CELL = 46;
/** Bigger cells would only make the grid taller: 64 px already fits "CPU 255" and a 3-digit count. */
export const MAX_CELL = 64;
export const MIN_CELL = 12;
const ROW_LABEL_W = 32;

/**
 * The grid of n small rings in a box of width × maxHeight at (x, y). Column counts are powers of
 * two (or n itself), so "row start + column" reads as a CPU number; among those, the largest cell
 * wins, and on a tie the wider, shorter grid.
 */
export function gridLayout(n: number, x: number, y: number, width: number, maxHeight: number): GridLayout {
  const cands: number[] = [];
  for (let c = 1; c < n; c *= 2) cands.push(c);
  cands.push(n);
  let best: GridLayout | null = null;
  for (const labelled of [true, false]) {
    for (const cols of cands) {
      const labelW = labelled ? 0 : ROW_LABEL_W;
      const rows = Math.ceil(n / cols);
      const cell = Math.min(MAX_CELL, Math.floor((width - labelW) / cols), Math.floor(maxHeight / rows));
      if (labelled && cell < LABEL_CELL) continue;
      if (cell < MIN_CELL && best) continue;
      if (!best || cell > best.cell || (cell === best.cell && cols > best.cols)) {
        best = { x, y, cols, rows, cell, labelW, cellLabels: labelled, counts: cell >= 34, width: labelW + cols * cell, height: rows * cell };
      }
    }
    if (best) break;
  }
  return best!;
}

/** The CPU whose cell holds (px, py), or -1. */
export function cellAt(g: GridLayout, n: number, px: number, py: number): number {
  const cx = px - g.x - g.labelW;
  const cy = py - g.y;
  if (cx < 0 || cy < 0) return -1;
  const col = Math.floor(cx / g.cell);
  const row = Math.floor(cy / g.cell);
  if (col >= g.cols || row >= g.rows) return -1;
  const i = row * g.cols + col;
  return i < n ? i : -1;
}

/** Top-left corner of CPU i's cell. */
export function cellOrigin(g: GridLayout, i: number): [number, number] {
  return [g.x + g.labelW + (i % g.cols) * g.cell, g.y + Math.floor(i / g.cols) * g.cell];
}

export interface QueuesLayout {
  width: number;
  height: number;
  /** The large ring's box (square). */
  focus: { x: number; y: number; d: number };
  /** Per-CPU grid; null for the single queue. */
  grid: GridLayout | null;
  /** Single queue: a raster of every slot (row-major, `cols` slots per row); null otherwise. */
  raster: { x: number; y: number; cols: number; rows: number; cell: number } | null;
}

const GAP = 18;

/**
 * Narrower bodies stack the grid under the ring; wider ones (half of a 1280 px page) put it beside,
 * so the panel fits a 1280×720 first screen (issue 18). The single queue's raster needs more width
 * beside the ring to keep 2 px slots.
 */
export const STACK_BELOW = 540;
const STACK_BELOW_SINGLE = 640;

export function queuesLayout(width: number, nrings: number, size: number): QueuesLayout {
  const stacked = width < (nrings === 1 ? STACK_BELOW_SINGLE : STACK_BELOW);
  const d = Math.max(200, Math.min(300, Math.round(stacked ? Math.min(width, 300) : width * 0.36)));
  const focus = { x: stacked ? Math.max(0, Math.floor((width - d) / 2)) : 0, y: 0, d };
  const bx = stacked ? 0 : d + GAP;
  const by = stacked ? d + GAP : 0;
  const bw = width - bx;
  if (nrings === 1) {
    // 256 slots per raster row keeps the row index readable as "slot / 256".
    const cols = Math.min(256, size);
    const rows = Math.ceil(size / cols);
    const labelW = 48; // slot numbers of every 32nd row
    const cell = Math.max(1, Math.min(3, Math.floor((bw - labelW) / cols), Math.floor(Math.max(d, 260) / rows)));
    const raster = { x: bx + labelW, y: by + 20, cols, rows, cell };
    const h = Math.max(stacked ? 0 : d, by + 20 + rows * cell);
    return { width, height: h, focus, grid: null, raster };
  }
  const maxH = stacked ? 420 : Math.max(d, 390);
  const grid = gridLayout(nrings, bx, by, bw, maxH);
  return { width, height: Math.max(stacked ? 0 : d, by + grid.height), focus, grid, raster: null };
}

/** Row labels to draw for a grid without per-cell labels: every row, or every k-th row so labels keep ≥ 12 px apart. */
export function rowLabelStep(cell: number): number {
  return Math.max(1, Math.ceil(12 / cell));
}
