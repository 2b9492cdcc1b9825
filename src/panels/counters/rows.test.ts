import { describe, expect, it } from 'vitest';
import { blankView } from '../testing/blankView.ts';
import { fmtNs } from '../format.ts';
import { counterRows, countersSummary, ROW_KEYS } from './rows.ts';

describe('counter rows', () => {
  it('lists every row in a fixed order', () => {
    expect(counterRows(blankView({ cpus: 1 })).map((r) => r.key)).toEqual([...ROW_KEYS]);
  });

  it('shows flushes in flight and the pending timer', () => {
    const v = blankView({ cpus: 4 });
    v.t = 5_000_000;
    v.fqFlushStartCnt = 12;
    v.fqFlushFinishCnt = 11;
    v.fqTimerOn = 1;
    v.timerExpires = 12_000_000;
    v.timerCpu = 2;
    v.flushes = { full: 9, timeout: 3 };
    const r = Object.fromEntries(counterRows(v).map((x) => [x.key, x]));
    expect(r.finish.note).toMatch(/^1 flush in flight/);
    expect(r.expires.value).toBe('12.000 ms');
    expect(r.expires.note).toMatch(/^in 7 ms, on CPU 2/);
    expect(r.flushes.value).toBe('9 / 3');
    expect(r.flushes.note).toContain('75 % on a full ring');
  });

  it('says whether counter reuse is on', () => {
    const v = blankView({ cpus: 1 });
    const savedRow = () => counterRows(v).find((r) => r.key === 'saved')!;
    expect(savedRow().note).toMatch(/^off \(mainline\)/);
    v.counterReuse = true;
    v.counterReads.finishSaved = 40;
    const saved = savedRow();
    expect(saved.value).toBe('40');
    expect(saved.note).toMatch(/atomic64_inc_return/);
  });

  it('shows the collapse observables: allocator CPU %, spinners, longest timeout and IRQs-off section, lockups', () => {
    const v = blankView({ cpus: 4 });
    const row = (k: string) => counterRows(v).find((r) => r.key === k)!;
    expect([row('allocCpu').value, row('spinners').value, row('timeoutMax').value, row('irqOff').value, row('watchdog').value]).toEqual(['0.0 %', '0', '—', '—', '0 / 0']);
    expect(row('watchdog').note).toMatch(/^none/);
    v.allocCpuPct = 93.456;
    v.rbtreeSpinnersMax = 127;
    v.longestTimeoutNs = 4_720_000;
    v.longestIrqOffNs = 2_907_065;
    v.watchdog = { soft: 1, hard: 2 };
    expect(row('allocCpu').value).toBe('93.5 %');
    expect(row('spinners').value).toBe('127');
    expect(row('timeoutMax').value).toBe(fmtNs(4_720_000));
    expect(row('irqOff').value).toBe(fmtNs(2_907_065));
    expect(row('watchdog').value).toBe('1 / 2');
    expect(row('watchdog').note).toMatch(/throughput chart/);
  });

  it('an unarmed timer has no expiry', () => {
    const r = counterRows(blankView({ cpus: 1 })).find((x) => x.key === 'expires')!;
    expect(r.value).toBe('—');
    expect(countersSummary(blankView({ cpus: 1 }))).toContain('fq_timer_on 0');
  });
});
