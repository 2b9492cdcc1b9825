// The timing wheel's shape policy (speed only: eventQueue.test.ts shows the order never depends on it).

import { describe, expect, it } from 'vitest';
import { nbFor, nextShape, smoothLogGap } from './wheelShape.ts';

describe('wheel shape', () => {
  it('nbFor: the power of two at or above n, within [256, 2^21]', () => {
    expect([nbFor(0), nbFor(256), nbFor(257), nbFor(5000), nbFor(1e9)]).toEqual([256, 256, 512, 8192, 2 ** 21]);
  });

  it('width: about twice the gap, changed only on a 4x mismatch; the span is kept', () => {
    expect(nextShape(6, 4096, Math.log2(50), 400, 0)).toEqual({ logW: 6, nb: 4096 }); // wants 7: within 2x
    expect(nextShape(6, 4096, Math.log2(200), 400, 0)).toEqual({ logW: 9, nb: 512 }); // 64 ns * 4096 = 512 ns * 512
    expect(nextShape(9, 512, Math.log2(6), 400, 0)).toEqual({ logW: 4, nb: 16384 });
    expect(nextShape(6, 4096, NaN, 400, 0)).toEqual({ logW: 6, nb: 4096 }); // nothing measured yet
  });

  it('horizon: doubled while more than 1/16 of the events are beyond it, bounded by the events pending', () => {
    expect(nextShape(6, 4096, Math.log2(50), 400, 26)).toEqual({ logW: 6, nb: 8192 });
    expect(nextShape(6, 4096, Math.log2(50), 400, 25)).toEqual({ logW: 6, nb: 4096 });
    expect(nextShape(6, 2 ** 18, Math.log2(50), 400, 0)).toEqual({ logW: 6, nb: 32768 }); // > 256 x 400: back to 64 x
  });

  it('smooths the log gap (a quarter of each new window)', () => {
    expect(smoothLogGap(NaN, 8)).toBe(3);
    expect(smoothLogGap(3, 2 ** 7)).toBe(4);
  });
});
