// Words for the flush-queues panel: tooltips, the summary sentence and the hidden table.

import { SLOT_COVERED, SLOT_WAITING, type LabView } from '../../sim/view.ts';
import { fmtInt, fmtPfn } from '../format.ts';
import { phaseText } from '../phase.ts';
import { queued, ringCounts } from './runs.ts';

/** "CPU 3", or "the single queue" in the v6.7+ single-queue mode. */
export function ringName(v: LabView, ring: number): string {
  return v.nrings === 1 && v.cpus > 1 ? 'the single queue' : `CPU ${ring}`;
}

/** What one slot holds, and why it is (not yet) retirable. */
export function slotTooltip(v: LabView, ring: number, idx: number): string {
  const i = ring * v.fqSize + idx;
  const s = v.slotState[i];
  const where = `${ringName(v, ring)}, slot ${idx}`;
  if (s !== SLOT_WAITING && s !== SLOT_COVERED) return `${where}: free`;
  const pages = v.slotPages[i];
  const c = v.slotCounter[i];
  const entry = `pfn ${fmtPfn(v.slotPfn[i])}, ${pages} page${pages === 1 ? '' : 's'}, counter ${fmtInt(c)}`;
  return s === SLOT_WAITING
    ? `${where}: waiting for a flush (${entry}; fq_flush_finish_cnt ${fmtInt(v.fqFlushFinishCnt)} must exceed ${fmtInt(c)})`
    : `${where}: covered by a finished flush, not yet retired (${entry} < fq_flush_finish_cnt ${fmtInt(v.fqFlushFinishCnt)})`;
}

/** One ring at a glance. */
export function ringTooltip(v: LabView, ring: number): string {
  const n = queued(v.ringHead[ring], v.ringTail[ring], v.fqSize);
  const { waiting, covered } = ringCounts(v.slotState, ring * v.fqSize, v.fqSize);
  const phase = v.nrings === 1 ? '' : `; ${phaseText(v.cpuPhase[ring])}`;
  return `${ringName(v, ring)}: ${fmtInt(n)} of ${fmtInt(v.fqSize - 1)} queued (${fmtInt(waiting)} waiting, ${fmtInt(covered)} covered), head ${v.ringHead[ring]}, tail ${v.ringTail[ring]}${phase}`;
}

/** One sentence for screen readers and the canvas's aria-label. */
export function queuesSummary(v: LabView | null, focusCpu: number): string {
  if (!v) return 'No simulation state yet.';
  if (v.mode !== 'lazy' && v.fqFlushStartCnt === 0) {
    return `${v.mode === 'strict' ? 'Strict' : 'Passthrough'} mode: unmaps are not queued, so the flush queues stay empty.`;
  }
  let w = 0;
  let c = 0;
  let fullest = 0;
  let fullestN = -1;
  for (let r = 0; r < v.nrings; r++) {
    const k = ringCounts(v.slotState, r * v.fqSize, v.fqSize);
    w += k.waiting;
    c += k.covered;
    const n = k.waiting + k.covered;
    if (n > fullestN) {
      fullestN = n;
      fullest = r;
    }
  }
  const shape = v.nrings === 1 ? `one shared flush queue of ${fmtInt(v.fqSize)} slots` : `${v.nrings} per-CPU flush queues of ${fmtInt(v.fqSize)} slots`;
  const total = `${fmtInt(w + c)} entries queued: ${fmtInt(w)} waiting for a flush, ${fmtInt(c)} covered by a finished flush but not yet retired.`;
  if (v.nrings === 1) return `${cap(v.mode)} mode, ${shape}; ${total} ${ringTooltip(v, 0)}.`;
  const f = Math.min(Math.max(0, focusCpu), v.nrings - 1);
  return `${cap(v.mode)} mode, ${shape}; ${total} Fullest: CPU ${fullest} (${fmtInt(fullestN)}). Focused ${ringTooltip(v, f)}.`;
}

/** The hidden table: one row per ring. */
export function queuesTable(v: LabView | null): string[][] {
  if (!v) return [];
  const rows = [['Ring', 'Queued', 'Waiting', 'Covered', 'Head', 'Tail']];
  for (let r = 0; r < v.nrings; r++) {
    const k = ringCounts(v.slotState, r * v.fqSize, v.fqSize);
    rows.push([ringName(v, r), String(k.waiting + k.covered), String(k.waiting), String(k.covered), String(v.ringHead[r]), String(v.ringTail[r])]);
  }
  return rows;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
