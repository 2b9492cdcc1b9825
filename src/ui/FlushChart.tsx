// IOPS per metrics bucket (1 ms unless the run is very long) over simulated time, with the IOTLB
// flushes the flush queue issued per millisecond (ring full vs FQ timeout) as stacked bars on a
// second axis. React owns the <figure> and its text alternative; D3 owns everything inside <svg>.
// With a `reference` (the previous run's IOPS), a dashed line marks its level and the IOPS axis
// covers both runs, so 4.5 M and 0.5 M no longer fill the chart alike (issue 18).

import { useEffect, useRef } from 'react';
import { area, axisBottom, axisLeft, axisRight, curveStepAfter, line, max, scaleLinear, select, type Selection } from 'd3';
import type { Summary } from '../sim/run.ts';
import type { ChartSeries } from '../worker/protocol.ts';
import { fmtInt, fmtMs, fmtSi } from './format.ts';
import { COLOR as PANEL_COLOR, GRID, INK } from '../panels/palette.ts';

const W = 1152;
const H = 400;
const M = { top: 68, right: 76, bottom: 52, left: 84 };
// The panels' palette (panels/palette.ts): a flush reason has one colour on the whole page.
const COLOR = { iops: PANEL_COLOR.iops, iopsFill: PANEL_COLOR.iopsFill, full: PANEL_COLOR.flushFull, timeout: PANEL_COLOR.flushTimeout, grid: GRID, text: INK, ref: INK };

interface Point {
  t: number;
  v: number;
}

interface Props {
  summary: Summary;
  series: ChartSeries;
  /** The previous run's overall IOPS and its scenario in a few words. */
  reference?: { iops: number; label: string } | null;
}

/** One-sentence description of what the chart shows, for the caption and screen readers. */
export function describeChart({ summary: s, series }: Props): string {
  const iops = s.iopsSeries;
  const bucket = fmtMs(series.bucketNs / 1e6);
  if (iops.length === 0) return `The run was shorter than one ${bucket} ms bucket, so there is nothing to plot.`;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of iops) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const flushes =
    s.flushes.full + s.flushes.timeout === 0
      ? s.mode === 'lazy'
        ? 'the flush queue issued no flushes'
        : `no flush-queue flushes (${s.mode} mode does not queue unmaps)`
      : `${fmtInt(s.flushes.full)} flushes on a full ring and ${fmtInt(s.flushes.timeout)} from the FQ timeout`;
  return (
    `IOPS in ${bucket} ms buckets over ${fmtMs(s.simulatedMs)} ms of simulated time ranges from ${fmtSi(lo)} to ${fmtSi(hi)} ` +
    `(${fmtSi(s.iops)} overall); ${flushes}.`
  );
}

export function FlushChart(props: Props) {
  const { summary, series, reference } = props;
  const ref = useRef<SVGSVGElement>(null);
  const refIops = reference?.iops ?? 0;
  const refLabel = reference?.label ?? '';

  useEffect(() => {
    const svgEl = ref.current;
    if (!svgEl) return;
    const svg = select(svgEl);
    svg.selectAll('*').remove();

    const bucketMs = series.bucketNs / 1e6;
    const n = summary.iopsSeries.length;
    const endMs = Math.max(summary.simulatedMs, n * bucketMs, bucketMs);
    const iops: Point[] = summary.iopsSeries.map((v, i) => ({ t: i * bucketMs, v }));
    // Step curve: each bucket's value holds until the bucket's end.
    if (n > 0) iops.push({ t: n * bucketMs, v: summary.iopsSeries[n - 1] });
    const full = series.flushFull.map((c) => c / bucketMs);
    const timeout = series.flushTimeout.map((c) => c / bucketMs);
    const flushMax = max(full.map((f, i) => f + timeout[i])) ?? 0;

    const x = scaleLinear().domain([0, endMs]).range([M.left, W - M.right]);
    const y = scaleLinear()
      .domain([0, Math.max(1, max(summary.iopsSeries) ?? 0, refIops) * 1.05])
      .nice()
      .range([H - M.bottom, M.top]);
    const yF = scaleLinear()
      .domain([0, Math.max(1, flushMax)])
      .nice()
      .range([H - M.bottom, M.top]);

    // Title and legend.
    svg
      .append('text')
      .attr('class', 'chart-title')
      .attr('x', M.left)
      .attr('y', 22)
      .attr('font-size', 16)
      .attr('font-weight', 700)
      .attr('fill', COLOR.text)
      .text('Throughput and flush-queue IOTLB flushes over simulated time');
    const legend = svg.append('g').attr('class', 'legend').attr('transform', `translate(${M.left},44)`).attr('font-size', 13);
    const items: { label: string; kind: 'line' | 'bar'; color: string }[] = [
      { label: 'IOPS (left axis)', kind: 'line', color: COLOR.iops },
      { label: 'flushes: ring full, per ms (right axis)', kind: 'bar', color: COLOR.full },
      { label: 'flushes: FQ timeout, per ms (right axis)', kind: 'bar', color: COLOR.timeout },
    ];
    let lx = 0;
    items.forEach((it) => {
      const g = legend.append('g').attr('transform', `translate(${lx},0)`);
      if (it.kind === 'line') g.append('line').attr('x1', 0).attr('x2', 22).attr('y1', -4).attr('y2', -4).attr('stroke', it.color).attr('stroke-width', 2.5);
      else g.append('rect').attr('x', 4).attr('y', -11).attr('width', 14).attr('height', 14).attr('fill', it.color);
      const label = g.append('text').attr('x', 30).attr('y', 0).attr('fill', COLOR.text).text(it.label);
      lx += 30 + Math.ceil(label.node()?.getComputedTextLength() ?? 200) + 28;
    });

    // Grid lines from the IOPS axis.
    svg
      .append('g')
      .attr('class', 'grid')
      .selectAll('line')
      .data(y.ticks(6))
      .join('line')
      .attr('x1', M.left)
      .attr('x2', W - M.right)
      .attr('y1', (d) => y(d))
      .attr('y2', (d) => y(d))
      .attr('stroke', COLOR.grid);

    // IOPS area at the back, flush bars over it, the IOPS line on top.
    if (iops.length > 0) {
      svg
        .append('path')
        .datum(iops)
        .attr('class', 'iops-area')
        .attr('fill', COLOR.iopsFill)
        .attr('fill-opacity', 0.6)
        .attr(
          'd',
          area<Point>()
            .curve(curveStepAfter)
            .x((d) => x(d.t))
            .y0(y(0))
            .y1((d) => y(d.v)),
        );
    }

    // Flush bars, stacked: full at the bottom, timeout on top.
    const bw = Math.max(1, x(bucketMs) - x(0) - (x(bucketMs) - x(0) > 4 ? 1 : 0));
    const bars = svg.append('g').attr('class', 'flush-bars');
    const stacked = full.map((f, i) => ({ i, f, tmo: timeout[i] })).filter((d) => d.f + d.tmo > 0);
    bars
      .selectAll('rect.full')
      .data(stacked.filter((d) => d.f > 0))
      .join('rect')
      .attr('class', 'full')
      .attr('x', (d) => x(d.i * bucketMs))
      .attr('width', bw)
      .attr('y', (d) => yF(d.f))
      .attr('height', (d) => yF(0) - yF(d.f))
      .attr('fill', COLOR.full)
      .attr('fill-opacity', 0.85);
    bars
      .selectAll('rect.timeout')
      .data(stacked.filter((d) => d.tmo > 0))
      .join('rect')
      .attr('class', 'timeout')
      .attr('x', (d) => x(d.i * bucketMs))
      .attr('width', bw)
      .attr('y', (d) => yF(d.f + d.tmo))
      .attr('height', (d) => yF(d.f) - yF(d.f + d.tmo))
      .attr('fill', COLOR.timeout)
      .attr('fill-opacity', 0.9);

    // The IOPS step line on top.
    if (iops.length > 0) {
      svg
        .append('path')
        .datum(iops)
        .attr('class', 'iops-line')
        .attr('fill', 'none')
        .attr('stroke', COLOR.iops)
        .attr('stroke-width', 1.75)
        .attr('stroke-linejoin', 'round')
        .attr(
          'd',
          line<Point>()
            .curve(curveStepAfter)
            .x((d) => x(d.t))
            .y((d) => y(d.v)),
        );
    }

    // The previous run's level, on the same scale.
    if (refIops > 0) {
      const g = svg.append('g').attr('class', 'iops-reference');
      g.append('line')
        .attr('x1', M.left)
        .attr('x2', W - M.right)
        .attr('y1', y(refIops))
        .attr('y2', y(refIops))
        .attr('stroke', COLOR.ref)
        .attr('stroke-width', 1.5)
        .attr('stroke-dasharray', '7 4');
      g.append('text')
        .attr('class', 'halo')
        .attr('x', W - M.right - 6)
        .attr('y', y(refIops) - 5)
        .attr('text-anchor', 'end')
        .attr('font-size', 12)
        .attr('fill', COLOR.ref)
        .text(`previous run (${refLabel}): ${fmtSi(refIops)} IOPS`);
    }

    // Axes and their labels.
    const axisFont = (g: Selection<SVGGElement, unknown, null, undefined>) => {
      g.attr('font-size', 12).attr('font-family', 'inherit');
    };
    svg
      .append('g')
      .attr('class', 'axis axis-x')
      .attr('transform', `translate(0,${H - M.bottom})`)
      .call(axisBottom(x).ticks(10))
      .call(axisFont);
    svg
      .append('g')
      .attr('class', 'axis axis-iops')
      .attr('transform', `translate(${M.left},0)`)
      .call(axisLeft(y).ticks(6).tickFormat((d) => fmtSi(Number(d))))
      .call(axisFont);
    const fTicks = Math.min(6, Math.max(1, Math.ceil(yF.domain()[1])));
    svg
      .append('g')
      .attr('class', 'axis axis-flush')
      .attr('transform', `translate(${W - M.right},0)`)
      .call(axisRight(yF).ticks(fTicks).tickFormat((d) => fmtSi(Number(d))))
      .call(axisFont);
    svg
      .append('text')
      .attr('class', 'axis-label')
      .attr('x', (M.left + W - M.right) / 2)
      .attr('y', H - 10)
      .attr('text-anchor', 'middle')
      .attr('font-size', 13)
      .attr('fill', COLOR.text)
      .text(`simulated time (ms); one bar and one step per ${fmtMs(bucketMs)} ms bucket`);
    svg
      .append('text')
      .attr('class', 'axis-label')
      .attr('transform', `translate(20,${(M.top + H - M.bottom) / 2}) rotate(-90)`)
      .attr('text-anchor', 'middle')
      .attr('font-size', 13)
      .attr('fill', COLOR.iops)
      .text('IOPS (completed I/Os per second)');
    svg
      .append('text')
      .attr('class', 'axis-label')
      .attr('transform', `translate(${W - 18},${(M.top + H - M.bottom) / 2}) rotate(90)`)
      .attr('text-anchor', 'middle')
      .attr('font-size', 13)
      .attr('fill', COLOR.text)
      .text('IOTLB flushes per ms');
  }, [summary, series, refIops, refLabel]);

  const description = describeChart(props);
  return (
    <figure className="chart">
      <svg
        ref={ref}
        viewBox={`0 0 ${W} ${H}`}
        width={W}
        height={H}
        role="img"
        aria-label={`Chart: IOPS and flush-queue flushes over simulated time. ${description}`}
        data-testid="chart"
      />
      <figcaption id="chart-caption" data-testid="chart-caption">
        {description}
      </figcaption>
    </figure>
  );
}
