// Canvas drawing of the allocator panel: the magazine heat grid and the address-space strip.
// Heat: white (empty) to dark blue (full), monotone in lightness; a full magazine — the one whose
// next insert moves it to the depot or frees it to the rbtree — also gets a white dot, so it is
// findable without judging shades (a white line through it when columns are too narrow for a dot).

import type { LabView } from '../../sim/view.ts';
import { COLOR, FOCUS, heatColor } from '../palette.ts';
import { CLASSES, heatRowY, rangeExtent, stripX, type HeatLayout, type StripLayout } from './layout.ts';

/** heatColor(n / magSize) for every fill n, built once per magazine size (the colour parse is per draw otherwise). */
const ramps = new Map<number, string[]>();
function ramp(magSize: number): string[] {
  let r = ramps.get(magSize);
  if (!r) ramps.set(magSize, (r = Array.from({ length: magSize + 1 }, (_, n) => heatColor(n / magSize))));
  return r;
}

export function drawHeat(ctx: CanvasRenderingContext2D, v: LabView, L: HeatLayout, focus: number, hover: { cpu: number; cls: number; prev: boolean } | null): void {
  const gap = L.cellW >= 6 ? 1 : 0;
  const w = L.cellW - gap;
  const colors = ramp(v.magSize);
  for (let cls = 0; cls < CLASSES; cls++) {
    for (const prev of [false, true]) {
      const y = heatRowY(L, cls, prev);
      const a = prev ? v.magPrev : v.magLoaded;
      // empty background row, then the fills
      ctx.fillStyle = '#f2f2f2';
      ctx.fillRect(L.x, y, L.cellW * v.cpus, L.rowH - 1);
      for (let cpu = 0; cpu < v.cpus; cpu++) {
        const n = a[cpu * CLASSES + cls];
        if (n === 0) continue;
        ctx.fillStyle = n >= 0 && n <= v.magSize ? colors[n] : heatColor(n / v.magSize);
        ctx.fillRect(L.x + cpu * L.cellW, y, w, L.rowH - 1);
      }
      ctx.fillStyle = '#fff';
      for (let cpu = 0; cpu < v.cpus; cpu++) {
        if (a[cpu * CLASSES + cls] < v.magSize) continue;
        if (L.cellW >= 5) {
          ctx.beginPath();
          ctx.arc(L.x + cpu * L.cellW + w / 2, y + (L.rowH - 1) / 2, Math.min(2.5, w / 2 - 0.5), 0, Math.PI * 2);
          ctx.fill();
        } else {
          // too narrow for a dot: a white line through the middle, continuous across full neighbours
          ctx.fillRect(L.x + cpu * L.cellW, y + Math.floor((L.rowH - 1) / 2) - 0.5, L.cellW, 1.5);
        }
      }
    }
  }
  const top = heatRowY(L, 0, false) - 2;
  const bottom = heatRowY(L, CLASSES - 1, true) + L.rowH + 1;
  if (focus >= 0 && focus < v.cpus) {
    ctx.strokeStyle = FOCUS;
    ctx.lineWidth = 2;
    ctx.strokeRect(L.x + focus * L.cellW - 1, top, L.cellW + gap, bottom - top);
  }
  if (hover) {
    ctx.strokeStyle = '#1b1b1b';
    ctx.lineWidth = 1.5;
    ctx.strokeRect(L.x + hover.cpu * L.cellW - 0.5, heatRowY(L, hover.cls, hover.prev) - 0.5, L.cellW + 1, L.rowH);
  }
}

/** Rows of the strip, top to bottom (LabView.rangeKind values). */
export const STRIP_ROWS = ['mapped (in use by a device)', 'in a flush queue', 'cached (magazine or depot)', 'other (reserved, anchor)'] as const;

export function drawStrip(ctx: CanvasRenderingContext2D, v: LabView, S: StripLayout): [number, number] {
  for (let r = 0; r < 4; r++) {
    ctx.fillStyle = r % 2 ? '#f5f6f8' : '#eceef1';
    ctx.fillRect(S.x, S.y + r * S.rowH, S.w, S.rowH);
  }
  // The extent of live ranges other than the anchor: the anchor sits at the very top of the
  // address space and would squash every real range into one pixel.
  const n = v.ranges.length / 2;
  const kinds = v.rangeKind;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    if (kinds[i] === 3) continue;
    if (v.ranges[2 * i] < lo) lo = v.ranges[2 * i];
    if (v.ranges[2 * i + 1] > hi) hi = v.ranges[2 * i + 1];
  }
  if (lo > hi) [lo, hi] = rangeExtent(v.ranges);
  for (let i = 0; i < n; i++) {
    const k = Math.min(3, kinds[i]);
    const a = v.ranges[2 * i];
    const b = v.ranges[2 * i + 1];
    if (b < lo || a > hi) continue;
    const [x0, x1] = stripX(S, lo, hi, Math.max(a, lo), Math.min(b, hi));
    ctx.fillStyle = COLOR.live[k];
    ctx.fillRect(x0, S.y + k * S.rowH + 1, x1 - x0, S.rowH - 2);
  }
  return [lo, hi];
}
