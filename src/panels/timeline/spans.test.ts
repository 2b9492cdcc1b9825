import { describe, expect, it } from 'vitest';
import type { Span } from '../../sim/view.ts';
import { byKind, msDecimals, pixelRuns, recordedWindow, spansAt, visibleRange } from './spans.ts';

const sp = (cpu: number, kind: Span['kind'], t0: number, t1: number): Span => ({ cpu, kind, t0, t1 });

describe('timeline spans', () => {
  it('groups spans by kind', () => {
    const m = byKind([sp(0, 'unmap', 0, 1), sp(1, 'flush_full', 2, 3), sp(0, 'unmap', 4, 5)]);
    expect(m.get('unmap')).toEqual([0, 2]);
    expect(m.get('flush_full')).toEqual([1]);
  });

  it('maps to pixels, at least 1 px wide, clipped to the range', () => {
    // 1000 ns onto 100 px: 10 ns per px
    const s = [sp(0, 'unmap', 100, 300), sp(1, 'unmap', 500, 500), sp(0, 'unmap', -50, 20), sp(0, 'unmap', 2000, 3000)];
    const r = pixelRuns(s, [0, 1, 2, 3], 0, 1000, 0, 100, 2);
    const rects = [];
    for (let i = 0; i < r.length; i += 3) rects.push(r.slice(i, i + 3));
    expect(rects).toContainEqual([1, 50, 51]);
    expect(rects).toContainEqual([0, 10, 30]);
    expect(rects).toContainEqual([0, 0, 2]);
    expect(rects).toHaveLength(3);
  });

  it('merges marks of one lane that touch in pixel space, not across lanes', () => {
    // 1 ns per px / 10: spans 3 ns apart at 0.1 px/ns fall into the same pixels
    const s = Array.from({ length: 100 }, (_, i) => sp(i % 2, 'unmap', i * 3, i * 3 + 1));
    const r = pixelRuns(s, s.map((_, i) => i), 0, 1000, 0, 100, 2);
    expect(r).toEqual([0, 0, 30, 1, 0, 30]);
  });

  it('finds the spans under the pointer, in the right row', () => {
    const s = [sp(2, 'unmap', 0, 100), sp(2, 'flush_full', 50, 400), sp(3, 'flush_full', 0, 1000), sp(2, 'timer_arm', 60, 60)];
    expect(spansAt(s, 2, -1, 60, 0).map((x) => x.kind)).toEqual(['flush_full', 'unmap', 'timer_arm']);
    expect(spansAt(s, 2, 0, 60, 0).map((x) => x.kind)).toEqual(['unmap', 'timer_arm']);
    expect(spansAt(s, 2, 1, 200, 0).map((x) => x.kind)).toEqual(['flush_full']);
    expect(spansAt(s, 2, 1, 500, 50)).toEqual([]);
  });

  it('clips the brushed range to the window, or falls back to the window', () => {
    expect(visibleRange(null, [10, 20])).toEqual([10, 20]);
    expect(visibleRange([12, 15], [10, 20])).toEqual([12, 15]);
    expect(visibleRange([5, 15], [10, 20])).toEqual([10, 15]);
    expect(visibleRange([30, 40], [10, 20])).toEqual([10, 20]);
    expect(visibleRange(null, [7, 7])).toEqual([7, 8]);
  });

  it('prints enough decimals for the tick step', () => {
    expect(msDecimals(1e6)).toBe(0);
    expect(msDecimals(2e5)).toBe(1);
    expect(msDecimals(5e4)).toBe(2);
    expect(msDecimals(1e3)).toBe(3);
  });
});

describe('recordedWindow (issue 18: the axis starts where the recorded spans begin)', () => {
  it('starts where per-I/O spans are recorded, inside the window', () => {
    expect(recordedWindow([0, 11_000_000], 9_000_000)).toEqual([9_000_000, 11_000_000]);
    expect(recordedWindow([1000, 11_000_000], 0)).toEqual([1000, 11_000_000]);
  });
  it('the whole window when detail starts at or past its end (no empty range)', () => {
    expect(recordedWindow([1000, 11_000_000], 11_000_000)).toEqual([1000, 11_000_000]);
  });
});
