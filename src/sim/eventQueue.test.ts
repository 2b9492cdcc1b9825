// The engine's event queue (a timing wheel with a heap beyond its horizon): time order, FIFO among
// equal times, against a reference — a stable sort of the pushed events by (time, push order) —
// over wide time ranges, pushes into the past, tiny wheels that retune and rebuild often, and
// deep clones (history.ts checkpoints).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deepClone } from './deepClone.ts';
import { EventQueue, type EventQueueOptions } from './eventQueue.ts';

type Ev = { t: number; k: number; c: number; a: number };

function drain(q: EventQueue): Ev[] {
  const out = [];
  while (q.pop()) out.push({ t: q.t, k: q.k, c: q.c, a: q.a });
  return out;
}

/** Reference: pending events kept sorted by (time, push sequence); `a` is the push sequence. */
class SortedModel {
  readonly items: Ev[] = [];
  push(e: Ev): void {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const m = this.items[mid];
      if (m.t < e.t || (m.t === e.t && m.a < e.a)) lo = mid + 1;
      else hi = mid;
    }
    this.items.splice(lo, 0, e);
  }
}

type Op = { pop: true } | { pop: false; far: boolean; dt: number };

/**
 * Offsets from the last popped time, in units of the queue's initial bucket width W and count nb
 * (so they hit the edges that matter: the same bucket, the horizon at nb buckets, one lap on):
 * ties, near, around the horizon, far, beyond any horizon, fractional, and into the past.
 */
function dtArb(o: Required<EventQueueOptions>): fc.Arbitrary<number> {
  const W = 2 ** o.logW;
  const at = (buckets: fc.Arbitrary<number>) => fc.tuple(buckets, fc.integer({ min: 0, max: W - 1 })).map(([b, f]) => b * W + f);
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(0) },
    { weight: 4, arbitrary: at(fc.integer({ min: 0, max: 3 })) },
    { weight: 3, arbitrary: at(fc.integer({ min: o.nb - 3, max: o.nb + 3 })) },
    { weight: 2, arbitrary: at(fc.integer({ min: 2 * o.nb - 2, max: 2 * o.nb + 2 })) },
    { weight: 3, arbitrary: at(fc.integer({ min: 0, max: 4 * o.nb })) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 2 ** 42 }) },
    { weight: 1, arbitrary: fc.double({ min: 0, max: 4 * o.nb * W, noNaN: true }) },
    { weight: 1, arbitrary: at(fc.integer({ min: -o.nb, max: 0 })).map((x) => -x - 1) },
  );
}
/** Queue options: tiny wheels; some retune every few pops (rebuilds), some never. */
const optsArb: fc.Arbitrary<Required<EventQueueOptions>> = fc.record({
  logW: fc.integer({ min: 0, max: 8 }),
  nb: fc.constantFrom(32, 64, 256),
  tuneEvery: fc.oneof(fc.integer({ min: 1, max: 50 }), fc.constant(1e9)),
});
function opsArb(o: Required<EventQueueOptions>, maxLength: number): fc.Arbitrary<Op[]> {
  const op: fc.Arbitrary<Op> = fc.oneof(
    { weight: 2, arbitrary: fc.constant({ pop: true as const }) },
    { weight: 3, arbitrary: fc.record({ pop: fc.constant(false as const), far: fc.boolean(), dt: dtArb(o) }) },
  );
  return fc.array(op, { maxLength });
}
const caseArb = (maxLength: number) => optsArb.chain((o) => fc.tuple(fc.constant(o), opsArb(o, maxLength)));

/** Runs `ops` on a queue and on the model, checking every pop, size and peekTime. */
function checkAgainstModel(q: EventQueue, ops: Op[], start = 0): void {
  const model = new SortedModel();
  let seq = start;
  let now = 0;
  for (const op of ops) {
    if (op.pop) {
      const got = q.pop();
      expect(got).toBe(model.items.length > 0);
      if (!got) continue;
      const want = model.items.shift()!;
      expect({ t: q.t, k: q.k, c: q.c, a: q.a }).toEqual(want);
      now = q.t;
    } else {
      const t = now + op.dt;
      const a = seq++;
      const e = { t, k: op.far ? 2 : a % 7, c: (a * 13) % 17, a };
      if (op.far) q.pushFar(t, e.k, e.c, a);
      else q.push(t, e.k, e.c, a);
      model.push(e);
    }
    expect(q.size).toBe(model.items.length);
    expect(q.peekTime()).toBe(model.items.length ? model.items[0].t : Infinity);
  }
  expect(drain(q)).toEqual(model.items);
  expect(q.size).toBe(0);
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

  it('runs events at equal times in the order they were scheduled, in the wheel and beyond its horizon', () => {
    const q = new EventQueue(16, { logW: 4, nb: 32 }); // horizon: 512 ns
    for (const t of [5, 1e6]) {
      q.pushFar(t, 0, 0, 1);
      q.push(t, 0, 0, 2);
      q.pushFar(t, 0, 0, 3);
      q.push(t, 0, 0, 4);
    }
    expect(q.geometry.beyond).toBe(4);
    expect(drain(q).map((e) => [e.t, e.a])).toEqual([5, 5, 5, 5, 1e6, 1e6, 1e6, 1e6].map((t, i) => [t, (i % 4) + 1]));
  });

  it('keeps the order of equal times that wait beyond the horizon and of those pushed after they moved in', () => {
    const q = new EventQueue(16, { logW: 0, nb: 32, tuneEvery: 1e9 });
    q.push(100, 0, 0, 1); // beyond bucket 31: waits in the heap
    q.push(0, 0, 0, 0);
    q.push(80, 0, 0, 9);
    expect(q.geometry.beyond).toBe(2);
    q.pop(); // t = 0
    q.push(70, 0, 0, 8); // bucket 70: beyond again
    q.pop(); // t = 70: the horizon reaches bucket 101, so 80 and 100 move into the wheel
    expect(q.geometry.beyond).toBe(0);
    q.push(100, 0, 0, 2); // same time as the moved event: after it
    expect(drain(q).map((e) => e.a)).toEqual([9, 1, 2]);
  });

  for (const sharing of [false, true]) {
    it(`moves events beyond the horizon into the wheel as soon as the horizon reaches their bucket (popped bucket ${sharing ? 'not ' : ''}emptied)`, () => {
      const q = new EventQueue(16, { logW: 0, nb: 32, tuneEvery: 1e9 }); // 1 ns buckets
      q.push(0, 0, 0, 0);
      q.pop(); // base: bucket 0, horizon up to bucket 31
      q.push(41, 0, 0, 1); // beyond
      q.push(40, 0, 0, 2); // beyond, and earlier
      q.push(9, 0, 0, 3);
      if (sharing) q.push(9, 0, 0, 4);
      q.push(20, 0, 0, 6);
      expect(q.geometry.beyond).toBe(2);
      q.pop(); // t = 9: the horizon ends at bucket 40 now
      expect(q.geometry.beyond).toBe(1);
      q.push(40, 0, 0, 5); // directly into the wheel, after the equal time that moved in
      expect(drain(q).map((e) => e.a)).toEqual([...(sharing ? [4] : []), 6, 2, 5, 1]);
    });
  }

  it('a push one bucket before the last pop does not share a list with the far end of the wheel', () => {
    const q = new EventQueue(16, { logW: 0, nb: 32, tuneEvery: 1e9 });
    q.push(100, 0, 0, 0);
    q.pop(); // base: bucket 100
    q.push(131, 0, 0, 1); // last bucket of the horizon; its list is at index 131 & 31 = 3
    q.push(99, 0, 0, 2); // into the past: bucket 99 would use index 3 too
    q.push(110, 0, 0, 3);
    expect(drain(q).map((e) => e.t)).toEqual([99, 110, 131]);
  });

  it('after a rebuild the wheel starts at the bucket of the earliest possible event', () => {
    const q = new EventQueue(16, { logW: 0, nb: 32, tuneEvery: 1e9 });
    q.push(100, 0, 0, 0);
    q.pop();
    q.push(50, 0, 0, 1); // into the past: rebuild from bucket 50
    q.push(82, 0, 0, 2); // bucket 50 + 32: beyond the horizon (it would share bucket 50's list)
    expect(q.geometry.beyond).toBe(1);
    q.push(55, 0, 0, 3);
    expect(drain(q).map((e) => e.t)).toEqual([50, 55, 82]);
  });

  it('handles a push before the last popped event (not done by the engine) like a heap would', () => {
    const q = new EventQueue(16, { logW: 2, nb: 32 });
    q.push(1000, 0, 0, 1);
    q.push(5000, 0, 0, 2);
    q.pop();
    q.push(10, 0, 0, 3); // before t = 1000: the wheel is rebuilt from its bucket
    q.push(1000, 0, 0, 4);
    expect(q.peekTime()).toBe(10);
    expect(drain(q).map((e) => [e.t, e.a])).toEqual([
      [10, 3],
      [1000, 4],
      [5000, 2],
    ]);
  });

  it('matches the reference for random pushes and pops, with tiny wheels that retune, rebuild and grow', () => {
    fc.assert(
      fc.property(caseArb(600), ([opts, ops]) => {
        checkAgainstModel(new EventQueue(2, opts), ops);
      }),
      { numRuns: 400 },
    );
  });

  it('pops the same sequence whatever its geometry and tuning (they change speed only)', () => {
    fc.assert(
      fc.property(caseArb(300), optsArb, ([o1, ops], o2) => {
        const run = (o: EventQueueOptions) => {
          const q = new EventQueue(4, o);
          const out: number[] = [];
          let now = 0;
          ops.forEach((op, i) => {
            if (!op.pop) q.push(now + op.dt, 0, 0, i);
            else if (q.pop()) {
              out.push(q.a);
              now = q.t;
            }
          });
          return [...out, ...drain(q).map((e) => e.a)];
        };
        expect(run(o2)).toEqual(run(o1));
      }),
      { numRuns: 150 },
    );
  });

  it('adapts the bucket width to the density of events and covers them with its horizon', () => {
    // 10 000 pending events, one every 3 ns at the front, spread over 30 µs: W should end near
    // 2 × 3 ns and the horizon should hold nearly all events.
    const q = new EventQueue(16, { logW: 12, nb: 32, tuneEvery: 256 });
    let next = 0;
    for (let i = 0; i < 10_000; i++) q.push((next += 3), 0, 0, i);
    for (let i = 0; i < 50_000; i++) {
      q.pop();
      q.push(q.t + 30_000, 0, 0, i);
    }
    const g = q.geometry;
    expect(g.logW).toBeGreaterThanOrEqual(1);
    expect(g.logW).toBeLessThanOrEqual(4);
    expect(g.nb * 2 ** g.logW).toBeGreaterThan(30_000);
    expect(g.beyond).toBeLessThan(10_000 / 16);
  });

  it('handles bucket numbers past 2^31 (long runs at 1 ns buckets)', () => {
    const ops: Op[] = [];
    for (let i = 0; i < 200; i++) ops.push({ pop: false, far: i % 3 === 0, dt: 2 ** 33 + ((i * 7919) % 1000) }, { pop: true });
    const q = new EventQueue(4, { logW: 0, nb: 64, tuneEvery: 1e9 });
    q.push(2 ** 34, 0, 0, -1);
    q.pop();
    checkAgainstModel(q, ops);
  });

  it('a deep clone (history.ts checkpoint) continues exactly like the original', () => {
    fc.assert(
      fc.property(caseArb(200), ([opts, ops]) => {
        const before = ops.slice(0, ops.length >> 1);
        const after = ops.slice(ops.length >> 1);
        const q = new EventQueue(2, opts);
        let now = 0;
        before.forEach((op, i) => {
          if (!op.pop) q.push(now + op.dt, 1, 2, i);
          else if (q.pop()) now = q.t;
        });
        const copy = deepClone(q);
        const cont = (x: EventQueue) => {
          let n = now;
          const out: number[] = [];
          after.forEach((op, i) => {
            if (!op.pop) x.push(n + op.dt, 1, 2, 1000 + i);
            else if (x.pop()) {
              out.push(x.a);
              n = x.t;
            }
          });
          return [...out, ...drain(x).map((e) => e.a)];
        };
        expect(cont(copy)).toEqual(cont(q));
      }),
      { numRuns: 100 },
    );
  });
});
