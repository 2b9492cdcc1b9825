// The engine's event queue: time order, FIFO among equal times (across both heaps), against a
// stable sort of the pushed events.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from './eventQueue.ts';

function drain(q: EventQueue): { t: number; k: number; c: number; a: number }[] {
  const out = [];
  while (q.pop()) out.push({ t: q.t, k: q.k, c: q.c, a: q.a });
  return out;
}

describe('EventQueue', () => {
  it('is empty at first: size 0, peekTime Infinity, pop false', () => {
    const q = new EventQueue();
    expect(q.size).toBe(0);
    expect(q.peekTime()).toBe(Infinity);
    expect(q.pop()).toBe(false);
  });

  it('pops in time order and carries kind, cpu and arg', () => {
    const q = new EventQueue();
    q.push(30, 1, 2, 3);
    q.push(10, 4, 5, 6);
    q.pushFar(20, 7, 8, 9);
    expect(q.size).toBe(3);
    expect(q.peekTime()).toBe(10);
    expect(drain(q)).toEqual([
      { t: 10, k: 4, c: 5, a: 6 },
      { t: 20, k: 7, c: 8, a: 9 },
      { t: 30, k: 1, c: 2, a: 3 },
    ]);
  });

  it('runs events at equal times in the order they were scheduled, whichever heap holds them', () => {
    const q = new EventQueue();
    q.pushFar(5, 0, 0, 1);
    q.push(5, 0, 0, 2);
    q.pushFar(5, 0, 0, 3);
    q.push(5, 0, 0, 4);
    expect(drain(q).map((e) => e.a)).toEqual([1, 2, 3, 4]);
  });

  it('matches a stable sort by time for random interleaved pushes and pops, growing past its capacity', () => {
    type Op = { pop: true } | { pop: false; far: boolean; t: number };
    const opArb: fc.Arbitrary<Op> = fc.oneof(
      { weight: 1, arbitrary: fc.constant({ pop: true as const }) },
      { weight: 3, arbitrary: fc.record({ pop: fc.constant(false as const), far: fc.boolean(), t: fc.integer({ min: 0, max: 40 }) }) },
    );
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 400 }), (ops) => {
        const q = new EventQueue(2); // tiny: exercises growth of both heaps
        let model: { t: number; a: number }[] = [];
        let seq = 0;
        let now = 0;
        for (const op of ops) {
          if (op.pop) {
            const got = q.pop();
            expect(got).toBe(model.length > 0);
            if (!got) continue;
            const want = model[0];
            model = model.slice(1);
            expect({ t: q.t, a: q.a }).toEqual(want);
            now = q.t;
          } else {
            const t = now + op.t; // a discrete-event loop never schedules into the past
            const a = seq++;
            if (op.far) q.pushFar(t, 1, 0, a);
            else q.push(t, 0, 0, a);
            model.push({ t, a });
            model.sort((x, y) => x.t - y.t || x.a - y.a);
          }
          expect(q.size).toBe(model.length);
          expect(q.peekTime()).toBe(model.length ? model[0].t : Infinity);
        }
        expect(drain(q).map((e) => ({ t: e.t, a: e.a }))).toEqual(model);
      }),
      { numRuns: 200 },
    );
  });
});
