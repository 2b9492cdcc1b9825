// The setup file gives every property test the same seed: two runs of one property see the same
// inputs (without it fast-check draws a new seed from the clock each run).

import fc from 'fast-check';
import { expect, it } from 'vitest';

it('property tests run under a fixed seed', () => {
  const seen = (): number[] => {
    const xs: number[] = [];
    fc.assert(
      fc.property(fc.integer(), (x) => {
        xs.push(x);
      }),
      { numRuns: 5 },
    );
    return xs;
  };
  expect(fc.readConfigureGlobal().seed).toBe(Number(process.env.LAB_FC_SEED ?? 0x1ab));
  expect(seen()).toEqual(seen());
});
