// The 'episodic' verdict (cliff.ts, issue 20): collapses that recur after recovering, with the
// hysteresis that keeps one flickering collapse from counting twice, and the markers the page and
// panels draw from it.

import { describe, expect, it } from 'vitest';
import { cliffVerdict, runCliff, verdictMarkers, verdictMarksMs } from './cliff.ts';

const flat = (n: number, v: number): number[] => Array.from({ length: n }, () => v);
/** `n` buckets at 1000 with `v` in [a, b). */
function withDip(n: number, dips: [number, number, number][]): number[] {
  const iops = flat(n, 1000);
  for (const [a, b, v] of dips) for (let i = a; i < b; i++) iops[i] = v;
  return iops;
}

describe("cliffVerdict: 'episodic'", () => {
  it('falls, recovers, falls again: episodic, with where each episode began', () => {
    const v = cliffVerdict(withDip(100, [[40, 50, 100], [60, 70, 100]]), 1, 30);
    // a 5 ms window first falls below 700 at 37 (3 high + 2 low: 640) and again at 57; the last
    // quarter is back at 1000, yet it is not a dip: it fell twice
    expect(v).toMatchObject({ verdict: 'episodic', episodesAtMs: [37, 57], atMs: 37, iopsAfter: 1000, recovered: true });
  });

  it('one fall that recovers is still dip-recovered (one episode)', () => {
    const v = cliffVerdict(withDip(100, [[40, 50, 100]]), 1, 30);
    expect(v).toMatchObject({ verdict: 'dip-recovered', episodesAtMs: [37] });
  });

  it('a run cut inside a later collapse is still episodic: it came back once already', () => {
    // 40–50 down (recovered after 13 ms), then 80–100 down: the last quarter (75–100) is mostly low
    const iops = withDip(100, [[40, 50, 100], [80, 100, 100]]);
    const v = cliffVerdict(iops, 1, 30);
    expect(v.drop).toBeGreaterThan(0.3);
    expect(v).toMatchObject({ verdict: 'episodic', episodesAtMs: [37, 77], recovered: false });
    // Without the first fall, the same ending is a cliff.
    expect(cliffVerdict(withDip(100, [[80, 100, 100]]), 1, 30).verdict).toBe('cliff');
  });

  it('fell and stayed: the last collapse covers the last quarter and outlasts twice any it came back from', () => {
    // 40–45 down (recovered after 8 ms), then down from 60 to the end (43 ms > 2 × 8)
    const stayed = cliffVerdict(withDip(100, [[40, 45, 100], [60, 100, 100]]), 1, 30);
    expect(stayed).toMatchObject({ verdict: 'cliff', episodesAtMs: [37, 57], recovered: false });
    // The same last collapse after a first one of 25 ms (2 × 28 > 43): episodic.
    expect(cliffVerdict(withDip(100, [[30, 55, 100], [60, 100, 100]]), 1, 20).verdict).toBe('episodic');
  });

  it('hysteresis: a collapse that hovers around the threshold (below 700, up to 800) counts once', () => {
    // 40–70: alternating 5 ms at 500 and 5 ms at 800; every window stays under the 850 recovery level
    const iops = flat(100, 1000);
    for (let i = 40; i < 70; i++) iops[i] = Math.floor((i - 40) / 5) % 2 ? 800 : 500;
    const v = cliffVerdict(iops, 1, 30);
    expect(v.episodesAtMs).toHaveLength(1);
    expect(v.verdict).toBe('dip-recovered');
    // A recovery to 900 (above 850) between the two halves makes it two episodes.
    const two = withDip(100, [[40, 50, 500], [50, 60, 900], [60, 70, 500]]);
    expect(cliffVerdict(two, 1, 30)).toMatchObject({ verdict: 'episodic' });
  });

  it('a run that ends inside a pause stays ends-in-pause even with an earlier episode', () => {
    const pause = { kind: 'pause' as const, atMs: 80, forMs: 40, cpus: [1] };
    const ios = withDip(100, [[40, 50, 100], [80, 100, 0]]);
    expect(runCliff(ios, 1e6, { interventions: [pause] }).verdict).toBe('ends-in-pause');
  });
});

describe('verdict markers (page and panels)', () => {
  it("episodic: one 'episode' marker per collapse; cliff: one 'cliff'; dip and stable: none", () => {
    const none = { interventions: [] };
    // no intervention: the trigger is at a quarter (25 ms)
    const ep = withDip(100, [[40, 50, 100], [70, 80, 100]]).map((x) => x / 1000);
    expect(verdictMarkers(ep, 1e6, none)).toEqual([
      { t: 37e6, kind: 'episode', cpu: -1 },
      { t: 67e6, kind: 'episode', cpu: -1 },
    ]);
    const cl = withDip(100, [[70, 100, 100]]).map((x) => x / 1000);
    expect(verdictMarkers(cl, 1e6, none)).toEqual([{ t: 67e6, kind: 'cliff', cpu: -1 }]);
    expect(verdictMarkers(withDip(100, [[40, 50, 100]]).map((x) => x / 1000), 1e6, none)).toEqual([]);
    expect(verdictMarksMs(cliffVerdict(flat(100, 1000), 1, 30))).toEqual([]);
    // fell and stayed after a recovered dip: marked where the collapse that stayed began
    expect(verdictMarksMs(cliffVerdict(withDip(100, [[40, 45, 100], [60, 100, 100]]), 1, 30))).toEqual([57]);
  });
});
