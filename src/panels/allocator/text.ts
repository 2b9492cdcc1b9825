// Words for the allocator panel: tooltips, the summary and the per-class table.

import type { LabView } from '../../sim/view.ts';
import { classLabel, fmtInt } from '../format.ts';
import { CLASSES } from './layout.ts';

export function magTooltip(v: LabView, cpu: number, cls: number, prev: boolean): string {
  const i = cpu * CLASSES + cls;
  const n = (prev ? v.magPrev : v.magLoaded)[i];
  const full = n >= v.magSize ? ' (full)' : '';
  return `CPU ${cpu}, ${classLabel(cls, v.granuleKiB)} class, ${prev ? 'prev' : 'loaded'} magazine: ${fmtInt(n)} of ${v.magSize} IOVAs${full}`;
}

export function depotCap(v: LabView): string {
  return v.depotMax < 0 ? 'no cap (v6.7+: a list, shrunk by delayed reclaim)' : `cap ${v.depotMax} per class (MAX_GLOBAL_MAGS)`;
}

export function allocatorSummary(v: LabView | null): string {
  if (!v) return 'No simulation state yet.';
  let loaded = 0;
  let prev = 0;
  let best = -1;
  let bestAt = 0;
  for (let i = 0; i < v.cpus * CLASSES; i++) {
    loaded += v.magLoaded[i];
    prev += v.magPrev[i];
    const s = v.magLoaded[i] + v.magPrev[i];
    if (s > best) {
      best = s;
      bestAt = i;
    }
  }
  const depot = v.depot.reduce((a, b) => a + b, 0);
  const fullest = best > 0 ? ` Fullest: CPU ${Math.floor(bestAt / CLASSES)}, ${classLabel(bestAt % CLASSES, v.granuleKiB)} (${fmtInt(best)}).` : '';
  return (
    `Per-CPU IOVA caches hold ${fmtInt(loaded + prev)} IOVAs (${fmtInt(loaded)} in loaded, ${fmtInt(prev)} in prev magazines of ${v.magSize}).${fullest} ` +
    `Depot: ${fmtInt(depot)} full magazines, ${depotCap(v)}. rbtree: ${fmtInt(v.rbtreeNodes)} nodes; ${fmtInt(v.magsToRbtree)} magazines freed to it so far.`
  );
}

export function allocatorTable(v: LabView | null): string[][] {
  if (!v) return [];
  const rows = [['Size class', 'IOVAs in loaded', 'IOVAs in prev', 'CPUs with a full loaded', 'Depot magazines']];
  for (let c = 0; c < CLASSES; c++) {
    let l = 0;
    let p = 0;
    let full = 0;
    for (let cpu = 0; cpu < v.cpus; cpu++) {
      const i = cpu * CLASSES + c;
      l += v.magLoaded[i];
      p += v.magPrev[i];
      if (v.magLoaded[i] >= v.magSize) full++;
    }
    rows.push([classLabel(c, v.granuleKiB), fmtInt(l), fmtInt(p), fmtInt(full), v.depotMax < 0 ? fmtInt(v.depot[c]) : `${fmtInt(v.depot[c])} of ${v.depotMax}`]);
  }
  return rows;
}
