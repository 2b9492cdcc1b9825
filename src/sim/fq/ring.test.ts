// The pure ring operations of struct iova_fq (docs/kernel.md §3.2; the facts of
// testing/traceInvariants.ts 1–5, 17) against a plain array model: random add / free-pass sequences
// on small rings, plus the two kernel capacities.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRings, headRetirable, ringAdd, ringCount, ringEmpty, ringFull, ringPopHead, type FqRings } from './ring.ts';

/**
 * The whole free pass of fq_ring_free over ring r against `limit`, as fq/freePass.ts runs it
 * (without the time and the allocator): `retire(idx)` for every entry from head while
 * counter < limit, FIFO, stopping at the first that is not. Returns the number retired.
 */
function ringFreePass(q: FqRings, r: number, limit: number, retire: (idx: number) => void): number {
  let n = 0;
  while (headRetirable(q, r, limit)) {
    retire(ringPopHead(q, r));
    n++;
  }
  return n;
}

type Op = { kind: 'add'; ring: number; counter: number } | { kind: 'free'; ring: number; limit: number };

const opArb = (nrings: number): fc.Arbitrary<Op> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('add' as const), ring: fc.nat(nrings - 1), counter: fc.nat(12) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('free' as const), ring: fc.nat(nrings - 1), limit: fc.nat(14) }) },
  );

interface ModelEntry {
  idx: number;
  pfn: number;
  counter: number;
}

/** Fills ring r with n entries whose counters are all 0; returns the slot indices. */
function fill(q: FqRings, r: number, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(ringAdd(q, r, 1000 + i, 1, 0, 0));
  return out;
}

describe('flush-queue ring (struct iova_fq)', () => {
  it('behaves like a FIFO array model under random adds and free passes (facts 1–5)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(2, 4, 8, 16),
        fc.integer({ min: 1, max: 3 }).chain((n) => fc.array(opArb(n), { maxLength: 200 }).map((ops) => ({ n, ops }))),
        (size, { n, ops }) => {
          const q = createRings(n, size);
          const model: ModelEntry[][] = Array.from({ length: n }, () => []);
          const tail = new Array(n).fill(0);
          let pfn = 1;
          for (const op of ops) {
            const m = model[op.ring];
            if (op.kind === 'add') {
              // The kernel never adds to a full ring (queue_iova flushes first); the model does not
              // either.
              if (m.length === size - 1) continue;
              const oldTail = q.tail[op.ring];
              const idx = ringAdd(q, op.ring, pfn, 1, op.counter, 0);
              // Fact 3: writes at the old tail, tail advances by one modulo size.
              expect(idx).toBe(oldTail);
              expect(idx).toBe(tail[op.ring]);
              expect(q.tail[op.ring]).toBe((oldTail + 1) % size);
              tail[op.ring] = (tail[op.ring] + 1) % size;
              m.push({ idx, pfn, counter: op.counter });
              pfn++;
            } else {
              // Facts 4, 5: from head, in insertion order, while counter < limit; the first entry
              // that is not retirable stops the pass even if later ones are.
              let k = 0;
              while (k < m.length && m[k].counter < op.limit) k++;
              const expected = m.splice(0, k);
              const got: ModelEntry[] = [];
              const retired = ringFreePass(q, op.ring, op.limit, (idx) => {
                const i = op.ring * q.size + idx;
                got.push({ idx, pfn: q.pfn[i], counter: q.counter[i] });
              });
              expect(retired).toBe(expected.length);
              expect(got).toEqual(expected);
              if (m.length > 0) expect(m[0].counter >= op.limit).toBe(true);
              expect(headRetirable(q, op.ring, op.limit)).toBe(false);
            }
            // Facts 1, 2 on every ring after every step.
            for (let r = 0; r < n; r++) {
              expect(ringCount(q, r)).toBe(model[r].length);
              expect(ringEmpty(q, r)).toBe(model[r].length === 0);
              expect(q.head[r] === q.tail[r]).toBe(model[r].length === 0);
              expect(ringFull(q, r)).toBe(model[r].length === size - 1);
              expect(((q.tail[r] + 1) & (size - 1)) === q.head[r]).toBe(model[r].length === size - 1);
              // The head slot holds the oldest queued entry.
              if (model[r].length > 0) {
                expect(q.head[r]).toBe(model[r][0].idx);
                expect(q.pfn[r * size + q.head[r]]).toBe(model[r][0].pfn);
              }
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('holds at most size - 1 entries: 255 of 256 and 32767 of 32768 (fact 2)', () => {
    for (const size of [256, 32768]) {
      const q = createRings(1, size);
      expect(ringEmpty(q, 0)).toBe(true);
      fill(q, 0, size - 2);
      expect(ringFull(q, 0)).toBe(false);
      ringAdd(q, 0, 1, 1, 0, 0);
      expect(ringCount(q, 0)).toBe(size - 1);
      expect(ringFull(q, 0)).toBe(true);
      expect(ringEmpty(q, 0)).toBe(false);
      // One retirement makes room for exactly one more.
      ringPopHead(q, 0);
      expect(ringFull(q, 0)).toBe(false);
      ringAdd(q, 0, 2, 1, 0, 0);
      expect(ringFull(q, 0)).toBe(true);
    }
  });

  it('wraps indices with the mask: after a full cycle head and tail are back at 0', () => {
    const q = createRings(1, 8);
    for (let round = 0; round < 3; round++) {
      const idx = fill(q, 0, 7);
      expect(idx).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => (i + round * 7) % 8));
      expect(ringFreePass(q, 0, 1, () => {})).toBe(7);
      expect(ringEmpty(q, 0)).toBe(true);
    }
    expect(q.head[0]).toBe((3 * 7) % 8);
  });

  it('an add to a full ring overwrites it so it looks empty (the §3.9 what-if the engine counts as an overrun)', () => {
    const q = createRings(1, 4);
    fill(q, 0, 3);
    expect(ringFull(q, 0)).toBe(true);
    ringAdd(q, 0, 9, 1, 0, 0);
    expect(q.tail[0]).toBe(q.head[0]);
    expect(ringEmpty(q, 0)).toBe(true);
  });

  it('a non-retirable head blocks every retirable entry behind it (fact 4)', () => {
    const q = createRings(1, 16);
    ringAdd(q, 0, 1, 1, 5, 0); // counter 5: needs finish > 5
    ringAdd(q, 0, 2, 1, 0, 0);
    ringAdd(q, 0, 3, 1, 0, 0);
    expect(ringFreePass(q, 0, 3, () => {})).toBe(0);
    expect(ringCount(q, 0)).toBe(3);
    expect(ringFreePass(q, 0, 6, () => {})).toBe(3);
  });

  it('a pass with a smaller limit frees a prefix of what a larger limit frees (fact 17: reuse never frees more)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(10), { maxLength: 15 }), fc.nat(12), fc.nat(12), (counters, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const run = (limit: number): number[] => {
          const q = createRings(1, 16);
          counters.forEach((c, i) => ringAdd(q, 0, 100 + i, 1, c, 0));
          const freed: number[] = [];
          ringFreePass(q, 0, limit, (idx) => freed.push(q.pfn[idx]));
          return freed;
        };
        const small = run(lo);
        const large = run(hi);
        expect(large.slice(0, small.length)).toEqual(small);
      }),
    );
  });

  it('rings of one domain are independent', () => {
    const q = createRings(3, 8);
    fill(q, 1, 5);
    expect(ringEmpty(q, 0)).toBe(true);
    expect(ringEmpty(q, 2)).toBe(true);
    expect(ringCount(q, 1)).toBe(5);
    ringFreePass(q, 0, 100, () => {
      throw new Error('ring 0 is empty');
    });
    expect(ringCount(q, 1)).toBe(5);
  });

  it('rejects sizes that are not powers of two >= 2', () => {
    for (const bad of [0, 1, 3, 12, 255]) expect(() => createRings(1, bad)).toThrow(/power of two/);
    for (const ok of [2, 8, 256, 32768]) expect(createRings(1, ok).mask).toBe(ok - 1);
  });
});
