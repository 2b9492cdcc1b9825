// The XState machines against the engine with the scale inputs on (issue 19 §2): granule, 'hwq'
// completion, device bandwidth, walk-level and NUMA costs, arm64 atomics, sizes@T, bursts and an
// aged start. The actors own only the per-CPU control flow; these inputs act in the engine's
// shared parts (workload, locks, allocator), so both runs must still emit the same events.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertValid, inputsArb } from '../sim/testing/scenarios.ts';
import { lockstep } from './testing/lockstep.ts';

describe('actor-driven runs equal the engine with the scale inputs on', () => {
  it('40 random scenarios: the first 20 000 events are identical', () => {
    let events = 0;
    fc.assert(
      fc.property(inputsArb({ maxCpus: 8, modeSwitches: true }), (s) => {
        assertValid(s);
        events += lockstep(s, 20_000, { maxSteps: 60_000 }).compared;
      }),
      { numRuns: 40, seed: 19 },
    );
    expect(events).toBeGreaterThan(20_000);
  }, 300_000);
});
