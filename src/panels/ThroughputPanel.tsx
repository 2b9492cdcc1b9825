// Panel 3, throughput and the cliff: IOPS over the whole run with intervention / cliff markers and
// the current-time cursor, plus toggleable tracks under it on the same time axis: rbtree (and
// ring) lock wait, depot size, magazines freed to the rbtree, frees by owner vs timer CPU. The
// series change once per run, so D3 draws them when they change; only the cursor moves per frame.

import { useEffect, useMemo, useRef, useState } from 'react';
import { area, axisBottom, axisLeft, curveStepAfter, line, scaleLinear, select } from 'd3';
import { useStore } from 'zustand';
import { markDrawn } from './frame.ts';
import { fmtSi, fmtT } from './format.ts';
import { playingCull, pointerHandlers, sameInputs, useFrame, useThrottled, useWidth } from './hooks.ts';
import { AltTable, PanelFrame, type LegendItem } from './PanelFrame.tsx';
import { COLOR, GRID, INK, MUTED } from './palette.ts';
import { throughputLayout } from './throughput/layout.ts';
import { bucketAt, decimate, iopsOf, labelled, maxOf, OVERLAYS, type OverlayId } from './throughput/series.ts';
import { chartMarkers, markerText, throughputSummary, throughputTable } from './throughput/text.ts';
import { drawWatchdogMarkers } from './throughput/watchdog.ts';
import { showTip } from './Tooltip.ts';
import type { RunSeries } from '../sim/view.ts';
import type { PanelProps } from './types.ts';
import { PANEL_TITLE } from './titles.ts';
import { usePreviousLevel } from './throughput/previous.ts';

const LEGEND: LegendItem[] = [
  { mark: { type: 'solid', color: COLOR.iopsFill }, label: 'IOPS (per bucket)' },
  { mark: { type: 'line', color: COLOR.intervention, dash: [4, 3], width: 1.5 }, label: 'intervention' },
  { mark: { type: 'line', color: COLOR.cliff, dash: [8, 3], width: 2.5 }, label: 'cliff' },
  { mark: { type: 'line', color: COLOR.cursor, width: 1.5 }, label: 'now' },
];

const DEFAULT_SHOWN: OverlayId[] = ['rbtree', 'frees'];

/** The IOPS axis's top for a run's series (computed once per series, not per frame). */
const iopsTops = new WeakMap<RunSeries, number>();
function iopsTop(s: RunSeries): number {
  let top = iopsTops.get(s);
  if (top === undefined) iopsTops.set(s, (top = Math.max(1, maxOf(iopsOf(s))) * 1.05));
  return top;
}

export function ThroughputPanel({ playback, lab }: PanelProps) {
  const bodyRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const tipRef = useRef<HTMLDivElement>(null);
  const pointer = useRef<{ x: number; y: number } | null>(null);
  const width = useWidth(bodyRef);
  const series = useStore(playback, (s) => s.series);
  const markers = useStore(playback, (s) => s.markers);
  const ref = usePreviousLevel(series, lab);
  const refIops = ref?.iops ?? 0;
  const refLabel = ref?.label ?? '';
  /** The IOPS axis's top: this run's peak, or the previous run's level if higher. */
  const yTop = useRef(1);
  yTop.current = series ? Math.max(iopsTop(series), refIops * 1.05) : 1;
  const [shown, setShown] = useState<OverlayId[]>(DEFAULT_SHOWN);
  const overlays = useMemo(() => OVERLAYS.filter((o) => shown.includes(o.id)), [shown]);
  const L = useMemo(() => throughputLayout(width, overlays.length), [width, overlays.length]);
  const x0 = L.left;
  const x1 = L.width - L.right;

  // Static layers: drawn when the run's series, the markers, the width or the overlays change.
  useEffect(() => {
    const svg = select(svgRef.current);
    if (!svgRef.current) return;
    svg.selectAll('*').remove();
    if (!series || series.ios.length === 0) return;
    const n = series.ios.length;
    const x = scaleLinear()
      .domain([0, n * series.bucketNs])
      .range([x0, x1]);
    const cols = Math.max(1, Math.floor(x1 - x0));
    const stepPath = (vals: readonly number[], y: (v: number) => number) => {
      const pts = decimate(vals, cols);
      if (pts.length) pts.push([n, pts[pts.length - 1][1]]);
      return pts.map(([i, v]) => [x(i * series.bucketNs), y(v)] as [number, number]);
    };

    // IOPS
    const iops = iopsOf(series);
    const y = scaleLinear()
      .domain([0, yTop.current])
      .nice()
      .range([L.main.y + L.main.h, L.main.y]);
    const main = svg.append('g').attr('class', 'iops');
    main
      .append('g')
      .attr('transform', `translate(${x0},0)`)
      .call(
        axisLeft(y)
          .ticks(4)
          .tickSize(-(x1 - x0))
          .tickFormat((v) => fmtSi(Number(v))),
      )
      .call((g) => g.select('.domain').remove())
      .call((g) => g.selectAll('line').attr('stroke', GRID))
      .call((g) => g.selectAll('text').attr('font-size', 11).attr('fill', INK));
    const pts = stepPath(iops, y);
    main
      .append('path')
      .attr('d', area<[number, number]>().x((p) => p[0]).y0(y(0)).y1((p) => p[1]).curve(curveStepAfter)(pts))
      .attr('fill', COLOR.iopsFill);
    main
      .append('path')
      .attr('d', line<[number, number]>().curve(curveStepAfter)(pts))
      .attr('fill', 'none')
      .attr('stroke', COLOR.iops)
      .attr('stroke-width', 1.5);
    main.append('text').attr('class', 'halo').attr('x', x0 + 6).attr('y', L.main.y + 12).attr('font-size', 11).attr('font-weight', 700).attr('fill', INK).text('IOPS');
    if (refIops > 0) {
      const yr = Math.round(y(refIops)) + 0.5;
      main.append('line').attr('class', 'iops-reference').attr('x1', x0).attr('x2', x1).attr('y1', yr).attr('y2', yr).attr('stroke', INK).attr('stroke-width', 1).attr('stroke-dasharray', '6 3');
      main
        .append('text')
        .attr('class', 'halo iops-reference-label')
        .attr('x', x1 - 4)
        .attr('y', yr - 4)
        .attr('text-anchor', 'end')
        .attr('font-size', 11)
        .attr('fill', INK)
        .text(`previous run (${refLabel}): ${fmtSi(refIops)}`);
    }

    // Overlay tracks
    overlays.forEach((o, k) => {
      const box = L.tracks[k];
      const g = svg.append('g').attr('class', `track track-${o.id}`);
      g.append('rect').attr('x', x0).attr('y', box.y).attr('width', x1 - x0).attr('height', box.h).attr('fill', '#f7f8fa');
      const vals = o.lines.map((l) => l.values(series));
      const top = Math.max(1e-9, ...vals.map(maxOf));
      const keyed = o.lines.length > 1;
      const ty = scaleLinear()
        .domain([0, top])
        .range([box.y + box.h, box.y + (keyed ? 30 : 17)]);
      g.append('g')
        .attr('transform', `translate(${x0},0)`)
        .call(
          axisLeft(ty)
            .tickValues([0, top])
            .tickFormat((v) => `${fmtSi(Number(v))}`),
        )
        .call((a) => a.selectAll('text').attr('font-size', 10).attr('fill', INK))
        .call((a) => a.select('.domain').attr('stroke', MUTED));
      o.lines.forEach((l, j) => {
        const p = stepPath(vals[j], ty);
        if (o.bars) {
          g.append('path')
            .attr('d', area<[number, number]>().x((q) => q[0]).y0(ty(0)).y1((q) => q[1]).curve(curveStepAfter)(p))
            .attr('fill', l.color)
            .attr('opacity', 0.85);
        } else {
          g.append('path')
            .attr('d', line<[number, number]>().curve(curveStepAfter)(p))
            .attr('fill', 'none')
            .attr('stroke', l.color)
            .attr('stroke-width', 1.5)
            .attr('stroke-dasharray', l.dash ? l.dash.join(' ') : null);
        }
      });
      // Title, and a key for the lines on its own row (dash patterns tell them apart, not only colour).
      g.append('text').attr('class', 'halo').attr('x', x0 + 6).attr('y', box.y + 11).attr('font-size', 11).attr('font-weight', 700).attr('fill', INK).text(o.title);
      if (keyed) {
        let kx = x0 + 6;
        for (const l of o.lines) {
          g.append('line')
            .attr('x1', kx)
            .attr('x2', kx + 20)
            .attr('y1', box.y + 20)
            .attr('y2', box.y + 20)
            .attr('stroke', l.color)
            .attr('stroke-width', 2)
            .attr('stroke-dasharray', l.dash ? l.dash.join(' ') : null);
          const t = g.append('text').attr('class', 'halo').attr('x', kx + 25).attr('y', box.y + 24).attr('font-size', 10).attr('fill', INK).text(l.label);
          kx += 25 + (t.node() as SVGTextElement).getComputedTextLength() + 16;
        }
      }
    });

    // Time axis
    svg
      .append('g')
      .attr('transform', `translate(0,${L.axisY})`)
      .call(
        axisBottom(x)
          .ticks(Math.max(2, Math.floor((x1 - x0) / 90)))
          .tickFormat((t) => `${Number(t) / 1e6}`),
      )
      .call((g) => g.selectAll('text').attr('font-size', 11).attr('fill', INK));
    svg.append('text').attr('x', x0 - 8).attr('y', L.axisY + 16).attr('text-anchor', 'end').attr('font-size', 11).attr('fill', INK).text('ms');

    // Markers: dashed lines through every chart; labels only where they fit.
    const ms = chartMarkers(markers);
    const mx = ms.map((m) => x(m.t));
    const withLabel = new Set(labelled(mx, 80));
    ms.forEach((m, i) => {
      const cliff = m.kind === 'cliff' || m.kind === 'episode';
      svg
        .append('line')
        .attr('x1', mx[i])
        .attr('x2', mx[i])
        .attr('y1', L.main.y - 4)
        .attr('y2', L.axisY)
        .attr('stroke', cliff ? COLOR.cliff : COLOR.intervention)
        .attr('stroke-width', cliff ? 2.5 : 1.5)
        .attr('stroke-dasharray', cliff ? '8 3' : '4 3');
      if (withLabel.has(i)) {
        svg
          .append('text')
          .attr('class', 'halo')
          .attr('x', mx[i] + 4)
          .attr('y', 12)
          .attr('font-size', 11)
          .attr('font-weight', cliff ? 700 : 400)
          .attr('fill', cliff ? COLOR.cliff : INK)
          .text(m.kind === 'cliff' ? 'cliff' : m.kind === 'episode' ? 'collapse' : 'intervention');
      }
    });

    drawWatchdogMarkers(svg, markers, x, L.main.y - 4, L.axisY);

    // The cursor (moved per frame).
    const c = svg.append('g').attr('class', 'cursor').attr('display', 'none');
    c.append('line').attr('y1', L.main.y - 4).attr('y2', L.axisY).attr('stroke', COLOR.cursor).attr('stroke-width', 1.5);
    c.append('circle').attr('r', 3.5).attr('fill', COLOR.cursor);
    c.append('text').attr('class', 'cursor-label halo').attr('font-size', 11).attr('font-weight', 700).attr('fill', COLOR.cursor);
    drawn.current = null;
    redraw();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- redraw is stable
  }, [series, markers, L, overlays, x0, x1, refIops, refLabel]);

  const drawn = useRef<readonly unknown[] | null>(null);
  const redraw = useFrame(
    [playback],
    (force) => {
      const st = playback.getState();
      const v = st.view;
      const s = st.series;
      const svg = select(svgRef.current);
      // No whole bucket yet (a run under one bucket, 1 ms): the panel shows its text, and that is
      // its drawing of this moment (the page's ready flag waits for every panel; issue 18 bug 3).
      if (!svgRef.current) {
        if (v) markDrawn(bodyRef.current, v.events);
        return;
      }
      if (v && s && s.ios.length) {
        const n = s.ios.length;
        const span = n * s.bucketNs;
        const cx = x0 + (Math.min(v.t, span) / span) * (x1 - x0);
        const b = bucketAt(v.t, s.bucketNs, n);
        const p = pointer.current;
        // The series are static: a frame changes the cursor's position (in whole pixels while
        // playing, exactly when settled) and its bucket, or the hover; otherwise nothing.
        const playing = st.status === 'playing';
        const same = sameInputs(drawn, [s, L, overlays, playing ? Math.round(cx) : cx, b, p, st.markers]);
        if (!same || force) {
          const iops = (s.ios[b] * 1e9) / s.bucketNs;
          const y = scaleLinear().domain([0, yTop.current]).nice().range([L.main.y + L.main.h, L.main.y]);
          const c = svg.select('g.cursor').attr('display', null).attr('transform', `translate(${cx},0)`);
          c.select('circle').attr('cy', y(iops));
          const right = cx > x1 - 90;
          c.select('text.cursor-label')
            .attr('x', right ? -6 : 6)
            .attr('text-anchor', right ? 'end' : 'start')
            .attr('y', L.main.y + 26)
            .text(fmtSi(iops));
          let text: string | null = null;
          if (p && p.x >= x0 && p.x <= x1) {
            const t = ((p.x - x0) / (x1 - x0)) * span;
            const hb = bucketAt(t, s.bucketNs, n);
            const lines = [`${fmtT(hb * s.bucketNs)}: ${fmtSi((s.ios[hb] * 1e9) / s.bucketNs)} IOPS`];
            for (const o of overlays) for (const l of o.lines) lines.push(`${l.label}: ${fmtSi(l.values(s)[hb] ?? 0)} ${o.unit}`);
            for (const m of chartMarkers(st.markers)) if (Math.abs(m.t - t) < (6 / (x1 - x0)) * span) lines.push(markerText(m));
            text = lines.join('\n');
          }
          showTip(tipRef.current, text, p?.x ?? 0, p?.y ?? 0, L.width);
        }
      }
      if (v) markDrawn(bodyRef.current, v.events);
    },
    [L, overlays, x0, x1],
    playingCull(playback, bodyRef),
  );

  const alt = useThrottled(
    [playback],
    () => {
      const st = playback.getState();
      return { summary: throughputSummary(st.series, st.markers, st.view?.t ?? null), rows: throughputTable(st.series, shown) };
    },
    (a) => a.summary + JSON.stringify(a.rows),
    [shown],
  );

  return (
    <PanelFrame
      id="throughput"
      title={PANEL_TITLE.throughput}
      what="Completed I/Os per second over the whole run, with the moments an intervention happened or throughput fell off a cliff; tracks below share the time axis."
      legend={LEGEND}
      tools={
        <fieldset className="panel-toggles">
          <legend>Tracks</legend>
          {OVERLAYS.map((o) => (
            <label key={o.id} className="panel-toggle">
              <input
                type="checkbox"
                checked={shown.includes(o.id)}
                onChange={(e) => setShown((s) => (e.target.checked ? OVERLAYS.map((x) => x.id).filter((id) => id === o.id || s.includes(id)) : s.filter((id) => id !== o.id)))}
              />
              {o.id === 'rbtree' ? 'lock wait' : o.id === 'depot' ? 'depot size' : o.id === 'mags' ? 'magazines to rbtree' : 'frees: owner vs timer'}
            </label>
          ))}
        </fieldset>
      }
      alt={
        <>
          <p>{alt.summary}</p>
          <AltTable caption="IOPS and the shown tracks over the run" rows={alt.rows} />
        </>
      }
    >
      <div ref={bodyRef} className="panel-canvas-box">
        {series && series.ios.length > 0 ? (
          <svg
            ref={svgRef}
            width={L.width}
            height={L.height}
            role="img"
            aria-label={alt.summary}
            {...pointerHandlers(pointer, redraw)}
          />
        ) : (
          <p className="panel-empty">{alt.summary}</p>
        )}
        <div ref={tipRef} className="panel-tip" hidden role="tooltip" />
      </div>
    </PanelFrame>
  );
}
