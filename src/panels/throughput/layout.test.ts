import { describe, expect, it } from 'vitest';
import { throughputLayout } from './layout.ts';

describe('throughput layout', () => {
  it('stacks tracks under the chart without overlap, axis last', () => {
    const L = throughputLayout(800, 3);
    expect(L.tracks).toHaveLength(3);
    let bottom = L.main.y + L.main.h;
    for (const t of L.tracks) {
      expect(t.y).toBeGreaterThan(bottom);
      bottom = t.y + t.h;
    }
    expect(L.axisY).toBeGreaterThanOrEqual(bottom);
    expect(L.height).toBeGreaterThan(L.axisY + 20);
  });
  it('no overlays: just the chart and the axis', () => {
    const L = throughputLayout(800, 0);
    expect(L.axisY).toBeLessThan(L.main.y + L.main.h + 12);
  });
});
