import { describe, expect, it } from 'vitest';
import { blankView } from '../testing/blankView.ts';
import { iotlbSummary, modeNote } from './text.ts';

describe('IOTLB words', () => {
  it('lazy: names the stale window as the security cost', () => {
    const v = blankView({ cpus: 4 });
    v.iotlbValid = 300;
    v.iotlbStale = 12;
    v.staleMax = 40;
    v.staleMaxNs = 9_800_000;
    expect(iotlbSummary(v)).toBe(
      'IOTLB of 512 translations: 300 valid, 12 stale now; at most 40 stale at once; longest stale window 9.8 ms. ' + modeNote(v),
    );
    expect(modeNote(v)).toContain('security cost of lazy mode');
  });

  it('strict: says nothing stays stale, unless stale entries came from an earlier lazy period', () => {
    const v = blankView({ cpus: 4, mode: 'strict' });
    expect(modeNote(v)).toContain('the stale count stays 0');
    v.staleMax = 3;
    expect(modeNote(v)).toContain('earlier lazy period');
  });

  it('passthrough: no IOTLB', () => {
    expect(modeNote(blankView({ cpus: 1, mode: 'passthrough' }))).toMatch(/^Passthrough/);
  });
});
