// Where every step of every chapter fires (issue 15: "a Node test pins the simulated time at which
// each step's when fires"): [event index in the time-ordered trace, simulated ns], seed 1 of each
// chapter's scenario. The page's tour worker runs the same scan (src/worker/tour.worker.ts) and
// e2e/tours.spec.ts checks the browser lands on the same numbers.

import { describe, expect, it } from 'vitest';
import { CHAPTERS, TOUR_IDS } from './chapters.ts';
import { scanChapter } from './scan.ts';
import { runScenario } from '../run.ts';
import { chapterScenario } from './scan.ts';

const GOLDEN: Record<string, [number, number][]> = {
  journey: [[2, 1700], [16, 225166], [17, 225356], [18, 225356], [118, 1333215], [120, 1337320], [121, 1337360], [1955, 15039379]],
  'lazy-fast': [[59, 15110], [4226, 1007640], [4239, 1011720], [32320, 5000157]],
  stale: [[16, 225166], [118, 1333215], [119, 1337295]],
  counters: [[17, 225356], [118, 1333215], [119, 1337295], [2632, 20265830]],
  timeout: [[18, 225356], [1343, 10225356], [1344, 10225936], [1345, 10230016], [1352, 10230251], [1356, 10230346]],
  allocator: [[2, 1700], [121, 1337360], [129, 1337600], [137, 1337920], [151, 1340955], [289, 2257038]],
  collapses: [[2, 1700], [7897, 1155775], [170757, 15000073]],
  versions: [[2, 1700], [7897, 1155775], [169295, 15000343]],
};

describe('tour chapters', () => {
  it('are the eight fixed ids, in order', () => {
    expect(CHAPTERS.map((c) => c.id)).toEqual([...TOUR_IDS]);
  });

  for (const ch of CHAPTERS) {
    it(`${ch.id}: every step fires at its pinned event`, () => {
      const r = scanChapter(ch);
      expect(r.missing).toEqual([]);
      expect(r.hits.map((h) => [h.index, h.t])).toEqual(GOLDEN[ch.id]);
      // Steps fire in order, each on a later event than the one before.
      for (let i = 1; i < r.hits.length; i++) expect(r.hits[i].index).toBeGreaterThan(r.hits[i - 1].index);
      for (const h of r.hits) expect(h.text).not.toMatch(/undefined|NaN/);
    }, 60_000);
  }

  it('the event index is the position in the recorded trace (the --trace file order)', () => {
    const ch = CHAPTERS.find((c) => c.id === 'timeout')!;
    const hits = scanChapter(ch).hits;
    const s = chapterScenario(ch);
    s.durationMs = 11;
    const { trace } = runScenario(s, { recordLimit: 2000 });
    for (const h of hits) expect(trace.events[h.index]).toEqual(h.event);
  }, 60_000);
});
