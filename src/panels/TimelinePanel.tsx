// Panel 2, the flush-cycles timeline: per-CPU lanes over simulated time (unmaps, flushes by
// reason, timer arm / fire, the timeout callback, lock waits), an overview strip of the recorded
// window with a brush to zoom, and the current-time cursor. Marks on canvas; axis, labels and the
// brush in SVG (D3).

import { useEffect, useMemo, useRef, useState } from 'react';
import { axisBottom, brushX, scaleLinear, select, type BrushBehavior } from 'd3';
import { useStore } from 'zustand';
import { prepareCanvas } from './canvas.ts';
import { markDrawn } from './frame.ts';
import { fmtT } from './format.ts';
import { playingCull, pointerHandlers, sameInputs, useFrame, useThrottled, useWidth } from './hooks.ts';
import { AltTable, PanelFrame, type LegendItem } from './PanelFrame.tsx';
import { COLOR, INK, MUTED } from './palette.ts';
import { drawTimeline } from './timeline/draw.ts';
import { laneAt, timelineLayout } from './timeline/layout.ts';
import { msDecimals, recordedWindow, spansAt, visibleRange } from './timeline/spans.ts';
import { spanTooltip, timelineSummary, timelineTable } from './timeline/text.ts';
import { showTip } from './Tooltip.ts';
import type { PanelProps } from './types.ts';
import { setFocusCpu } from '../store/labStore.ts';
import { PANEL_TITLE } from './titles.ts';

const LEGEND: LegendItem[] = [
  { mark: { type: 'solid', color: COLOR.unmap }, label: 'unmap' },
  { mark: { type: 'solid', color: COLOR.flushFull }, label: 'flush: ring full' },
  { mark: { type: 'hatch', color: COLOR.flushTimeout, bg: COLOR.flushTimeoutBg }, label: 'flush: timeout' },
  { mark: { type: 'outline', color: COLOR.timeout, fill: COLOR.timeoutBg }, label: 'fq_flush_timeout callback' },
  { mark: { type: 'tri-down', color: INK }, label: 'timer armed' },
  { mark: { type: 'tri-up', color: INK }, label: 'timer fired' },
  { mark: { type: 'solid', color: COLOR.ringLock }, label: 'ring-lock wait' },
  { mark: { type: 'dots', color: COLOR.rbtreeLock, bg: COLOR.rbtreeLockBg }, label: 'rbtree-lock wait' },
  { mark: { type: 'line', color: COLOR.cursor }, label: 'now' },
];

export function TimelinePanel({ playback, lab }: PanelProps) {
  const bodyRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const tipRef = useRef<HTMLDivElement>(null);
  const pointer = useRef<{ x: number; y: number } | null>(null);
  const zoom = useRef<[number, number] | null>(null);
  const [zoomed, setZoomed] = useState(false);
  const width = useWidth(bodyRef);
  const cpus = useStore(playback, (s) => s.view?.cpus ?? 0);
  const focus = useStore(lab, (s) => s.focusCpu);
  const L = useMemo(() => timelineLayout(width, Math.max(1, cpus), focus), [width, cpus, focus]);
  const brushRef = useRef<BrushBehavior<unknown> | null>(null);
  const lastAxis = useRef('');
  const x0 = L.gutter;
  const x1 = L.width - L.right;

  // Lane labels, the overview's caption and the brush: rebuilt when the layout changes.
  useEffect(() => {
    const svg = select(svgRef.current);
    if (svgRef.current === null) return;
    svg.selectAll('*').remove();
    const labels = svg.append('g').attr('font-size', 10).attr('fill', MUTED).attr('text-anchor', 'end');
    const b = L.lanes;
    for (let c = 0; c < cpus; c += L.labelEvery) {
      labels
        .append('text')
        .attr('x', x0 - 6)
        .attr('y', b.y + c * b.laneH + Math.max(b.laneH, 10) / 2)
        .attr('dy', '0.35em')
        .attr('fill', c === focus ? INK : MUTED)
        .attr('font-weight', c === focus ? 700 : 400)
        .text(b.laneH >= 12 ? `CPU ${c}` : String(c));
    }
    if (b.laneH < 12) labels.append('text').attr('x', x0 - 6).attr('y', b.y - 3).attr('font-weight', 700).text('CPU');
    if (L.pinned) {
      const p = L.pinned;
      labels.append('text').attr('x', x0 - 6).attr('y', p.y + 12).attr('fill', INK).attr('font-weight', 700).text(`CPU ${p.cpu}`);
      labels.append('text').attr('x', x0 - 6).attr('y', p.y + 26).text('focused');
    }
    labels.append('text').attr('x', x0 - 6).attr('y', L.overview.y + 12).text('window');
    labels.append('text').attr('x', x0 - 6).attr('y', L.overview.y + 25).text('drag: zoom');
    svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${L.axisY})`);
    // The axis group is new and empty: the draw that follows the new layout (useFrame below
    // re-subscribes on L) must fill it even if the range is unchanged (a new focused CPU changes
    // the layout, not the range), else the axis stays blank.
    lastAxis.current = '';
    const brush = brushX<unknown>()
      .extent([
        [x0, L.overview.y],
        [x1, L.overview.y + L.overview.h],
      ])
      .on('end', (ev: { selection: [number, number] | null; sourceEvent?: Event }) => {
        if (!ev.sourceEvent) return; // our own brush.move keeping it in step with the window
        const win = playback.getState().spanWindow;
        if (!ev.selection) zoom.current = null;
        else {
          const s = scaleLinear().domain(win).range([x0, x1]);
          zoom.current = [s.invert(ev.selection[0]), s.invert(ev.selection[1])];
        }
        setZoomed(zoom.current !== null);
        redraw();
      });
    brushRef.current = brush;
    svg.append('g').attr('class', 'brush').style('pointer-events', 'all').call(brush);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- redraw is stable
  }, [L, cpus, focus, x0, x1, playback]);

  const drawn = useRef<readonly unknown[] | null>(null);
  const redraw = useFrame(
    [playback, lab],
    (force) => {
      const st = playback.getState();
      const v = st.view;
      const canvas = canvasRef.current;
      if (!canvas) return;
      const win = st.spanWindow;
      const range = visibleRange(zoom.current ?? recordedWindow(win, st.detailFrom), win);
      const focusCpu = lab.getState().focusCpu;
      // Spans and their window change a few times a second; in between, while playing, only the
      // moment moves, and past the recorded window's end the cursor is not drawn: nothing changes.
      const inWin = v !== null && v.t >= win[0] && v.t <= win[1];
      const inRange = v !== null && v.t >= range[0] && v.t <= range[1];
      const same = sameInputs(drawn, [v === null, v?.cpus, st.spans, win[0], win[1], range[0], range[1], focusCpu, inWin || inRange ? v!.t : -1, pointer.current]);
      if (same && !force) {
        if (v) markDrawn(bodyRef.current, v.events);
        return;
      }
      const ctx = prepareCanvas(canvas, L.width, v ? L.height : 40);
      if (!ctx || !v) return;
      drawTimeline(ctx, L, { spans: st.spans, win, range, cpus: v.cpus, focus: focusCpu, now: v.t });
      const svg = select(svgRef.current);
      // axis, only when the range moved
      const key = `${range[0]}|${range[1]}|${L.width}`;
      if (key !== lastAxis.current) {
        lastAxis.current = key;
        const x = scaleLinear().domain(range).range([x0, x1]);
        // Ticks whose label would run past either end of the plot are dropped.
        const ticks = x.ticks(Math.max(2, Math.floor((x1 - x0) / 110))).filter((t) => x(t) >= x0 + 16 && x(t) <= x1 - 20);
        const dec = msDecimals(ticks.length > 1 ? ticks[1] - ticks[0] : range[1] - range[0]);
        svg
          .select<SVGGElement>('g.axis')
          .call(
            axisBottom(x)
              .tickValues(ticks)
              .tickFormat((t) => (Number(t) / 1e6).toFixed(dec)),
          )
          .call((g) => g.selectAll('text').attr('font-size', 11).attr('fill', INK))
          .call((g) => {
            g.selectAll('.unit').remove();
            g.append('text').attr('class', 'unit').attr('x', x0 - 18).attr('y', 15).attr('text-anchor', 'end').attr('font-size', 11).attr('fill', INK).text('ms');
          });
        // keep the brush on the zoomed range as the window moves
        const brush = brushRef.current;
        if (brush && zoom.current) {
          const s = scaleLinear().domain(win).range([x0, x1]);
          svg.select<SVGGElement>('g.brush').call(brush.move, [s(range[0]), s(range[1])]);
        }
      }
      const p = pointer.current;
      let text: string | null = null;
      if (p && p.x >= x0 && p.x <= x1) {
        const lane = laneAt(L, p.y);
        if (lane) {
          const t = range[0] + ((p.x - x0) / (x1 - x0)) * (range[1] - range[0]);
          const tol = (3 / (x1 - x0)) * (range[1] - range[0]);
          const hits = spansAt(st.spans, lane.cpu, L.lanes.rows === 3 || L.pinned?.cpu === lane.cpu ? lane.row : -1, t, tol);
          text = hits.length ? hits.map(spanTooltip).join('\n') : `CPU ${lane.cpu} at ${fmtT(t)}: nothing recorded`;
        }
      }
      showTip(tipRef.current, text, p?.x ?? 0, p?.y ?? 0, L.width);
      markDrawn(bodyRef.current, v.events);
    },
    [L],
    playingCull(playback, bodyRef),
  );

  const alt = useThrottled(
    [playback],
    () => {
      const st = playback.getState();
      const range = visibleRange(zoom.current ?? recordedWindow(st.spanWindow, st.detailFrom), st.spanWindow);
      return { summary: timelineSummary(st.spans, range, st.view?.cpus ?? 0), rows: timelineTable(st.spans, range) };
    },
    (a) => a.summary + JSON.stringify(a.rows),
    [zoomed],
  );

  const setZoom = (z: [number, number] | null) => {
    zoom.current = z;
    setZoomed(z !== null);
    if (!z) select(svgRef.current).select<SVGGElement>('g.brush').call(brushRef.current!.move, null);
    lastAxis.current = '';
    redraw();
  };
  const zoomBy = (f: number) => {
    const st = playback.getState();
    const [a, b] = visibleRange(zoom.current ?? recordedWindow(st.spanWindow, st.detailFrom), st.spanWindow);
    const now = st.view?.t ?? (a + b) / 2;
    const c = now >= a && now <= b ? now : (a + b) / 2;
    const w = ((b - a) * f) / 2;
    const [wa, wb] = st.spanWindow;
    // zooming out goes past the recorded range up to the whole window (its earlier flushes)
    if (f > 1 && b - a >= wb - wa) return;
    setZoom([Math.max(wa, c - w), Math.min(wb, c + w)]);
  };

  return (
    <PanelFrame
      id="timeline"
      title={PANEL_TITLE.timeline}
      what="One lane per CPU from where per-I/O spans are recorded to the moment (the strip on top covers the whole window, with earlier flushes and timeouts); each lane's rows are work (unmaps), flushes (and the timeout callback), and lock waits. Drag across the top strip to zoom; click a lane to focus that CPU."
      legend={LEGEND}
      tools={
        <>
          <button type="button" onClick={() => zoomBy(0.5)}>
            Zoom in
          </button>
          <button type="button" onClick={() => zoomBy(2)}>
            Zoom out
          </button>
          <button type="button" onClick={() => setZoom(null)} disabled={!zoomed} title="back to the range where the per-I/O spans are recorded">
            Reset zoom
          </button>
        </>
      }
      alt={
        <>
          <p>{alt.summary}</p>
          <AltTable caption="Spans in the visible range, per kind" rows={alt.rows} />
        </>
      }
    >
      <div ref={bodyRef} className="panel-canvas-box" style={{ height: cpus ? L.height : 40 }}>
        <canvas
          ref={canvasRef}
          role="img"
          aria-label={alt.summary}
          {...pointerHandlers(pointer, redraw)}
          onClick={(e) => {
            const r = e.currentTarget.getBoundingClientRect();
            const lane = laneAt(L, e.clientY - r.top);
            if (lane) setFocusCpu(lab, lane.cpu);
          }}
        />
        <svg ref={svgRef} className="overlay" width={L.width} height={L.height} style={{ pointerEvents: 'none' }} aria-hidden="true" />
        <div ref={tipRef} className="panel-tip" hidden role="tooltip" />
      </div>
    </PanelFrame>
  );
}
