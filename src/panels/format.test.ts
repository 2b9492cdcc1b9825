import { describe, expect, it } from 'vitest';
import { classLabel, fmtNs, fmtPfn, fmtT } from './format.ts';

describe('panel formatting', () => {
  it('picks a unit with at most three significant digits', () => {
    expect(fmtNs(0)).toBe('0 ns');
    expect(fmtNs(850)).toBe('850 ns');
    expect(fmtNs(12_500)).toBe('12.5 µs');
    expect(fmtNs(3_210_000)).toBe('3.21 ms');
    expect(fmtNs(1_050_000_000)).toBe('1.05 s');
  });
  it('prints moments in ms and pfns in hex', () => {
    expect(fmtT(12_345_678)).toBe('12.346 ms');
    expect(fmtPfn(0xfffff000)).toBe('0xfffff000');
  });
  it('labels size classes by their granule count', () => {
    expect(classLabel(0)).toBe('4 KiB');
    expect(classLabel(5)).toBe('128 KiB');
  });
});

describe('classLabel', () => {
  it('a class is 2^c granules: 4 KiB granules by default, 64 KiB ones on request', () => {
    expect([0, 5].map((c) => classLabel(c))).toEqual(['4 KiB', '128 KiB']);
    expect([0, 4, 5].map((c) => classLabel(c, 64))).toEqual(['64 KiB', '1 MiB', '2 MiB']);
  });
});
