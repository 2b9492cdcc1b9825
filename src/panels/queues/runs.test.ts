import { describe, expect, it } from 'vitest';
import { SLOT_COVERED as C, SLOT_EMPTY as E, SLOT_WAITING as W } from '../../sim/view.ts';
import { queued, ringCounts, slotRuns } from './runs.ts';

describe('slot runs', () => {
  it('groups equal states and skips empty slots', () => {
    const s = Uint8Array.from([E, C, C, W, W, W, E, E]);
    expect(slotRuns(s, 0, 8)).toEqual([1, 2, C, 3, 3, W]);
    expect(ringCounts(s, 0, 8)).toEqual({ waiting: 3, covered: 2 });
  });

  it('reads only its own ring of a flat array', () => {
    const s = Uint8Array.from([W, W, W, W, E, C, E, W]);
    expect(slotRuns(s, 4, 4)).toEqual([1, 1, C, 3, 1, W]);
    expect(ringCounts(s, 4, 4)).toEqual({ waiting: 1, covered: 1 });
  });

  it('an empty ring has no runs; a wrapped ring splits at the array end', () => {
    expect(slotRuns(new Uint8Array(16), 0, 16)).toEqual([]);
    // head = 14, tail = 2 (wrapped): slots 14, 15, 0, 1 are queued
    const s = new Uint8Array(16);
    s[14] = s[15] = C;
    s[0] = C;
    s[1] = W;
    expect(slotRuns(s, 0, 16)).toEqual([0, 1, C, 1, 1, W, 14, 2, C]);
  });

  it('counts queued entries modulo the ring size', () => {
    expect(queued(0, 0, 256)).toBe(0);
    expect(queued(10, 40, 256)).toBe(30);
    expect(queued(250, 4, 256)).toBe(10);
    expect(queued(1, 0, 256)).toBe(255);
  });
});
