import { describe, expect, it } from 'vitest';
import type { RunSeries } from '../../store/playback.ts';
import { meanIops } from './previous.ts';

describe('meanIops', () => {
  it('is completed I/Os over the series length, per second', () => {
    const s = { bucketNs: 1e6, ios: [100, 300, 200, 400] } as unknown as RunSeries;
    expect(meanIops(s)).toBe(250_000); // 1000 I/Os in 4 ms
    expect(meanIops({ bucketNs: 1e6, ios: [] } as unknown as RunSeries)).toBe(0);
  });
});
