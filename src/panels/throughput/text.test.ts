import { describe, expect, it } from 'vitest';
import { emptyObserveSeries } from '../../sim/observe.ts';
import type { RunSeries } from '../../sim/view.ts';
import { chartMarkers, throughputSummary, throughputTable } from './text.ts';

const z = (n: number) => Array.from({ length: n }, () => 0);
const s: RunSeries = {
  bucketNs: 1e6,
  ios: [100, 200, 300, 400],
  flushFull: z(4),
  flushTimeout: z(4),
  freesOwner: z(4),
  freesTimer: z(4),
  staleIotlb: z(4),
  fqQueued: z(4),
  lockWaitNs: { iova_rbtree_lock: [0, 1e6, 0, 0], fq_ring_locks: z(4), iommu_cmdq: [3e6, 3e6, 1e6, 0] },
  mapLatNs: z(4),
  unmapLatNs: z(4),
  depotMags: [0, 1, 2, 3],
  rbtreeNodes: z(4),
  cpuCachedTotal: z(4),
  magsToRbtree: z(4),
  timeoutNs: z(4),
  depotMagsByClass: [],
  cpuCachedByClass: [],
  ...emptyObserveSeries(),
};

describe('throughput words', () => {
  it('summarises range, current value and markers', () => {
    const m = [
      { t: 2e6, kind: 'intervention' as const, cpu: -1 },
      { t: 2.5e6, kind: 'flush_full' as const, cpu: 3 },
    ];
    expect(throughputSummary(s, m, 2.5e6)).toBe(
      'IOPS over 4 ms in 1 ms buckets ranges from 100k to 400k; at 2.500 ms it is 300k; marked: intervention at 2.000 ms.',
    );
    expect(throughputSummary(null, [], null)).toMatch(/appears once/);
    expect(chartMarkers(m)).toHaveLength(1);
  });

  it("an episodic run's collapses are chart markers, named in the summary", () => {
    const m = [
      { t: 1e6, kind: 'episode' as const, cpu: -1 },
      { t: 3e6, kind: 'episode' as const, cpu: -1 },
    ];
    expect(chartMarkers(m)).toHaveLength(2);
    expect(throughputSummary(s, m, null)).toMatch(/marked: collapse \(episodic\) at 1\.000 ms, collapse \(episodic\) at 3\.000 ms\.$/);
  });

  it('tables the run with the shown overlays, averaged to at most maxRows rows', () => {
    const t = throughputTable(s, ['rbtree'], 2);
    expect(t[0]).toEqual(['From (ms)', 'IOPS (mean)', 'iova_rbtree_lock (CPUs)', 'flush-queue ring locks (CPUs)', 'IOMMU command queue (CPUs)']);
    expect(t.slice(1)).toEqual([
      ['0.0', '150k', '0.5', '0', '3'],
      ['2.0', '350k', '0', '0', '0.5'],
    ]);
    expect(throughputTable(s, [], 40)).toHaveLength(5);
  });
});
