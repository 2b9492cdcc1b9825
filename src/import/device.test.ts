// The device filter (page's device picker, CLI --device): every map / unmap line's device is
// counted; with a filter, only that device's events are used and the others are skipped by device.

import { describe, expect, it } from 'vitest';
import { importText } from './importer.ts';
import { buildReplay } from './replay.ts';
import { FTRACE_IOMMU, TRACECMD_DMA } from './samples.ts';

const TWO = `    fio-1   [000] d..1.   10.000001: map: IOMMU: iova=0x00000000ffff0000 - 0x00000000ffff1000 paddr=0x0000000200000000 size=4096 dev=0000:01:00.0
    fio-1   [000] d..1.   10.000002: map: IOMMU: iova=0x00000000fffe0000 - 0x00000000fffe2000 paddr=0x0000000200010000 size=8192 dev=0000:02:00.0
 <idle>-0   [001] d.h1.   10.000010: unmap: IOMMU: iova=0x00000000ffff0000 - 0x00000000ffff1000 size=4096 unmapped_size=4096 dev=0000:01:00.0
 <idle>-0   [001] d.h1.   10.000011: unmap: IOMMU: iova=0x00000000fffe0000 - 0x00000000fffe2000 size=8192 unmapped_size=8192 dev=0000:02:00.0
    fio-1   [000] d..1.   10.000020: map: IOMMU: iova=0x00000000fffd0000 - 0x00000000fffd1000 paddr=0x0000000200020000 size=4096
`;

describe('device filter', () => {
  it('counts the map / unmap lines of each device, whatever the filter', () => {
    const all = importText(TWO);
    expect(all.report.devices).toEqual({ '0000:01:00.0': 2, '0000:02:00.0': 2 });
    expect(all.ops).toHaveLength(5);
    expect(importText(TWO, undefined, '0000:01:00.0').report.devices).toEqual(all.report.devices);
  });

  it('keeps one device: the others are skipped by name, events naming no device too', () => {
    const one = importText(TWO, undefined, '0000:02:00.0');
    expect(one.ops.map((o) => o.line)).toEqual([2, 4]);
    expect(one.report.used).toEqual({ 'iommu:map': 1, 'iommu:unmap': 1 });
    expect(one.report.skipped).toEqual({ 'device 0000:01:00.0 (device filter)': 2, 'iommu:map naming no device (device filter)': 1 });
    const { workload, pairing } = buildReplay(one.ops);
    expect(workload.ios.map((io) => io.bytes)).toEqual([8192]);
    expect(pairing.paired).toBe(1);
  });

  it('reads the dma events\' device names; a name that is not in the trace uses nothing', () => {
    const dma = importText(TRACECMD_DMA);
    const names = Object.keys(dma.report.devices);
    expect(names.length).toBeGreaterThan(0);
    const first = importText(TRACECMD_DMA, undefined, names[0]);
    expect(first.ops.length).toBe(dma.report.devices[names[0]]);
    expect(importText(FTRACE_IOMMU, undefined, 'nvme9').ops).toEqual([]);
  });
});
