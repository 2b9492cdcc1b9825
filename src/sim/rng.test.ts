// The run's one PRNG (sfc32 seeded through splitmix32): deterministic, in range, and uniform
// enough for workload draws.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from './rng.ts';

const take = (r: Rng, n: number) => Array.from({ length: n }, () => r.u32());

describe('Rng', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (seed) => {
        expect(take(new Rng(seed), 20)).toEqual(take(new Rng(seed), 20));
        expect(take(new Rng(seed), 20)).not.toEqual(take(new Rng((seed + 1) >>> 0), 20));
      }),
      { numRuns: 50 },
    );
  });

  it('reads the seed as a 32-bit unsigned integer', () => {
    expect(take(new Rng(2 ** 32 + 7), 5)).toEqual(take(new Rng(7), 5));
    expect(take(new Rng(-1), 5)).toEqual(take(new Rng(0xffffffff), 5));
  });

  it('u32 is an unsigned 32-bit integer; float is in [0, 1); int(n) is an integer in [0, n)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 1, max: 1000 }), (seed, n) => {
        const r = new Rng(seed);
        for (let i = 0; i < 200; i++) {
          const u = r.u32();
          expect(Number.isInteger(u) && u >= 0 && u <= 0xffffffff).toBe(true);
          const f = r.float();
          expect(f >= 0 && f < 1).toBe(true);
          const k = r.int(n);
          expect(Number.isInteger(k) && k >= 0 && k < n).toBe(true);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('covers every value of a small range roughly evenly (deterministic for the seed)', () => {
    const r = new Rng(12345);
    const counts = new Array(8).fill(0);
    const N = 80_000;
    for (let i = 0; i < N; i++) counts[r.int(8)]++;
    // Expected 10 000 each; a fair generator is within ±5 % (about 5 sigma) — fixed seed, no flake.
    for (const c of counts) expect(Math.abs(c - N / 8)).toBeLessThan(500);
    let sum = 0;
    for (let i = 0; i < N; i++) sum += r.float();
    expect(Math.abs(sum / N - 0.5)).toBeLessThan(0.01);
  });

  it('nearby seeds give unrelated first outputs (splitmix seeding)', () => {
    const firsts = new Set(Array.from({ length: 1000 }, (_, s) => new Rng(s).u32()));
    expect(firsts.size).toBe(1000);
  });
});
