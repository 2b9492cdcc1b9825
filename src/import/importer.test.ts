import { describe, expect, it } from 'vitest';
import { importText, MAX_LISTED, TraceImporter } from './importer.ts';
import { parseLine } from './ftraceLine.ts';
import { FTRACE_IOMMU, FTRACE_IOMMU_OLD, MALFORMED, TRACECMD_DMA } from './samples.ts';

const hex16 = (v: number): string => v.toString(16).padStart(16, '0');

describe('ftrace header', () => {
  it('reads ftrace lines with 5- and 4-character flags, a tgid column, and trace-cmd lines without flags', () => {
    const a = parseLine('          <idle>-0       [005] d.h1.   812.004650: unmap: IOMMU: x');
    expect(a).toMatchObject({ kind: 'event', comm: '<idle>', pid: 0, cpu: 5, secs: 812, ns: 4650000, event: 'unmap', payload: 'IOMMU: x' });
    const b = parseLine('   dd-900   (  900) [000] d..1  100.000010: map: IOMMU: y');
    expect(b).toMatchObject({ kind: 'event', comm: 'dd', pid: 900, cpu: 0, secs: 100, ns: 10000, event: 'map' });
    const c = parseLine('  kworker/u16:3-2101  [002]  4031.120001234: dma_map_page:  dev dir=NONE');
    expect(c).toMatchObject({ kind: 'event', comm: 'kworker/u16:3', pid: 2101, cpu: 2, secs: 4031, ns: 120001234, event: 'dma_map_page' });
    // A comm holding a dash and a space; a system prefix.
    expect(parseLine('my-task 2-77 [001] 1.5: iommu:map: IOMMU: z')).toMatchObject({ comm: 'my-task 2', pid: 77, cpu: 1, ns: 500000000, system: 'iommu', event: 'map' });
  });
  it('skips headers, blank lines and lost-event markers, and reads CRLF like LF', () => {
    expect(parseLine('# tracer: nop')).toEqual({ kind: 'skip', reason: 'header or comment' });
    expect(parseLine('cpus=8')).toEqual({ kind: 'skip', reason: 'header or comment' });
    expect(parseLine('  \r')).toEqual({ kind: 'skip', reason: 'blank line' });
    expect(parseLine('CPU:3 [LOST 120 EVENTS]')).toEqual({ kind: 'skip', reason: 'lost events (ring buffer overrun)' });
    expect(parseLine('a-1 [000] 1.000001: map: IOMMU: q\r')).toMatchObject({ payload: 'IOMMU: q' });
  });
});

describe('import', () => {
  it('uses the iommu range form and sets aside other events by name', () => {
    const { report, ops } = importText(FTRACE_IOMMU);
    expect(report.used).toEqual({ 'iommu:map': 3, 'iommu:unmap': 1 });
    expect(report.skipped).toEqual({ 'header or comment': 12, 'iommu:io_page_fault (not a map or unmap)': 1, 'other event sched_switch': 1 });
    expect(report.rejectedCount).toBe(0);
    expect(ops[0]).toMatchObject({ line: 13, tNs: 4531000, cpu: 3, op: { kind: 'map', chunks: [[0xfffe0000, 8192]] } });
    expect(ops[2]).toMatchObject({ line: 16, cpu: 5, op: { kind: 'unmap', chunks: [[0xfffe0000, 12288]] } });
  });
  it('uses the older form (no end address), with a tgid column and dev=', () => {
    const { report, ops } = importText(FTRACE_IOMMU_OLD);
    expect(report.used).toEqual({ 'iommu:map': 2, 'iommu:unmap': 1 });
    expect(ops[2].op).toEqual({ kind: 'map', source: 'iommu', dev: '0000:02:00.0', chunks: [[0xfffef000, 4096]] });
    expect(ops[1].tNs - ops[0].tNs).toBe(80000);
  });
  it('uses the dma events: hex without 0x, arrays in braces, attrs, failed allocations skipped', () => {
    const { report, ops } = importText(TRACECMD_DMA);
    expect(report.used).toEqual({ 'dma:dma_map_page': 1, 'dma:dma_map_sg': 2, 'dma:dma_unmap_page': 1, 'dma:dma_unmap_sg': 1, 'dma:dma_alloc': 1, 'dma:dma_free': 1, 'dma:dma_map_phys': 1 });
    expect(report.skipped['lost events (ring buffer overrun)']).toBe(1);
    expect(ops[1].op.chunks).toEqual([[0xfffc0000, 0x1000], [0xfffc1000, 0x800]]);
    expect(ops[1].op.sgKey).toBe('0000:03:00.0 {0x1b000000,0x1c000000}');
    expect(ops[3].op).toMatchObject({ kind: 'unmap', sgKey: '0000:03:00.0 {0x1b000000,0x1c000000}' });
    const failed = importText('a-1 [000] 1.000001: dma_alloc: d dma_addr=0 size=4096 phys_addr=0 attrs=');
    expect(failed.report.skipped).toEqual({ 'dma:dma_alloc that failed (dma_addr=0)': 1 });
  });
  it('counts iommu map/unmap once when dma events describe the same mappings', () => {
    const { report, ops } = importText(FTRACE_IOMMU_OLD + TRACECMD_DMA);
    expect(ops.every((o) => o.op.source === 'dma')).toBe(true);
    expect(report.skipped['iommu:map while dma events are present (the same mappings, counted once from the dma events)']).toBe(2);
    expect(report.used['iommu:map']).toBeUndefined();
  });
  it.each(MALFORMED)('rejects %j naming the problem', (line, reason) => {
    const { report, ops } = importText(`${FTRACE_IOMMU_OLD.split('\n')[0]}\n${line}\n`);
    expect(ops).toHaveLength(1);
    expect(report.rejected).toHaveLength(1);
    expect(report.rejected[0].line).toBe(2);
    expect(report.rejected[0].reason).toContain(reason);
  });
  it('keeps lines whose time goes back, counts them, and names the first', () => {
    const { report, ops } = importText('a-1 [000] 2.000000: map: IOMMU: iova=0x1000 paddr=0x0 size=4096\na-1 [000] 1.000000: unmap: IOMMU: iova=0x1000 size=4096 unmapped_size=4096\n');
    expect(ops.map((o) => o.tNs)).toEqual([0, -1e9]);
    expect([report.outOfOrder, report.firstOutOfOrderLine]).toEqual([1, 2]);
  });
  it('reads a UTF-8 BOM and CRLF line ends', () => {
    const { report } = importText('\ufeff' + FTRACE_IOMMU_OLD.replace(/\n/g, '\r\n'));
    expect(report.used).toEqual({ 'iommu:map': 2, 'iommu:unmap': 1 });
    expect(report.rejectedCount).toBe(0);
  });
  it('lists at most MAX_LISTED rejected lines and counts all of them', () => {
    const imp = new TraceImporter();
    for (let i = 0; i < MAX_LISTED + 5; i++) imp.push('garbage');
    const { report } = imp.finish();
    expect([report.rejected.length, report.rejectedCount, report.lines]).toEqual([MAX_LISTED, MAX_LISTED + 5, MAX_LISTED + 5]);
  });
  it('round-trips generated lines of every form (property)', { timeout: 30000 }, () => {
    let x = 12345;
    const rnd = (n: number): number => ((x = (x * 1103515245 + 12345) >>> 0) >>> 8) % n;
    for (let i = 0; i < 500; i++) {
      const iova = (rnd(1 << 20) + 1) * 4096;
      const size = (rnd(64) + 1) * 4096;
      const cpu = rnd(512);
      const us = rnd(1e6);
      const form = rnd(4);
      const head = `${['fio', 'kworker/1:1H', '<idle>', 'a b-c'][rnd(4)]}-${rnd(1e5)} ${form % 2 ? '(-------) ' : ''}[${String(cpu).padStart(3, '0')}] ${form < 2 ? 'd.h1. ' : ''}${rnd(1e5)}.${String(us).padStart(6, '0')}:`;
      const lines = [
        `${head} map: IOMMU: iova=0x${hex16(iova)} - 0x${hex16(iova + size)} paddr=0x${hex16(iova * 2)} size=${size}`,
        `${head} map: IOMMU: iova=0x${hex16(iova)} paddr=0x${hex16(iova * 2)} size=${size}`,
        `${head} dma_map_page: 0000:0${rnd(9)}:00.0 dir=TO_DEVICE dma_addr=${iova.toString(16)} size=${size} phys_addr=${(iova * 2).toString(16)} attrs=`,
        `${head} dma_map_sg: dev dir=FROM_DEVICE dma_addrs={0x${iova.toString(16)},0x${(iova + size).toString(16)}} sizes={0x${size.toString(16)},0x1000} phys_addrs={0x1} attrs=`,
      ];
      for (const l of lines) {
        const { report, ops } = importText(l);
        expect(report.rejected, l).toEqual([]);
        expect(ops[0].cpu).toBe(cpu);
        expect(ops[0].op.chunks[0]).toEqual([iova, size]);
      }
    }
  });
});
