// The predict answers (predict.ts): first on made-up states, then against what each chapter's run
// actually does right after the question (the answer is computed from the state before; the run
// is the referee).

import { describe, expect, it } from 'vitest';
import { presetScenario } from '../presets.ts';
import { resolve } from '../scenario.ts';
import { runScenario } from '../run.ts';
import type { TraceEvent } from '../trace.ts';
import { CHAPTERS } from './chapters.ts';
import { TourCtx } from './context.ts';
import { insertTarget, nextAllocHits, retirable, ringsToRetire } from './predict.ts';
import { chapterScenario, scanChapter } from './scan.ts';

const entry = (idx: number, counter: number) => ({ idx, pfn: 100 + idx, pages: 1, counter, t: 0 });

function ctx(): TourCtx {
  const s = presetScenario('tiny-lazy');
  return new TourCtx(s, resolve(s), { attempts: 0, failures: 0, retries: 0, successes: 0 });
}

const ev = (e: Partial<TraceEvent> & { ev: string }): TraceEvent => ({ t: 0, cpu: 0, ...e }) as TraceEvent;

describe('predict answers on made-up states', () => {
  it('retirable stops at the first entry not covered (FIFO), not counting later covered ones', () => {
    expect(retirable([entry(0, 0), entry(1, 0), entry(2, 1)], 1)).toBe(2);
    expect(retirable([entry(0, 1), entry(1, 0)], 1)).toBe(0);
    expect(retirable([entry(0, 0), entry(1, 0)], 5)).toBe(2);
    expect(retirable([], 5)).toBe(0);
  });

  it('ringsToRetire lists every ring with covered entries, in CPU order', () => {
    const c = ctx();
    c.apply(ev({ ev: 'fq_add', cpu: 1, ring: 1, idx: 0, pfn: 7, pages: 1, counter: 2 }));
    c.apply(ev({ ev: 'fq_add', cpu: 0, ring: 0, idx: 0, pfn: 8, pages: 1, counter: 3 }));
    c.apply(ev({ ev: 'fq_add', cpu: 0, ring: 0, idx: 1, pfn: 9, pages: 1, counter: 3 }));
    expect(ringsToRetire(c, 3)).toEqual([{ ring: 1, n: 1 }]);
    expect(ringsToRetire(c, 4)).toEqual([
      { ring: 0, n: 2 },
      { ring: 1, n: 1 },
    ]);
    c.apply(ev({ ev: 'fq_free', cpu: 0, ring: 1, idx: 0 }));
    expect(ringsToRetire(c, 3)).toEqual([]);
  });

  it('nextAllocHits follows loaded/prev, then the depot', () => {
    const c = ctx();
    expect(nextAllocHits(c, 0, 0)).toBe(false);
    c.apply(ev({ ev: 'rcache_insert', cpu: 1, cls: 0, to: 'loaded' }));
    expect(nextAllocHits(c, 0, 0)).toBe(false);
    expect(nextAllocHits(c, 1, 0)).toBe(true);
    c.apply(ev({ ev: 'rcache_get', cpu: 1, cls: 0, from: 'loaded' }));
    expect(nextAllocHits(c, 1, 0)).toBe(false);
    c.apply(ev({ ev: 'depot_reclaim', cpu: -1, cls: 0, depot: 1 }));
    expect(nextAllocHits(c, 0, 0)).toBe(true);
  });

  it('insertTarget: room, then the depot, then (fixed depot full) the rbtree', () => {
    const c = ctx();
    const m = c.magSize;
    expect(insertTarget(c, 0, 0, 1, false)).toBe('loaded or prev');
    for (let i = 0; i < 2 * m; i++) c.apply(ev({ ev: 'rcache_insert', cpu: 0, cls: 0, to: i < m ? 'loaded' : 'prev' }));
    expect(insertTarget(c, 0, 0, 1, false)).toBe('depot');
    c.apply(ev({ ev: 'rcache_insert', cpu: 0, cls: 0, to: 'depot' }));
    expect(c.heldOf(0, 0)).toBe(m + 1);
    for (let i = 0; i < m - 1; i++) c.apply(ev({ ev: 'rcache_insert', cpu: 0, cls: 0, to: 'loaded' }));
    expect(insertTarget(c, 0, 0, 1, false)).toBe('rbtree');
    expect(insertTarget(c, 0, 0, 1, true)).toBe('depot');
  });
});

/** The events of a chapter's run from `from` (an event index) on, at most n. */
function eventsAfter(chapterId: string, from: number, n: number): TraceEvent[] {
  const ch = CHAPTERS.find((c) => c.id === chapterId)!;
  const out: TraceEvent[] = [];
  let i = 0;
  const s = chapterScenario(ch);
  s.durationMs = Math.min(s.durationMs, 20);
  runScenario(s, { onEvent: (e) => void (i++ > from && out.length < n && out.push(e)) });
  return out;
}

describe('predict answers match what the run then does', () => {
  const predicted = CHAPTERS.flatMap((ch) => scanChapter(ch).hits.filter((h) => h.predict).map((h) => ({ ch: ch.id, h })));

  it('every chapter with predict steps is covered', () => {
    expect(predicted.map((p) => p.ch)).toEqual(['lazy-fast', 'counters', 'timeout', 'timeout', 'allocator', 'allocator']);
  });

  for (const { ch, h } of predicted) {
    it(`${ch} step ${h.step}`, () => {
      const p = h.predict!;
      const answer = p.options[p.answer];
      const e = h.event;
      if (e.ev === 'flush_finish' && e.reason === 'full') {
        // The free pass after the flush: this CPU's fq_free of its own ring before its next fq_add.
        const after = eventsAfter(ch, h.index, 5000);
        const end = after.findIndex((x) => x.ev === 'fq_add' && x.cpu === e.cpu);
        const freed = after.slice(0, end).filter((x) => x.ev === 'fq_free' && x.cpu === e.cpu && x.ring === e.cpu).length;
        expect(answer).toMatch(freed === 0 ? /^none/ : new RegExp(`(all|oldest) ${freed}$`));
      } else if (e.ev === 'flush_finish') {
        const after = eventsAfter(ch, h.index, 5000);
        const end = after.findIndex((x) => x.ev === 'timer_done' && x.cpu === e.cpu);
        const rings = [...new Set(after.slice(0, end).filter((x) => x.ev === 'fq_free' && x.cpu === e.cpu).map((x) => x.ring as number))].sort();
        expect(rings.length).toBeGreaterThan(1);
        for (const r of rings) expect(answer).toContain(`CPU ${r} (`);
      } else if (e.ev === 'fq_free') {
        const next = eventsAfter(ch, h.index, 5000).find((x) => x.ev === 'rcache_insert');
        expect(answer).toMatch(new RegExp(`^CPU ${next!.cpu}’s`));
        expect(next!.cpu).not.toBe(e.ring);
      } else if (e.ev === 'map') {
        expect(p.answer).toBe(e.src === 'rcache' || e.src === 'depot' ? 0 : 1);
      } else if (e.ev === 'rcache_insert') {
        expect(answer).toContain(e.to === 'depot' ? 'goes to the depot' : e.to === 'rbtree' ? 'back to the rbtree' : 'loaded or prev');
      } else throw new Error(`no referee for ${e.ev}`);
    });
  }
}, 120_000);
