// Per-bucket metrics as CSV: one row per bucket, one column per series (per size class as
// <name>_c<K> columns, ring occupancy per CPU as ring<N> columns). README lists the columns.

import { IOVA_RANGE_CACHE_MAX_SIZE } from './iova/types.ts';
import type { Series } from './metrics.ts';

/** A lock's column: depot_lock[0] -> wait_ns_depot_lock_0 (no trailing underscore; issue 18 bug 9). */
export function lockColumn(lock: string): string {
  return `wait_ns_${lock.replace(/\[(\d+)\]/g, '_$1').replace(/[^A-Za-z0-9_]/g, '_')}`;
}
const CLASSES = Array.from({ length: IOVA_RANGE_CACHE_MAX_SIZE }, (_, c) => c);

export function metricsCsv(s: Series): string {
  const n = s.ios.length;
  const rings = n > 0 ? s.ringOcc[0].length : 0;
  const lockNames = Object.keys(s.lockWaitNs);
  const head = [
    't_ms',
    'iops',
    'flush_full',
    'flush_timeout',
    'frees_owner',
    'frees_timer',
    'stale_iotlb',
    'fq_queued',
    'map_lat_ns',
    'unmap_lat_ns',
    'depot_mags',
    'rbtree_nodes',
    'cpu_cached',
    'mags_to_rbtree',
    'timeout_ns',
    'walk_steps_32',
    'walk_steps_64',
    'alloc_cpu_pct',
    'rbtree_spinners_mean',
    'rbtree_spinners_max',
    'rbtree_wait_mean_ns',
    'rbtree_wait_max_ns',
    'irq_off_max_ns',
    ...CLASSES.map((c) => `depot_mags_c${c}`),
    ...CLASSES.map((c) => `cpu_cached_c${c}`),
    ...lockNames.map(lockColumn),
    ...Array.from({ length: rings }, (_, r) => `ring${r}`),
  ];
  const bucketMs = s.bucketNs / 1e6;
  const rows = [head.join(',')];
  for (let i = 0; i < n; i++) {
    rows.push(
      [
        (i + 1) * bucketMs,
        Math.round((s.ios[i] / bucketMs) * 1000),
        s.flushFull[i],
        s.flushTimeout[i],
        s.freesOwner[i],
        s.freesTimer[i],
        s.staleIotlb[i],
        s.fqQueued[i],
        s.mapLatNs[i],
        s.unmapLatNs[i],
        s.depotMags[i],
        s.rbtreeNodes[i],
        s.cpuCachedTotal[i],
        s.magsToRbtree[i],
        s.timeoutNs[i],
        s.walkSteps32?.[i] ?? 0,
        s.walkSteps64?.[i] ?? 0,
        s.allocCpuPct[i],
        s.rbtreeSpinnersMean[i],
        s.rbtreeSpinnersMax[i],
        s.rbtreeWaitMeanNs[i],
        s.rbtreeWaitMaxNs[i],
        s.irqOffMaxNs[i],
        ...s.depotMagsByClass[i],
        ...s.cpuCachedByClass[i],
        ...lockNames.map((l) => s.lockWaitNs[l][i]),
        ...s.ringOcc[i],
      ].join(','),
    );
  }
  return rows.join('\n') + '\n';
}
