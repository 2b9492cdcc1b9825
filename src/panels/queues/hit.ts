// Where each ring of the flush-queues panel sits, and what is under the pointer: a slot of the
// large ring or of the single queue's raster (hover shows its entry), or a small ring (hover shows
// the ring, click focuses that CPU).

import type { LabView } from '../../sim/view.ts';
import { ringGeom, slotAt, type RingGeom } from './geometry.ts';
import { cellAt, cellOrigin, type GridLayout, type QueuesLayout } from './layout.ts';

export interface Hover {
  ring: number;
  /** Slot under the pointer in the large ring or the raster; -1 for a whole small ring. */
  slot: number;
}

/** The large ring: room outside it for the head / tail markers. */
export function focusGeom(L: QueuesLayout, size: number): RingGeom {
  const d = L.focus.d;
  return ringGeom(L.focus.x + d / 2, L.focus.y + d / 2, d / 2 - 24, size, 0.2, 14);
}

/** CPU i's small ring, above its label when the cell carries one. */
export function miniGeom(g: GridLayout, i: number, size: number): RingGeom {
  const [x, y] = cellOrigin(g, i);
  const h = g.cellLabels ? g.cell - 14 : g.cell;
  const r1 = Math.max(3, h / 2 - 3);
  return ringGeom(x + g.cell / 2, y + h / 2, r1, size, 0.3, 2.5);
}

/** The ring drawn large: the focused CPU's, or the single queue. */
export function shownRing(v: LabView, focus: number): number {
  return v.nrings === 1 ? 0 : Math.min(Math.max(0, focus), v.nrings - 1);
}

export function hitQueues(v: LabView, L: QueuesLayout, focus: number, x: number, y: number): Hover | null {
  const s = slotAt(focusGeom(L, v.fqSize), x, y);
  if (s >= 0) return { ring: shownRing(v, focus), slot: s };
  if (L.grid) {
    const c = cellAt(L.grid, v.nrings, x, y);
    if (c >= 0) return { ring: c, slot: -1 };
  }
  if (L.raster) {
    const R = L.raster;
    const col = Math.floor((x - R.x) / R.cell);
    const row = Math.floor((y - R.y) / R.cell);
    if (col >= 0 && col < R.cols && row >= 0 && row < R.rows && row * R.cols + col < v.fqSize) return { ring: 0, slot: row * R.cols + col };
  }
  return null;
}
