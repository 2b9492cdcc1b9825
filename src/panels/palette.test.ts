import { describe, expect, it } from 'vitest';
import { COLOR, heatColor, HEAT_STOPS, luminance, mixHex, tileShapes, TILE } from './palette.ts';

describe('palette', () => {
  it('mixes colours linearly', () => {
    expect(mixHex('#000000', '#ffffff', 0)).toBe('#000000');
    expect(mixHex('#000000', '#ffffff', 1)).toBe('#ffffff');
    expect(mixHex('#000000', '#ffffff', 0.5)).toBe('#808080');
  });

  it('heat ramp: empty is white, full is the darkest stop, lightness falls monotonically', () => {
    expect(heatColor(0)).toBe('#ffffff');
    expect(heatColor(1)).toBe(HEAT_STOPS[HEAT_STOPS.length - 1]);
    expect(heatColor(-3)).toBe('#ffffff');
    let prev = Infinity;
    for (let i = 0; i <= 20; i++) {
      const l = luminance(heatColor(i / 20));
      expect(l).toBeLessThan(prev);
      prev = l;
    }
  });

  it('waiting and covered entries differ in lightness too, not only in hue', () => {
    // Solid waiting vs hatched covered: the hatch's mean lightness sits between its two colours.
    expect(Math.abs(luminance(COLOR.waiting) - luminance(COLOR.coveredBg))).toBeGreaterThan(0.4);
  });

  it('pattern tiles stay inside a tile-sized neighbourhood', () => {
    for (const k of ['hatch', 'dots', 'cross'] as const) {
      const s = tileShapes(k);
      expect(s.lines.length + s.dots.length).toBeGreaterThan(0);
      for (const l of s.lines) for (const v of l) expect(Math.abs(v - TILE / 2)).toBeLessThanOrEqual(TILE / 2 + 1);
    }
  });
});
