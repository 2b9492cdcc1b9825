import { describe, expect, it } from 'vitest';
import { ringGeom, slotAngle, slotAt, slotPoint } from './geometry.ts';

const g = ringGeom(100, 100, 80, 256, 0.25, 10);

describe('ring geometry', () => {
  it('slot 0 starts at 12 o clock and slots go clockwise', () => {
    expect(slotAngle(0, 256)).toBeCloseTo(-Math.PI / 2);
    expect(slotAngle(64, 256)).toBeCloseTo(0); // 3 o'clock
    const [x, y] = slotPoint(g, 128, 80);
    expect(x).toBeCloseTo(100);
    expect(y).toBeCloseTo(180); // 6 o'clock
  });

  it('hit-tests slots on the band and nothing off it', () => {
    expect(g.r0).toBe(60);
    expect(slotAt(g, 100.5, 30)).toBe(0); // just right of 12 o'clock
    expect(slotAt(g, 99.5, 30)).toBe(255); // just left of it
    expect(slotAt(g, 170, 100.01)).toBe(64); // 3 o'clock
    expect(slotAt(g, 100, 100)).toBe(-1); // centre
    expect(slotAt(g, 100, 15)).toBe(-1); // outside
  });

  it("every slot's own mid-angle maps back to it", () => {
    for (const size of [16, 256, 32768]) {
      const r = ringGeom(0, 0, 100, size, 0.2, 4);
      for (const i of [0, 1, size / 2 - 1, size - 1]) {
        const a = slotAngle(i + 0.5, size);
        expect(slotAt(r, 90 * Math.cos(a), 90 * Math.sin(a))).toBe(i);
      }
    }
  });

  it('keeps a minimum band width on small rings', () => {
    const small = ringGeom(0, 0, 10, 256, 0.2, 3);
    expect(small.r1 - small.r0).toBe(3);
  });
});
