import { describe, expect, it } from 'vitest';
import { KERNEL_VERSIONS, kernelRules } from '../../sim/kernel/versions.ts';
import { findLine, fnFile, lineText, PROGRAM } from './program.ts';
import { versionMark, versionsWith } from './versionMarks.ts';

const rules = (id: string) => kernelRules(id)!;

describe('pseudocode program', () => {
  it('has the functions of issue 15, each 5 to 15 lines (the driver’s loop is a short prologue)', () => {
    const ids = PROGRAM.map((f) => f.id);
    for (const fn of ['iommu_dma_unmap_page', 'queue_iova', 'fq_ring_free', 'fq_flush_iotlb', 'fq_flush_timeout', 'iova_rcache_insert', '__iova_rcache_get', 'alloc_iova_fast']) expect(ids).toContain(fn);
    for (const f of PROGRAM) {
      if (f.id === 'driver') continue;
      // The heading is not a numbered line; 4 body lines + heading = 5 for fq_flush_iotlb.
      expect(f.lines.length + 1, f.id).toBeGreaterThanOrEqual(5);
      expect(f.lines.length, f.id).toBeLessThanOrEqual(15);
    }
  });

  it('every line has words under every modelled kernel version', () => {
    for (const v of KERNEL_VERSIONS)
      for (const f of PROGRAM) f.lines.forEach((l, i) => expect(lineText(l, v.rules).length, `${v.id} ${f.id}:${i + 1}`).toBeGreaterThan(5));
  });

  it('a versioned line has one wording for each value its rule takes across the versions, and they differ', () => {
    for (const f of PROGRAM)
      for (const l of f.lines) {
        if (!l.v) continue;
        const values = new Set(KERNEL_VERSIONS.map((v) => String(v.rules[l.v!.rule])));
        for (const val of values) expect(l.v.forms[val], `${f.id} ${l.v.rule}=${val}`).toBeTruthy();
        expect(new Set(Object.values(l.v.forms)).size).toBe(Object.keys(l.v.forms).length);
      }
  });

  it('the SAC line reads differently at 6.5 and 6.6 (791c2b17fb40)', () => {
    const sac = findLine('iommu_dma_alloc_iova:1')!.line;
    expect(lineText(sac, rules('6.5'))).toMatch(/on every allocation/);
    expect(lineText(sac, rules('6.6'))).toMatch(/pci_32bit_workaround/);
    expect(sac.v!.commit).toMatch(/^791c2b17fb40/);
  });

  it('depot, magazine size and free_iova lock rules follow versions.ts', () => {
    const depot = findLine('iova_rcache_insert:5')!.line;
    expect(lineText(depot, rules('6.6'))).toMatch(/MAX_GLOBAL_MAGS/);
    expect(lineText(depot, rules('6.7'))).toMatch(/iova_depot_push/);
    const mag = findLine('iova_rcache_insert:2')!.line;
    expect(lineText(mag, rules('5.18'))).toMatch(/128 pfns/);
    expect(lineText(mag, rules('6.0'))).toMatch(/127 pfns/);
    const free = findLine('free_iova_fast:2')!.line;
    expect(lineText(free, rules('5.10'))).toMatch(/takes it again/);
    expect(lineText(free, rules('5.11'))).toMatch(/one hold/);
  });

  it('the flush-queue functions live in iova.c up to 5.16, dma-iommu.c from 5.17', () => {
    const q = PROGRAM.find((f) => f.id === 'queue_iova')!;
    expect(fnFile(q, rules('5.15'))).toBe('iova.c');
    expect(fnFile(q, rules('5.17'))).toBe('dma-iommu.c');
  });
});

describe('version markers', () => {
  it('name the versions that share a wording, from versions.ts', () => {
    expect(versionsWith('sacStopsAfterFailure', 'true')).toBe('6.6–6.12');
    expect(versionsWith('sacStopsAfterFailure', 'false')).toBe('5.4–6.5');
    // 5.15.y has the backport, mainline 5.17 does not: two runs.
    expect(versionsWith('max32ResetAnyFree', 'true')).toBe('5.15, 5.18–6.12');
    expect(versionsWith('max32ResetAnyFree', 'false')).toBe('5.4–5.13, 5.17');
  });

  it('the tooltip names the commit, this kernel and the other wording with its versions', () => {
    const sac = findLine('iommu_dma_alloc_iova:1')!.line;
    const m = versionMark(sac.v!, rules('6.5'));
    expect(m.label).toBe('5.4–6.5');
    expect(m.tip).toContain('791c2b17fb40');
    expect(m.tip).toContain('Kernel 6.5');
    expect(m.tip).toContain(`In 6.6–6.12: ${sac.v!.forms.true}`);
    expect(versionMark(sac.v!, rules('6.6')).label).toBe('6.6–6.12');
  });
});
