// Where each state of the three charts (charts.ts) is drawn (hand-placed boxes, SVG user units), and the
// geometry of the transition arrows between them. The states and transitions themselves come from
// the machine definitions (src/machines/graph.ts); layout.test.ts checks every state has a box and
// every child sits inside its parent.

import type { ChartTransition } from '../../machines/graph.ts';
import type { ChartName } from './charts.ts';
import { CPU_STEPS, type ResumeStep } from '../../sim/phases.ts';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface ChartLayout {
  width: number;
  height: number;
  boxes: Record<string, Box>;
  /** Per arrow (`source>target` or `source>loop`): its bend, when the default would collide. */
  bends?: Record<string, number>;
}

const Q = '__iommu_dma_unmap.queue_iova';

export const LAYOUTS: Record<ChartName, ChartLayout> = {
  cpuFlushQueue: {
    width: 900,
    height: 500,
    boxes: {
      idle: { x: 64, y: 110, w: 100, h: 38 },
      fq_flush_timeout: { x: 44, y: 420, w: 150, h: 38 },
      __iommu_dma_unmap: { x: 230, y: 14, w: 656, h: 472 },
      '__iommu_dma_unmap.queue_iova': { x: 244, y: 44, w: 628, h: 330 },
      [`${Q}.smp_mb`]: { x: 262, y: 90, w: 96, h: 38 },
      [`${Q}.spin_lock`]: { x: 462, y: 90, w: 104, h: 38 },
      [`${Q}.fq_ring_free`]: { x: 700, y: 90, w: 130, h: 38 },
      [`${Q}.fq_flush_iotlb`]: { x: 530, y: 190, w: 326, h: 86 },
      [`${Q}.fq_flush_iotlb.start`]: { x: 546, y: 224, w: 80, h: 38 },
      [`${Q}.fq_flush_iotlb.flush_iotlb_all`]: { x: 704, y: 224, w: 136, h: 38 },
      [`${Q}.fq_ring_free_again`]: { x: 560, y: 318, w: 170, h: 38 },
      [`${Q}.fq_add`]: { x: 300, y: 220, w: 100, h: 38 },
      '__iommu_dma_unmap.iommu_iotlb_sync': { x: 262, y: 420, w: 170, h: 38 },
    },
    // flatter, so its "[else]" clears "lock handed over [holdsRingLock]" (edges.test.ts)
    bends: { [`${Q}.fq_ring_free>${Q}.fq_add`]: 0.06 },
  },
  flushTimer: {
    width: 900,
    height: 384,
    boxes: {
      disarmed: { x: 20, y: 84, w: 110, h: 38 },
      armed: { x: 20, y: 306, w: 110, h: 38 },
      firing: { x: 200, y: 58, w: 686, h: 312 },
      'firing.pending': { x: 222, y: 306, w: 100, h: 38 },
      'firing.fq_flush_iotlb': { x: 390, y: 260, w: 480, h: 96 },
      'firing.fq_flush_iotlb.start': { x: 410, y: 302, w: 90, h: 38 },
      'firing.fq_flush_iotlb.flush_iotlb_all': { x: 700, y: 302, w: 150, h: 38 },
      'firing.fq_ring_free': { x: 390, y: 88, w: 480, h: 130 },
      'firing.fq_ring_free.next': { x: 410, y: 148, w: 110, h: 38 },
      'firing.fq_ring_free.spin_lock': { x: 720, y: 148, w: 120, h: 38 },
    },
    // everything 44 units lower than the first drawing, so the loop on "firing" is not clipped at
    // the top; [doneRearmed] bends further than [doneRaised] so their labels do not overlap
    bends: { 'firing.fq_ring_free.next>armed': 0.3 },
  },
  playback: {
    width: 900,
    height: 420,
    boxes: {
      idle: { x: 30, y: 50, w: 100, h: 38 },
      loading: { x: 230, y: 50, w: 110, h: 38 },
      paused: { x: 720, y: 50, w: 110, h: 38 },
      playing: { x: 720, y: 340, w: 110, h: 38 },
      seeking: { x: 380, y: 170, w: 110, h: 38 },
      error: { x: 230, y: 340, w: 110, h: 38 },
    },
    // found by trying bends until no label overlaps another label or a box (edges.test.ts)
    bends: { 'paused>playing': 0.1, 'playing>paused': 0.1, 'playing>seeking': 0.1, 'seeking>playing': 0.45, 'seeking>paused': 0.3, 'paused>seeking': 0.1 },
  },
};

export interface Point {
  x: number;
  y: number;
}

const center = (b: Box): Point => ({ x: b.x + b.w / 2, y: b.y + b.h / 2 });

/** Where the ray from b's centre towards p leaves b. */
export function borderPoint(b: Box, p: Point): Point {
  const c = center(b);
  const dx = p.x - c.x;
  const dy = p.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const sx = dx === 0 ? Infinity : b.w / 2 / Math.abs(dx);
  const sy = dy === 0 ? Infinity : b.h / 2 / Math.abs(dy);
  const s = Math.min(sx, sy);
  return { x: c.x + dx * s, y: c.y + dy * s };
}

export interface Arrow {
  /** SVG path data. */
  d: string;
  /** Where the label goes. */
  label: Point;
}

/**
 * A gently curved arrow from box a to box b (bent to one side so that a pair of opposite
 * transitions does not overlap), or a loop on a's top edge when a and b are the same box.
 */
export function arrow(a: Box, b: Box | null, bend: number | undefined = 0.18): Arrow {
  if (b === null || b === a) {
    const x = a.x + a.w * 0.7;
    const y = a.y;
    return { d: `M${x - 14},${y} C${x - 22},${y - 34} ${x + 22},${y - 34} ${x + 14},${y}`, label: { x, y: y - 32 } };
  }
  const ca = center(a);
  const cb = center(b);
  // A child's parent: leave from the child's border towards the parent's nearest edge.
  const p0 = borderPoint(a, cb);
  const p1 = borderPoint(b, ca);
  const mx = (p0.x + p1.x) / 2;
  const my = (p0.y + p1.y) / 2;
  const nx = -(p1.y - p0.y) * bend;
  const ny = (p1.x - p0.x) * bend;
  const cx = mx + nx;
  const cy = my + ny;
  // The label sits 40% of the way along, nearer the source, so that the labels of two opposite
  // arrows between the same states do not land on each other.
  const u = 0.4;
  const lx = (1 - u) * (1 - u) * p0.x + 2 * (1 - u) * u * cx + u * u * p1.x;
  const ly = (1 - u) * (1 - u) * p0.y + 2 * (1 - u) * u * cy + u * u * p1.y;
  return { d: `M${r(p0.x)},${r(p0.y)} Q${r(cx)},${r(cy)} ${r(p1.x)},${r(p1.y)}`, label: { x: r(lx), y: r(ly) } };
}

const r = (v: number) => Math.round(v * 10) / 10;

/**
 * What a `resume` transition's step does, in the kernel's words: the CPU step table's labels
 * (src/sim/phases.ts CPU_STEPS; the machines' action names are the engine's step functions), plus
 * the hand-over of a CPU inside the timeout to the timer machine. Keyed by step, type-checked.
 */
export const STEP_LABELS: Readonly<Record<ResumeStep | 'forwardToTimer', string>> = {
  ...(Object.fromEntries(CPU_STEPS.flatMap((x) => (x.resume ? [[x.resume, x.label]] : []))) as Record<ResumeStep, string>),
  forwardToTimer: 'to the timer',
};

const isStep = (a: string): a is keyof typeof STEP_LABELS => a in STEP_LABELS;

/** Actions that only keep the machine's own bookkeeping (not steps). */
const BOOKKEEPING = new Set(['ringDone', 'firstRing', 'timerDone', 'setExpiry', 'clearExpiry']);

/** A short edge label: the event, or for `resume` what its step does, and the guard. */
export function edgeLabel(t: ChartTransition, alternatives: number): string {
  const step = t.actions.find((a) => !BOOKKEEPING.has(a));
  const what = t.event !== 'resume' ? t.event : t.guard === 'allRingsFreed' ? 'return' : (step && isStep(step) ? STEP_LABELS[step] : 'resume');
  const guard = t.guard ? `[${t.guard}]` : alternatives > 1 ? '[else]' : '';
  return [what, guard].filter(Boolean).join(' ');
}
