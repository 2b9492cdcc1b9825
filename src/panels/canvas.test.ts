import { describe, expect, it } from 'vitest';
import { backingSize, font } from './canvas.ts';

describe('canvas backing store', () => {
  it('scales by devicePixelRatio and rounds to whole device pixels', () => {
    expect(backingSize(300, 150, 1)).toEqual({ w: 300, h: 150 });
    expect(backingSize(300, 150, 2)).toEqual({ w: 600, h: 300 });
    expect(backingSize(101, 33, 1.5)).toEqual({ w: 152, h: 50 });
  });
  it('never asks for an empty or NaN-sized canvas', () => {
    expect(backingSize(0, 0, 1)).toEqual({ w: 1, h: 1 });
    expect(backingSize(10, 10, Number.NaN)).toEqual({ w: 10, h: 10 });
  });
  it('uses the self-hosted face', () => {
    expect(font(11)).toBe('11px "DejaVu Sans", sans-serif');
    expect(font(12, true)).toMatch(/^700 12px "DejaVu Sans"/);
  });
});
