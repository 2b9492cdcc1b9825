import { describe, expect, it } from 'vitest';
import { blankView, pushEntries } from '../testing/blankView.ts';
import { queuesSummary, queuesTable, ringTooltip, slotTooltip } from './text.ts';

function view() {
  const v = blankView({ cpus: 4, fqSize: 16 });
  v.fqFlushStartCnt = 5;
  v.fqFlushFinishCnt = 4;
  pushEntries(v, 1, [2, 3, 4, 4]); // two covered (2, 3 < 4), two waiting
  pushEntries(v, 3, [4]);
  return v;
}

describe('flush-queue words', () => {
  it('explains a waiting and a covered slot with their stamps', () => {
    const v = view();
    expect(slotTooltip(v, 1, 0)).toBe('CPU 1, slot 0: covered by a finished flush, not yet retired (pfn 0x1000, 1 page, counter 2 < fq_flush_finish_cnt 4)');
    expect(slotTooltip(v, 1, 3)).toMatch(/^CPU 1, slot 3: waiting for a flush \(pfn 0x1003, 1 page, counter 4; fq_flush_finish_cnt 4 must exceed 4\)$/);
    expect(slotTooltip(v, 0, 7)).toBe('CPU 0, slot 7: free');
  });

  it('summarises a ring and all rings', () => {
    const v = view();
    expect(ringTooltip(v, 1)).toMatch(/^CPU 1: 4 of 15 queued \(2 waiting, 2 covered\), head 0, tail 4; /);
    const s = queuesSummary(v, 3);
    expect(s).toContain('4 per-CPU flush queues of 16 slots');
    expect(s).toContain('5 entries queued: 3 waiting for a flush, 2 covered');
    expect(s).toContain('Fullest: CPU 1 (4)');
    expect(s).toContain('Focused CPU 3: 1 of 15 queued');
  });

  it('says the queues are empty in strict mode', () => {
    const v = blankView({ cpus: 2, mode: 'strict' });
    expect(queuesSummary(v, 0)).toMatch(/^Strict mode: unmaps are not queued/);
    expect(queuesSummary(null, 0)).toBe('No simulation state yet.');
  });

  it('names the v6.7+ single queue', () => {
    const v = blankView({ cpus: 8, nrings: 1, fqSize: 32768, kernel: '6.7' });
    pushEntries(v, 0, [0]);
    expect(queuesSummary(v, 5)).toContain('one shared flush queue of 32,768 slots');
    expect(slotTooltip(v, 0, 0)).toMatch(/^the single queue, slot 0: waiting/);
  });

  it('tabulates every ring', () => {
    const rows = queuesTable(view());
    expect(rows).toHaveLength(5);
    expect(rows[0]).toEqual(['Ring', 'Queued', 'Waiting', 'Covered', 'Head', 'Tail']);
    expect(rows[2]).toEqual(['CPU 1', '4', '2', '2', '0', '4']);
  });
});
