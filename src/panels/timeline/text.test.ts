import { describe, expect, it } from 'vitest';
import type { Span } from '../../sim/view.ts';
import { kindStats, spanTooltip, timelineSummary, timelineTable } from './text.ts';

const spans: Span[] = [
  { cpu: 0, kind: 'unmap', t0: 1000, t1: 3000 },
  { cpu: 1, kind: 'flush_full', t0: 2000, t1: 12_000 },
  { cpu: 0, kind: 'timer_arm', t0: 3000, t1: 3000 },
  { cpu: 2, kind: 'ring_lock_wait', t0: 0, t1: 500 },
  { cpu: 2, kind: 'ring_lock_wait', t0: 9000, t1: 20_000 },
];

describe('timeline words', () => {
  it('clips durations to the range', () => {
    const st = kindStats(spans, 0, 10_000);
    expect(st.get('ring_lock_wait')).toEqual({ count: 2, totalNs: 1500, maxNs: 1000 });
    expect(st.get('flush_full')!.totalNs).toBe(8000);
  });

  it('describes a span', () => {
    expect(spanTooltip(spans[1])).toBe('CPU 1 · flush: ring full (queue_iova): 0.002 ms – 0.012 ms (10 µs)');
    expect(spanTooltip(spans[2])).toBe('CPU 0 · timer armed (fq_timer_on 0→1): at 0.003 ms');
  });

  it('summarises the visible range', () => {
    const s = timelineSummary(spans, [0, 10_000], 4);
    expect(s).toContain('on 4 CPUs from 0.000 ms to 0.010 ms: 1 unmaps');
    expect(s).toContain('1 flush on a full ring; 0 by the FQ timeout; timer armed 1× and fired 0×');
    expect(s).toContain('2 ring-lock waits (longest 1 µs)');
  });

  it('tabulates kinds that occur, instants without durations', () => {
    const t = timelineTable(spans, [0, 10_000]);
    expect(t.map((r) => r[0])).toEqual(['What', 'unmap (until queued or synced)', 'flush: ring full (queue_iova)', 'timer armed (fq_timer_on 0→1)', 'waiting for a ring lock']);
    expect(t[3]).toEqual(['timer armed (fq_timer_on 0→1)', '1', '—', '—']);
  });
});
