import { describe, expect, it } from 'vitest';
import { fmtInt, fmtPct, fmtSi, fmtUs } from './format.ts';

describe('format', () => {
  it('formats independently of the locale', () => {
    expect(fmtInt(1246290)).toBe('1,246,290');
    expect(fmtUs(0)).toBe('0');
    expect(fmtUs(1659880)).toBe('1,659.9');
    expect(fmtPct(0.674)).toBe('67.4 %');
    expect(fmtPct(0)).toBe('0 %');
    expect(fmtPct(0.0001)).toBe('< 0.1 %');
    expect(fmtSi(2_260_000)).toBe('2.26M');
    expect(fmtSi(115_000)).toBe('115k');
    expect(fmtSi(3)).toBe('3');
  });
});
