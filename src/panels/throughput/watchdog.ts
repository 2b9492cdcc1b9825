// Lockup markers on the throughput chart (src/sim/watchdog.ts): a dotted line where a soft (20 s)
// or hard (10 s) lockup detector could first fire, labelled with the CPU. Kept apart from the
// intervention / cliff markers, which the panel draws itself.

import type { Selection } from 'd3';
import type { Marker } from '../../store/playback.ts';
import { COLOR } from '../palette.ts';
import { labelled } from './series.ts';

const KINDS: readonly Marker['kind'][] = ['soft_lockup', 'hard_lockup'];

export function watchdogMarkers(ms: readonly Marker[]): Marker[] {
  return ms.filter((m) => KINDS.includes(m.kind));
}

export function watchdogLabel(m: Marker): string {
  return `${m.kind === 'soft_lockup' ? 'soft' : 'hard'} lockup CPU ${m.cpu}`;
}

/** Draws the lockup markers from y0 to y1 with x(t); labels (row 2 of the marker labels) only where they fit. */
export function drawWatchdogMarkers(svg: Selection<SVGSVGElement | null, unknown, null, undefined>, markers: readonly Marker[], x: (t: number) => number, y0: number, y1: number): void {
  const ms = watchdogMarkers(markers);
  const mx = ms.map((m) => x(m.t));
  const withLabel = new Set(labelled(mx, 110));
  ms.forEach((m, i) => {
    svg.append('line').attr('x1', mx[i]).attr('x2', mx[i]).attr('y1', y0).attr('y2', y1).attr('stroke', COLOR.cliff).attr('stroke-width', 2).attr('stroke-dasharray', '2 2');
    if (withLabel.has(i)) svg.append('text').attr('class', 'halo').attr('x', mx[i] + 4).attr('y', 24).attr('font-size', 11).attr('fill', COLOR.cliff).text(watchdogLabel(m));
  });
}
