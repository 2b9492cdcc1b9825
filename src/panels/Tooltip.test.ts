import { describe, expect, it } from 'vitest';
import { tipPosition } from './Tooltip.ts';

describe('tooltip placement', () => {
  it('sits right of the pointer when it fits, left of it otherwise', () => {
    expect(tipPosition(100, 50, 200, 600)).toEqual({ left: 114, top: 66 });
    expect(tipPosition(500, 50, 200, 600)).toEqual({ left: 286, top: 66 });
  });
  it('never leaves the box on the left', () => {
    expect(tipPosition(30, 0, 200, 220).left).toBe(0);
  });
});
