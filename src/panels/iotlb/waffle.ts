// The IOTLB as a waffle: one cell per translation the IOTLB can hold. The view carries counts
// (not which slot holds what), so cells are filled in a fixed order — stale first, then valid,
// then free — and the picture is a stacked proportion bar folded into a grid.

export const CELL_STALE = 2;
export const CELL_VALID = 1;
export const CELL_FREE = 0;

export interface WaffleLayout {
  cols: number;
  rows: number;
  cell: number;
  /** Gap between cells (0 when cells are tiny). */
  gap: number;
  width: number;
  height: number;
}

/**
 * The largest cell (≤ 14 px) with which `capacity` cells fit in width × maxHeight; columns are a
 * multiple of 8 (when there are that many) so rows are easy to count.
 */
export function waffleLayout(capacity: number, width: number, maxHeight: number): WaffleLayout {
  const n = Math.max(1, capacity);
  for (let cell = 14; cell >= 2; cell--) {
    let cols = Math.min(n, Math.floor(width / cell));
    if (cols >= 8) cols -= cols % 8;
    if (cols < 1) continue;
    const rows = Math.ceil(n / cols);
    if (rows * cell <= maxHeight || cell === 2) {
      const gap = cell >= 6 ? 1 : 0;
      return { cols, rows, cell, gap, width: cols * cell, height: rows * cell };
    }
  }
  return { cols: 1, rows: n, cell: 1, gap: 0, width: 1, height: n };
}

export function cellKind(i: number, stale: number, valid: number): number {
  if (i < stale) return CELL_STALE;
  if (i < stale + valid) return CELL_VALID;
  return CELL_FREE;
}
