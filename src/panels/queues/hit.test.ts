import { describe, expect, it } from 'vitest';
import { blankView } from '../testing/blankView.ts';
import { slotAngle } from './geometry.ts';
import { focusGeom, hitQueues, miniGeom, shownRing } from './hit.ts';
import { cellOrigin, queuesLayout } from './layout.ts';

describe('flush-queues hit-testing', () => {
  const v = blankView({ cpus: 128 });
  const L = queuesLayout(1100, 128, 256);

  it('a point on the large ring is a slot of the focused CPU', () => {
    const g = focusGeom(L, 256);
    const a = slotAngle(10.5, 256);
    const r = (g.r0 + g.r1) / 2;
    expect(hitQueues(v, L, 37, g.cx + r * Math.cos(a), g.cy + r * Math.sin(a))).toEqual({ ring: 37, slot: 10 });
  });

  it('a point in a grid cell is that CPU, and small rings sit inside their cells', () => {
    const G = L.grid!;
    for (const i of [0, 5, 127]) {
      const m = miniGeom(G, i, 256);
      const [x, y] = cellOrigin(G, i);
      expect(m.cx - m.r1).toBeGreaterThanOrEqual(x);
      expect(m.cx + m.r1).toBeLessThanOrEqual(x + G.cell);
      expect(m.cy + m.r1).toBeLessThanOrEqual(y + G.cell);
      expect(hitQueues(v, L, 0, m.cx, m.cy)).toEqual({ ring: i, slot: -1 });
    }
    expect(hitQueues(v, L, 0, 5, L.height - 2)).toBeNull();
  });

  it('the large ring and the grid do not overlap', () => {
    const g = focusGeom(L, 256);
    expect(g.cx + g.r1 + 24).toBeLessThanOrEqual(L.grid!.x);
  });

  it('the single queue: raster cells are slots', () => {
    const s = blankView({ cpus: 8, nrings: 1, fqSize: 32768, kernel: '6.7' });
    const Ls = queuesLayout(1100, 1, 32768);
    const R = Ls.raster!;
    expect(hitQueues(s, Ls, 5, R.x + 3 * R.cell + 0.5, R.y + 2 * R.cell + 0.5)).toEqual({ ring: 0, slot: 2 * 256 + 3 });
    expect(shownRing(s, 5)).toBe(0);
  });

  it('clamps the focus to an existing CPU', () => {
    expect(shownRing(v, 500)).toBe(127);
    expect(shownRing(v, -1)).toBe(0);
  });
});
