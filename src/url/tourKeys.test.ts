// The teaching keys `tour` and `step` (issue 15): decoded against the chapter list, written back,
// bad values named with the rest of the link kept, and no change to what other links mean.

import { describe, expect, it } from 'vitest';
import { decodeHash, encodeHash } from './codec.ts';
import { presetScenario } from '../sim/presets.ts';

describe('tour and step keys', () => {
  it('open a chapter at a step', () => {
    const d = decodeHash('#tour=timeout&step=4');
    expect(d.errors).toEqual([]);
    expect(d.tour).toEqual({ id: 'timeout', step: 4 });
    expect(decodeHash('#tour=stale').tour).toEqual({ id: 'stale', step: 1 });
  });

  it('round-trip through encodeHash, before t', () => {
    const s = presetScenario('tiny-lazy');
    const h = encodeHash(s, 'tiny-lazy', { t: 1700, tour: { id: 'journey', step: 3 } });
    expect(h).toBe('v=4&p=tiny-lazy&tour=journey&step=3&t=1700');
    const d = decodeHash(h);
    expect(d.tour).toEqual({ id: 'journey', step: 3 });
    expect(d.t).toBe(1700);
  });

  it('name a bad value and keep the rest of the link', () => {
    const bad = decodeHash('#tour=stale&step=99&seed=5&fc=1');
    expect(bad.errors).toEqual(['step: "99" is not a step of the stale tour; expected 1 to 3; opening step 1']);
    expect(bad.tour).toEqual({ id: 'stale', step: 1 });
    expect(bad.scenario.seed).toBe(5);
    expect(bad.focusCpu).toBe(1);
    expect(decodeHash('#tour=stale&step=1.5').errors[0]).toMatch(/^step: "1.5" is not a step/);
    const unknown = decodeHash('#tour=nope&seed=5');
    expect(unknown.errors).toEqual(['tour: unknown chapter "nope" (chapters: journey, lazy-fast, stale, counters, timeout, allocator, collapses, versions); no tour opened']);
    expect(unknown.tour).toBeUndefined();
    expect(unknown.scenario.seed).toBe(5);
    expect(decodeHash('#step=2').errors).toEqual(['step: "2" given without tour; ignored']);
  });

  it('leave links without them unchanged', () => {
    const d = decodeHash('#v=4&p=timeout-flood&cr=1&t=5');
    expect(d.tour).toBeUndefined();
    expect(encodeHash(d.scenario, d.preset, { t: d.t })).toBe('v=4&p=timeout-flood&cr=1&t=5');
  });
});
