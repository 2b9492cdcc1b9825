// The heap behind the event queue's horizon: (time, push order), payload kept through growth.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventHeap } from './eventHeap.ts';

describe('EventHeap', () => {
  it('pops in (time, push order) with each event’s kind, cpu and arg, growing from one slot', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 200 }), (times) => {
        const h = new EventHeap(1);
        times.forEach((t, i) => h.push(t, i % 7, 1000 - i, i));
        expect(h.size).toBe(times.length);
        const want = times.map((t, i) => ({ t, i })).sort((x, y) => x.t - y.t || x.i - y.i);
        expect(h.peekTime()).toBe(want.length ? want[0].t : Infinity);
        const got = [];
        while (h.size > 0) {
          const s = h.pop();
          got.push({ t: h.timeOf(s), i: h.arg[s] });
          expect([h.kind[s], h.cpu[s]]).toEqual([h.arg[s] % 7, 1000 - h.arg[s]]);
        }
        expect(got).toEqual(want);
        expect(h.pop()).toBe(-1);
      }),
    );
  });
});
