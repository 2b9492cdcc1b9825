import { describe, expect, it } from 'vitest';
import { playingCull, sameArray, sameInputs } from './hooks.ts';

describe('draw skipping', () => {
  it('sameInputs: false on the first draw and after any change, true for the same values', () => {
    const last = { current: null as readonly unknown[] | null };
    const spans: unknown[] = [];
    expect(sameInputs(last, [spans, 1, NaN])).toBe(false);
    expect(sameInputs(last, [spans, 1, NaN])).toBe(true);
    // a new array with the same content is a different input (spans are replaced, never mutated)
    expect(sameInputs(last, [[], 1, NaN])).toBe(false);
    expect(sameInputs(last, [[], 1])).toBe(false);
  });

  it('sameArray compares typed arrays element by element', () => {
    expect(sameArray(new Float64Array([1, 2, 3]), new Float64Array([1, 2, 3]))).toBe(true);
    expect(sameArray(new Float64Array([1, 2, 3]), new Float64Array([1, 2, 4]))).toBe(false);
    expect(sameArray(new Uint8Array([1, 2]), new Uint8Array([1, 2, 0]))).toBe(false);
  });

  it('panels are culled only while the page plays: a paused, stepping or seeking page draws every panel', () => {
    let status = 'playing';
    const cull = playingCull({ getState: () => ({ status }) }, { current: null });
    expect(cull.active()).toBe(true);
    for (status of ['seeking', 'paused', 'loading', 'error', 'idle']) expect(cull.active()).toBe(false);
  });
});
