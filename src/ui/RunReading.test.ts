import { describe, expect, it } from 'vitest';
import { presetScenario } from '../sim/presets.ts';
import { runScenario, type Summary } from '../sim/run.ts';
import { fmtPct } from './format.ts';
import { counterReuseBound } from '../sim/counterReuseBound.ts';
import { counterReuseBoundNote, counterReuseNote, fmtSmallPct, referenceNote, runLabel, strictNote, type RunRef } from './RunReading.tsx';

const tiny = presetScenario('tiny-lazy');
const run = (patch: object): Summary => runScenario({ ...tiny, ...patch }).summary;

describe('how to read a run', { timeout: 60_000 }, () => {
  const lazy = run({});
  // 16 CPUs on one IOMMU queue: strict's wait is large (the 2-CPU tiny preset barely waits).
  const strict = runScenario({ ...presetScenario('default'), mode: 'strict', durationMs: 5 }).summary;
  const reuse = run({ counterReuse: true });

  it('strict: states the one-invalidation-per-unmap assumption with its cost and the queue wait share', () => {
    expect(strictNote(lazy, 2000)).toBeNull();
    const note = strictNote(strict, 2000)!;
    expect(note).toContain('invRangeNs = 2,000 ns');
    expect(note).toContain(`one IOMMU command queue shared by all ${strict.cpus} CPUs`);
    const share = strict.lockWaitNs.iommu_cmdq / (strict.cpus * strict.simulatedMs * 1e6);
    expect(share).toBeGreaterThan(0);
    expect(share).toBeGreaterThan(0.3);
    expect(note).toContain(`spent ${fmtPct(share)} of their time waiting`);
  });

  it('counter reuse: reads saved, the IOPS change against the same run without it, near zero expected', () => {
    expect(counterReuseNote(lazy, null)).toBeNull();
    expect(reuse.counterReads.finishSaved).toBeGreaterThan(0);
    const alone = counterReuseNote(reuse, null)!;
    expect(alone).toContain(`saved ${reuse.counterReads.finishSaved.toLocaleString('en-US')} reads of fq_flush_finish_cnt`);
    expect(alone).toContain('Turn it off');
    expect(alone).toContain('A change near zero is the expected finding');
    const off: RunRef = { iops: lazy.iops, label: runLabel(lazy), counterReuse: false, sameButReuse: true };
    const change = ((reuse.iops - lazy.iops) / lazy.iops) * 100;
    const cmp = counterReuseNote(reuse, off)!;
    expect(cmp).toContain(`${change >= 0 ? '+' : ''}${change.toFixed(2)} %`);
    expect(cmp).not.toContain('Turn it off');
    // Turned off after a run with it: still compared, from the other side.
    const on: RunRef = { iops: reuse.iops, label: runLabel(reuse), counterReuse: true, sameButReuse: true };
    expect(counterReuseNote(lazy, on)).toContain(`${change >= 0 ? '+' : ''}${change.toFixed(2)} %`);
    // Another scenario is no comparison.
    expect(counterReuseNote(lazy, { ...on, sameButReuse: false })).toBeNull();
  });

  it("counter reuse: the bound of what it can save, John Garry's +2.4 % and the behavioural channel beside it (issue 20)", () => {
    const b = counterReuseBound(reuse, tiny.costs.atomicRemoteNs, tiny.cpus);
    expect(b.savedReads).toBe(reuse.counterReads.finishSaved);
    const note = counterReuseNote(reuse, null, b)!;
    expect(note).toContain(counterReuseBoundNote(b));
    expect(note).toContain(`${b.savedReads.toLocaleString('en-US')} reads saved`);
    expect(note).toContain(`at most ${fmtSmallPct(b.bound)} of CPU time`);
    expect(note).toContain('+2.4 %');
    expect(note).toContain(`freesByTimerAfterFlush = ${reuse.freesByTimerAfterFlush}`);
    // Off, with nothing to compare: no reading at all, bound or not.
    expect(counterReuseNote(lazy, null, counterReuseBound(lazy, 80, 2))).toBeNull();
    // Estimated for a run without it, when compared with one that had it.
    const on: RunRef = { iops: reuse.iops, label: runLabel(reuse), counterReuse: true, sameButReuse: true };
    expect(counterReuseNote(lazy, on, counterReuseBound(lazy, 80, 2))).toContain('reads it would save');
    expect([fmtSmallPct(0), fmtSmallPct(0.000123), fmtSmallPct(0.024)]).toEqual(['0 %', '0.012 %', '2.4 %']);
  });

  it('the reference: the previous run named, with the ratio', () => {
    expect(referenceNote(lazy, null)).toBeNull();
    const prev: RunRef = { iops: lazy.iops, label: runLabel(lazy), counterReuse: false, sameButReuse: false };
    const note = referenceNote(strict, prev)!;
    expect(note).toContain(`previous run (lazy, kernel ${lazy.kernel}, ${lazy.cpus} CPUs)`);
    expect(note).toMatch(/\(\d+ % of it\)|\([\d.]+× it\)/);
  });
});
