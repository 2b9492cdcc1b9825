import { describe, expect, it } from 'vitest';
import { importText } from './importer.ts';
import { buildReplay } from './replay.ts';
import { formatReport } from './report.ts';
import { FTRACE_IOMMU, TRACECMD_DMA } from './samples.ts';

const line = (t: string, cpu: number, ev: string): string => `a-1 [${String(cpu).padStart(3, '0')}] ${t}: ${ev}`;
const map = (t: string, cpu: number, iova: number, size: number): string => line(t, cpu, `map: IOMMU: iova=0x${iova.toString(16)} paddr=0x0 size=${size}`);
const unmap = (t: string, cpu: number, iova: number, size: number): string => line(t, cpu, `unmap: IOMMU: iova=0x${iova.toString(16)} size=${size} unmapped_size=${size}`);
const replay = (text: string) => buildReplay(importText(text).ops);

describe('replay pairing', () => {
  it('pairs one unmap with the chunks of a scatterlist mapped one iommu:map each (by range, not count)', () => {
    const { workload, pairing } = replay([map('1.000000', 2, 0x10000, 8192), map('1.000001', 2, 0x12000, 4096), map('1.000002', 2, 0x13000, 512), unmap('1.000050', 7, 0x10000, 0x3200)].join('\n'));
    expect(pairing).toMatchObject({ paired: 1, liveAtEnd: 0, unmatchedUnmaps: 0 });
    expect(workload.ios).toEqual([{ line: 1, unmapLine: 4, mapNs: 0, mapCpu: 2, unmapNs: 50000, unmapCpu: 7, bytes: 0x3200, iova: 0x10000 }]);
    expect(workload.cpus).toBe(8);
  });
  it('walks over granule padding between chunks', () => {
    const { pairing } = replay([map('1.0', 0, 0x10000, 0x800), map('1.0', 0, 0x11000, 0x1000), unmap('1.1', 0, 0x10000, 0x2000)].join('\n'));
    expect(pairing).toMatchObject({ paired: 1, liveAtEnd: 0 });
  });
  it('reports unmaps of unseen maps, maps live at the end, and an IOVA mapped twice', () => {
    const { workload, pairing } = replay([unmap('1.0', 0, 0x50000, 4096), map('1.1', 1, 0x60000, 4096), map('1.2', 1, 0x60000, 4096), map('1.3', 3, 0x70000, 4096)].join('\n'));
    expect(pairing).toMatchObject({ paired: 0, unmatchedUnmaps: 1, unmatchedLines: [1], liveAtEnd: 2, liveLines: [3, 4], replaced: 1 });
    expect(workload.ios.map((i) => [i.line, i.unmapNs])).toEqual([[2, -1], [3, -1], [4, -1]]);
    const text = formatReport(importText('').report, pairing, workload).join('\n');
    expect(text).toContain('1 unmaps match no map seen');
    expect(text).toContain('2 maps still live at the end; lines 3, 4');
  });
  it('pairs dma_unmap_sg with its dma_map_sg by device and physical addresses, singles by address', () => {
    const { workload, pairing } = replay(TRACECMD_DMA);
    expect(pairing).toMatchObject({ paired: 3, liveAtEnd: 2, unmatchedUnmaps: 0 });
    const sg = workload.ios.find((i) => i.line === 4)!;
    expect(sg).toMatchObject({ mapCpu: 2, unmapCpu: 1, unmapLine: 6, bytes: 0x1800, iova: 0xfffc0000 });
  });
  it('sorts by time whatever the file order, and is deterministic', () => {
    const lines = [map('1.000010', 1, 0x2000, 4096), map('1.000000', 0, 0x1000, 4096), unmap('1.000020', 0, 0x1000, 4096)];
    const a = replay(lines.join('\n'));
    expect(a.workload.ios.map((i) => [i.mapNs, i.mapCpu, i.unmapNs])).toEqual([[0, 0, 20000], [10000, 1, -1]]);
    expect(replay(lines.join('\n'))).toEqual(a);
    expect(replay(FTRACE_IOMMU)).toEqual(replay(FTRACE_IOMMU));
  });
});
