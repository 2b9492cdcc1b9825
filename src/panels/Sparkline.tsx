// A small whole-run chart of one series with the current-time cursor (IOTLB stale count, rbtree
// nodes). D3 draws the series when it changes; the cursor follows playback per frame.

import { useEffect, useRef } from 'react';
import { area, axisBottom, axisLeft, curveStepAfter, scaleLinear, select } from 'd3';
import { useStore } from 'zustand';
import type { RunSeries } from '../sim/view.ts';
import { fmtSi } from './format.ts';
import { sameInputs, useFrame, type Cull } from './hooks.ts';
import { COLOR, INK } from './palette.ts';
import { decimate, maxOf } from './throughput/series.ts';
import type { PanelProps } from './types.ts';

interface Props {
  playback: PanelProps['playback'];
  values: (s: RunSeries) => readonly number[];
  title: string;
  width: number;
  height?: number;
  stroke: string;
  fill: string;
  /** The panel's culling (hooks.ts): no cursor moves while it is off screen and playing. */
  cull?: Cull;
}

const LEFT = 44;
// Room for the last tick label ("100") to the right of the plot.
const RIGHT = 18;

export function Sparkline({ playback, values, title, width, height = 84, stroke, fill, cull }: Props) {
  const ref = useRef<SVGSVGElement>(null);
  const series = useStore(playback, (s) => s.series);
  const vals = series ? values(series) : null;

  useEffect(() => {
    const svg = select(ref.current);
    if (!ref.current || !series || !vals || vals.length === 0) return;
    svg.selectAll('*').remove();
    const n = vals.length;
    const x = scaleLinear()
      .domain([0, n * series.bucketNs])
      .range([LEFT, width - RIGHT]);
    const top = Math.max(1, maxOf(vals));
    const y = scaleLinear()
      .domain([0, top])
      .range([height - 20, 16]);
    const pts = decimate(vals, Math.max(1, Math.floor(width - LEFT))).map(([i, v]) => [x(i * series.bucketNs), y(v)] as [number, number]);
    if (pts.length) pts.push([x(n * series.bucketNs), pts[pts.length - 1][1]]);
    svg
      .append('path')
      .attr('d', area<[number, number]>().x((p) => p[0]).y0(y(0)).y1((p) => p[1]).curve(curveStepAfter)(pts))
      .attr('fill', fill)
      .attr('stroke', stroke)
      .attr('stroke-width', 1);
    svg
      .append('g')
      .attr('transform', `translate(${LEFT},0)`)
      .call(axisLeft(y).tickValues([0, top]).tickFormat((v) => fmtSi(Number(v))))
      .call((g) => g.selectAll('text').attr('font-size', 10).attr('fill', INK));
    svg
      .append('g')
      .attr('transform', `translate(0,${height - 20})`)
      .call(axisBottom(x).ticks(Math.max(2, Math.floor((width - LEFT) / 80))).tickFormat((t) => `${Number(t) / 1e6}`))
      .call((g) => g.selectAll('text').attr('font-size', 10).attr('fill', INK));
    svg.append('text').attr('class', 'halo').attr('x', LEFT + 4).attr('y', 10).attr('font-size', 11).attr('font-weight', 700).attr('fill', INK).text(title);
    svg.append('line').attr('class', 'cursor').attr('y1', 14).attr('y2', height - 20).attr('stroke', COLOR.cursor).attr('stroke-width', 1.5).attr('display', 'none');
    drawn.current = null;
    redraw();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- redraw is stable; vals derive from series
  }, [series, width, height, title, stroke, fill]);

  const drawn = useRef<readonly unknown[] | null>(null);
  const redraw = useFrame(
    [playback],
    (force) => {
      const st = playback.getState();
      const v = st.view;
      const s = st.series;
      if (!v || !s || !ref.current) return;
      const n = values(s).length;
      if (!n) return;
      const span = n * s.bucketNs;
      const x = LEFT + (Math.min(v.t, span) / span) * (width - RIGHT - LEFT);
      // Only the cursor moves: in whole pixels while playing, exactly when settled.
      if (sameInputs(drawn, [s, st.status === 'playing' ? Math.round(x) : x]) && !force) return;
      select(ref.current).select('line.cursor').attr('display', null).attr('x1', x).attr('x2', x);
    },
    [width],
    cull,
  );

  if (!vals || vals.length === 0) return null;
  return <svg ref={ref} width={width} height={height} aria-hidden="true" />;
}
