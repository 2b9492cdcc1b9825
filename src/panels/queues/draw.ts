// Canvas drawing of the flush-queues panel: the focused ring large (every slot, head and tail
// marks, numbers in the middle), a grid of small rings for all CPUs, or for the v6.7+ single queue
// a raster of all its slots. Slot states differ by more than hue: waiting entries are solid dark,
// covered ones hatched and lighter, free slots a pale track.

import { PHASE_NAMES } from '../../sim/phases.ts';
import { SLOT_COVERED, SLOT_WAITING, type LabView } from '../../sim/view.ts';
import { font, pattern } from '../canvas.ts';
import { fmtInt } from '../format.ts';
import { COLOR, FOCUS, INK, MUTED, TRACK } from '../palette.ts';
import { slotAngle, slotPoint, type RingGeom } from './geometry.ts';
import { focusGeom, miniGeom, type Hover } from './hit.ts';
import { cellOrigin, rowLabelStep, type GridLayout, type QueuesLayout } from './layout.ts';
import { queued, slotRuns } from './runs.ts';

/** Raster colours: three clearly different lightness levels (also readable in greyscale). */
const RASTER_COVERED = '#8fbde3';

function sector(ctx: CanvasRenderingContext2D, g: RingGeom, start: number, len: number): void {
  const a0 = slotAngle(start, g.size);
  const a1 = slotAngle(start + len, g.size);
  ctx.moveTo(g.cx + g.r1 * Math.cos(a0), g.cy + g.r1 * Math.sin(a0));
  ctx.arc(g.cx, g.cy, g.r1, a0, a1);
  ctx.arc(g.cx, g.cy, g.r0, a1, a0, true);
  ctx.closePath();
}

function annulus(ctx: CanvasRenderingContext2D, g: RingGeom): void {
  ctx.moveTo(g.cx + g.r1, g.cy);
  ctx.arc(g.cx, g.cy, g.r1, 0, Math.PI * 2);
  ctx.moveTo(g.cx + g.r0, g.cy);
  ctx.arc(g.cx, g.cy, g.r0, Math.PI * 2, 0, true);
}

/**
 * What a draw paints: the static layer (tracks, dials, labels, the focus box: it changes with the
 * layout and the focus only, so the panel keeps it in a canvas of its own and copies it in), the
 * dynamic one (entries, heads and tails, numbers, hover), or both.
 */
export type QueuesLayer = 'static' | 'dynamic' | 'all';

/** The rings' free tracks, all in one path. */
function drawTracks(ctx: CanvasRenderingContext2D, rings: readonly { g: RingGeom }[]): void {
  ctx.beginPath();
  for (const { g } of rings) annulus(ctx, g);
  ctx.fillStyle = TRACK;
  ctx.fill();
}

/** All covered sectors in one path, then all waiting sectors in one path (over the tracks). */
function drawRings(ctx: CanvasRenderingContext2D, v: LabView, rings: readonly { ring: number; g: RingGeom }[]): void {
  const covered = new Path2D();
  const waiting = new Path2D();
  for (const { ring, g } of rings) {
    const runs = slotRuns(v.slotState, ring * v.fqSize, v.fqSize);
    for (let k = 0; k < runs.length; k += 3) {
      const p = runs[k + 2] === SLOT_COVERED ? covered : waiting;
      const a0 = slotAngle(runs[k], g.size);
      const a1 = slotAngle(runs[k] + runs[k + 1], g.size);
      p.moveTo(g.cx + g.r1 * Math.cos(a0), g.cy + g.r1 * Math.sin(a0));
      p.arc(g.cx, g.cy, g.r1, a0, a1);
      p.arc(g.cx, g.cy, g.r0, a1, a0, true);
      p.closePath();
    }
  }
  ctx.fillStyle = pattern(ctx, 'hatch', COLOR.covered, COLOR.coveredBg);
  // oxlint-disable-next-line unicorn/no-array-fill-with-reference-type -- CanvasRenderingContext2D.fill(Path2D), not Array.fill
  ctx.fill(covered);
  ctx.fillStyle = COLOR.waiting;
  // oxlint-disable-next-line unicorn/no-array-fill-with-reference-type -- CanvasRenderingContext2D.fill(Path2D)
  ctx.fill(waiting);
}

function marker(ctx: CanvasRenderingContext2D, g: RingGeom, idx: number, r: number, label: string, filled: boolean): void {
  const a = slotAngle(idx, g.size);
  const [tx, ty] = slotPoint(g, idx, r);
  const ux = Math.cos(a);
  const uy = Math.sin(a);
  // a triangle pointing at the ring, 9 px long
  ctx.beginPath();
  ctx.moveTo(tx, ty);
  ctx.lineTo(tx + 9 * ux - 5 * uy, ty + 9 * uy + 5 * ux);
  ctx.lineTo(tx + 9 * ux + 5 * uy, ty + 9 * uy - 5 * ux);
  ctx.closePath();
  ctx.fillStyle = filled ? INK : '#fff';
  ctx.strokeStyle = INK;
  ctx.lineWidth = 1.5;
  ctx.fill();
  ctx.stroke();
  ctx.fillStyle = INK;
  ctx.font = font(11, true);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(label, tx + 17 * ux, ty + 17 * uy);
}

function drawFocus(ctx: CanvasRenderingContext2D, v: LabView, L: QueuesLayout, ring: number, hover: Hover | null, layer: QueuesLayer): void {
  const g = focusGeom(L, v.fqSize);
  if (layer !== 'dynamic') {
    drawTracks(ctx, [{ g }]);
    drawDial(ctx, v, g);
  }
  if (layer === 'static') return;
  drawRings(ctx, v, [{ ring, g }]);
  if (hover && hover.ring === ring && hover.slot >= 0) {
    ctx.beginPath();
    sector(ctx, g, hover.slot, 1);
    ctx.strokeStyle = INK;
    ctx.lineWidth = 2;
    ctx.stroke();
  }
  drawFocusMarks(ctx, v, g, ring);
}

function drawDial(ctx: CanvasRenderingContext2D, v: LabView, g: RingGeom): void {
  // A dial just inside the band: a tick every 1/32 of the ring, longer at the quarters, so positions
  // can be read off (the exact head and tail are in the middle). Lines across the band would look
  // like the covered hatch, so the band itself stays plain.
  ctx.beginPath();
  for (let k = 0; k < 32; k++) {
    const a = slotAngle((k * v.fqSize) / 32, v.fqSize);
    const len = k % 8 === 0 ? 6 : 3;
    ctx.moveTo(g.cx + (g.r0 - 1) * Math.cos(a), g.cy + (g.r0 - 1) * Math.sin(a));
    ctx.lineTo(g.cx + (g.r0 - 1 - len) * Math.cos(a), g.cy + (g.r0 - 1 - len) * Math.sin(a));
  }
  ctx.strokeStyle = MUTED;
  ctx.lineWidth = 1;
  ctx.stroke();
}

/** Head and tail marks and the numbers in the middle of the focused ring. */
function drawFocusMarks(ctx: CanvasRenderingContext2D, v: LabView, g: RingGeom, ring: number): void {
  const head = v.ringHead[ring];
  const tail = v.ringTail[ring];
  if (head === tail) marker(ctx, g, head, g.r1 + 1, 'H=T', true);
  else {
    // Keep the two labels apart when head and tail are close on the dial.
    const circ = 2 * Math.PI * g.r1;
    const gap = (Math.min((tail - head + v.fqSize) % v.fqSize, (head - tail + v.fqSize) % v.fqSize) / v.fqSize) * circ;
    marker(ctx, g, head, g.r1 + 1, 'H', true);
    marker(ctx, g, tail, g.r1 + 1 + (gap < 22 ? 14 : 0), 'T', false);
  }
  // Numbers in the middle.
  const n = queued(head, tail, v.fqSize);
  const lines: [string, string, string][] = [
    [v.nrings === 1 ? 'single queue' : `CPU ${ring}`, font(13, true), INK],
    [`${fmtInt(n)} / ${fmtInt(v.fqSize - 1)} queued`, font(12), INK],
    [`head ${head} · tail ${tail}`, font(11), MUTED],
  ];
  if (v.nrings > 1) lines.push([PHASE_NAMES[v.cpuPhase[ring]] ?? '', font(10), MUTED]);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  const lh = 16;
  let y = g.cy - ((lines.length - 1) * lh) / 2;
  for (const [text, f, c] of lines) {
    ctx.font = f;
    ctx.fillStyle = c;
    ctx.fillText(text, g.cx, y, g.r0 * 2 - 8);
    y += lh;
  }
}

function drawGrid(ctx: CanvasRenderingContext2D, v: LabView, G: GridLayout, focus: number, hoverRing: number, layer: QueuesLayer): void {
  const rings = Array.from({ length: v.nrings }, (_, i) => ({ ring: i, g: miniGeom(G, i, v.fqSize) }));
  const box = (i: number, color: string, w: number) => {
    const [x, y] = cellOrigin(G, i);
    ctx.strokeStyle = color;
    ctx.lineWidth = w;
    ctx.strokeRect(x + 1, y + 1, G.cell - 2, G.cell - 2);
  };
  if (layer !== 'dynamic') {
    drawTracks(ctx, rings);
    drawGridLabels(ctx, rings, G);
  }
  if (layer !== 'static') {
    drawRings(ctx, v, rings);
    drawGridMarks(ctx, v, rings, G);
    if (hoverRing >= 0 && hoverRing !== focus) box(hoverRing, MUTED, 1);
  }
  if (layer !== 'dynamic' && focus >= 0 && focus < v.nrings) box(focus, FOCUS, 2);
}

/** Per ring: the head tick and the queued count. */
function drawGridMarks(ctx: CanvasRenderingContext2D, v: LabView, rings: readonly { ring: number; g: RingGeom }[], G: GridLayout): void {
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  if (G.counts) {
    ctx.font = font(rings.length && rings[0].g.r0 >= 13 ? 11 : 10);
    ctx.fillStyle = INK;
  }
  for (const { ring, g } of rings) {
    if (g.r1 >= 13) {
      // head tick: where the next retirement happens
      const a = slotAngle(v.ringHead[ring], v.fqSize);
      ctx.beginPath();
      ctx.moveTo(g.cx + (g.r0 - 1) * Math.cos(a), g.cy + (g.r0 - 1) * Math.sin(a));
      ctx.lineTo(g.cx + (g.r1 + 2) * Math.cos(a), g.cy + (g.r1 + 2) * Math.sin(a));
      ctx.strokeStyle = INK;
      ctx.lineWidth = 1.5;
      ctx.stroke();
    }
    if (G.counts) ctx.fillText(String(queued(v.ringHead[ring], v.ringTail[ring], v.fqSize)), g.cx, g.cy + 0.5);
  }
}

/** Cell labels ("CPU n" under each ring) or row labels (first CPU of each row). */
function drawGridLabels(ctx: CanvasRenderingContext2D, rings: readonly { ring: number; g: RingGeom }[], G: GridLayout): void {
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (const { ring, g } of rings) {
    if (G.cellLabels) {
      ctx.font = font(10);
      ctx.fillStyle = MUTED;
      // "CPU 127" needs ~45 px at 10 px: narrower cells show the number alone.
      ctx.fillText(G.cell >= 58 ? `CPU ${ring}` : String(ring), g.cx, g.cy + g.r1 + 10);
    }
  }
  if (!G.cellLabels) {
    ctx.font = font(10);
    ctx.fillStyle = MUTED;
    ctx.textAlign = 'right';
    const step = rowLabelStep(G.cell);
    for (let r = 0; r < G.rows; r += step) ctx.fillText(String(r * G.cols), G.x + G.labelW - 6, G.y + r * G.cell + G.cell / 2);
  }
}

function drawRaster(ctx: CanvasRenderingContext2D, v: LabView, L: QueuesLayout, hover: Hover | null, layer: QueuesLayer): void {
  const R = L.raster!;
  const { cols, cell } = R;
  if (layer !== 'dynamic') {
    ctx.fillStyle = TRACK;
    ctx.fillRect(R.x, R.y, cols * cell, R.rows * cell);
    ctx.font = font(11);
    ctx.fillStyle = MUTED;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'alphabetic';
    ctx.fillText(`All ${fmtInt(v.fqSize)} slots, ${cols} per row (▼ head filled, ▽ tail)`, R.x, R.y - 10);
    // Slot number at the start of every k-th row (labels ≥ 14 px apart).
    ctx.font = font(10);
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    let every = 1;
    while (every * cell < 14) every *= 2;
    for (let r = 0; r < R.rows; r += every) {
      ctx.fillText(fmtInt(r * cols), R.x - 6, R.y + r * cell + cell / 2);
      ctx.fillRect(R.x - 4, R.y + r * cell, 3, 1);
    }
  }
  if (layer === 'static') return;
  const runs = slotRuns(v.slotState, 0, v.fqSize);
  for (let k = 0; k < runs.length; k += 3) {
    ctx.fillStyle = runs[k + 2] === SLOT_WAITING ? COLOR.waiting : RASTER_COVERED;
    let s = runs[k];
    const end = s + runs[k + 1];
    while (s < end) {
      const row = Math.floor(s / cols);
      const e = Math.min(end, (row + 1) * cols);
      ctx.fillRect(R.x + (s % cols) * cell, R.y + row * cell, (e - s) * cell, cell);
      s = e;
    }
  }
  const mark = (idx: number, filled: boolean) => {
    const x = R.x + (idx % cols) * cell;
    const y = R.y + Math.floor(idx / cols) * cell;
    ctx.beginPath();
    ctx.moveTo(x + cell / 2, y);
    ctx.lineTo(x + cell / 2 - 5, y - 8);
    ctx.lineTo(x + cell / 2 + 5, y - 8);
    ctx.closePath();
    ctx.fillStyle = filled ? INK : '#fff';
    ctx.strokeStyle = INK;
    ctx.lineWidth = 1.5;
    ctx.fill();
    ctx.stroke();
  };
  mark(v.ringHead[0], true);
  mark(v.ringTail[0], false);
  if (hover && hover.slot >= 0) {
    ctx.strokeStyle = INK;
    ctx.lineWidth = 1;
    ctx.strokeRect(R.x + (hover.slot % cols) * cell - 1.5, R.y + Math.floor(hover.slot / cols) * cell - 1.5, cell + 3, cell + 3);
  }
}

export function drawQueues(ctx: CanvasRenderingContext2D, v: LabView, L: QueuesLayout, focus: number, hover: Hover | null, layer: QueuesLayer = 'all'): void {
  const ring = v.nrings === 1 ? 0 : Math.min(Math.max(0, focus), v.nrings - 1);
  drawFocus(ctx, v, L, ring, hover, layer);
  if (L.grid) drawGrid(ctx, v, L.grid, ring, hover && hover.slot < 0 ? hover.ring : -1, layer);
  if (L.raster) drawRaster(ctx, v, L, hover, layer);
}

/** What the static layer depends on: redraw it when this changes. */
export function queuesStaticKey(v: LabView, L: QueuesLayout, focus: number): readonly unknown[] {
  return [L, v.nrings, v.fqSize, v.nrings === 1 ? 0 : Math.min(Math.max(0, focus), v.nrings - 1)];
}
