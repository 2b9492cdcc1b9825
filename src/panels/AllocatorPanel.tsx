// Panel 5, the IOVA allocator: per CPU and size class how full the `loaded` and `prev` magazines
// are (a heat grid, one column per CPU), the depot per class against its cap (MAX_GLOBAL_MAGS in
// up to v6.6, none from v6.7), the rbtree's node count, and an address-space strip of live ranges.

import { useEffect, useMemo, useRef } from 'react';
import { select } from 'd3';
import { useStore } from 'zustand';
import type { RunSeries } from '../sim/view.ts';
import { drawHeat, drawStrip, STRIP_ROWS } from './allocator/draw.ts';
import { CLASSES, heatAt, heatLayout, heatRowY, stripLayout } from './allocator/layout.ts';
import { allocatorSummary, allocatorTable, depotCap, magTooltip } from './allocator/text.ts';
import { prepareCanvas } from './canvas.ts';
import { classLabel, fmtInt, fmtPfn } from './format.ts';
import { markDrawn } from './frame.ts';
import { playingCull, pointerHandlers, sameArray, useFrame, useThrottled, useWidth } from './hooks.ts';
import { AltTable, PanelFrame, type LegendItem } from './PanelFrame.tsx';
import { COLOR, HEAT_STOPS, INK, MUTED, TRACK } from './palette.ts';
import { Sparkline } from './Sparkline.tsx';
import { showTip } from './Tooltip.ts';
import type { PanelProps } from './types.ts';
import { setFocusCpu } from '../store/labStore.ts';
import { PANEL_TITLE } from './titles.ts';

const LEGEND: LegendItem[] = [
  { mark: { type: 'ramp', stops: HEAT_STOPS }, label: 'magazine fill: empty → full' },
  { mark: { type: 'dots', color: '#fff', bg: HEAT_STOPS[HEAT_STOPS.length - 1] }, label: 'full magazine' },
  { mark: { type: 'solid', color: COLOR.depot }, label: 'depot magazines' },
  { mark: { type: 'line', color: INK, dash: [3, 2] }, label: 'depot cap' },
];

const rbtreeValues = (s: RunSeries) => s.rbtreeNodes;
const DEPOT_W = 300;
const DEPOT_ROW = 17;

export function AllocatorPanel({ playback, lab }: PanelProps) {
  const bodyRef = useRef<HTMLDivElement>(null);
  const heatRef = useRef<HTMLCanvasElement>(null);
  const heatSvg = useRef<SVGSVGElement>(null);
  const stripRef = useRef<HTMLCanvasElement>(null);
  const stripSvg = useRef<SVGSVGElement>(null);
  const depotSvg = useRef<SVGSVGElement>(null);
  const tipRef = useRef<HTMLDivElement>(null);
  const nums = useRef<Record<string, HTMLElement | null>>({});
  const pointer = useRef<{ x: number; y: number } | null>(null);
  const width = useWidth(bodyRef);
  const cpus = useStore(playback, (s) => s.view?.cpus ?? 0);
  const focus = useStore(lab, (s) => s.focusCpu);
  const granule = useStore(playback, (s) => s.view?.granuleKiB ?? 4);
  const capText = useStore(playback, (s) => (s.view ? depotCap(s.view) : ''));
  const H = useMemo(() => heatLayout(width, Math.max(1, cpus)), [width, cpus]);
  const S = useMemo(() => stripLayout(width), [width]);
  // Beside the depot when there is room for a readable chart, under it otherwise.
  const sideW = width - DEPOT_W - 24 >= 300 ? width - DEPOT_W - 24 : width;

  // Static labels: class rows, CPU columns, strip rows.
  useEffect(() => {
    if (!heatSvg.current || !stripSvg.current) return;
    const h = select(heatSvg.current);
    h.selectAll('*').remove();
    const g = h.append('g').attr('font-size', 10).attr('fill', INK);
    for (let cls = 0; cls < CLASSES; cls++) {
      const y0 = heatRowY(H, cls, false);
      g.append('text').attr('x', 4).attr('y', y0 + H.rowH).attr('dy', '0.32em').attr('font-weight', 700).text(classLabel(cls, granule));
      g.append('text').attr('x', H.x - 6).attr('y', y0 + H.rowH / 2).attr('dy', '0.32em').attr('text-anchor', 'end').attr('fill', MUTED).text('loaded');
      g.append('text').attr('x', H.x - 6).attr('y', y0 + H.rowH * 1.5).attr('dy', '0.32em').attr('text-anchor', 'end').attr('fill', MUTED).text('prev');
    }
    const cols = h.append('g').attr('font-size', 10).attr('text-anchor', 'middle');
    for (let c = 0; c < cpus; c += H.labelEvery) {
      cols
        .append('text')
        .attr('x', H.x + c * H.cellW + H.cellW / 2)
        .attr('y', H.y - 5)
        .attr('fill', c === focus ? INK : MUTED)
        .attr('font-weight', c === focus ? 700 : 400)
        .text(c);
    }
    g.append('text').attr('x', 4).attr('y', H.y - 5).attr('font-weight', 700).text('CPU →');
    const s = select(stripSvg.current);
    s.selectAll('*').remove();
    const sg = s.append('g').attr('font-size', 10).attr('fill', INK);
    STRIP_ROWS.forEach((name, r) => {
      sg.append('text')
        .attr('x', S.x - 6)
        .attr('y', S.y + r * S.rowH + S.rowH / 2)
        .attr('dy', '0.32em')
        .attr('text-anchor', 'end')
        .text(name.split(' (')[0]);
    });
    sg.append('text').attr('class', 'strip-title halo').attr('x', S.x).attr('y', 11).attr('font-size', 11).attr('font-weight', 700);
    sg.append('text').attr('class', 'strip-lo').attr('x', S.x).attr('y', S.y + 4 * S.rowH + 13).attr('fill', MUTED);
    sg.append('text').attr('class', 'strip-hi').attr('x', S.x + S.w).attr('y', S.y + 4 * S.rowH + 13).attr('text-anchor', 'end').attr('fill', MUTED);
    // depot rows
    const d = select(depotSvg.current);
    d.selectAll('*').remove();
    for (let cls = 0; cls < CLASSES; cls++) {
      const row = d.append('g').attr('class', `depot-row c${cls}`).attr('transform', `translate(0,${20 + cls * DEPOT_ROW})`);
      row.append('text').attr('x', 52).attr('y', 10).attr('text-anchor', 'end').attr('font-size', 10).attr('fill', INK).text(classLabel(cls, granule));
      row.append('rect').attr('class', 'track').attr('x', 58).attr('y', 2).attr('height', 11).attr('fill', TRACK);
      row.append('rect').attr('class', 'bar').attr('x', 58).attr('y', 2).attr('height', 11).attr('fill', COLOR.depot);
      row.append('line').attr('class', 'cap').attr('y1', 0).attr('y2', 15).attr('stroke', INK).attr('stroke-width', 1.5).attr('stroke-dasharray', '3 2');
      row.append('text').attr('class', 'val').attr('y', 10).attr('font-size', 10).attr('fill', INK);
    }
    d.append('text').attr('x', 0).attr('y', 11).attr('font-size', 11).attr('font-weight', 700).attr('fill', INK).text('Depot: full magazines per class');
    stripDrawn.current = null;
    depotDrawn.current = '';
    stripText.current = '';
    redraw();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- redraw is stable
  }, [H, S, cpus, focus, granule]);

  /** What the strip and the depot last showed: most frames change neither. */
  const stripDrawn = useRef<{ ranges: Float64Array; kinds: Uint8Array; S: unknown } | null>(null);
  const depotDrawn = useRef('');
  const stripText = useRef('');
  const redraw = useFrame(
    [playback, lab],
    (force) => {
      const v = playback.getState().view;
      const hc = heatRef.current;
      const sc = stripRef.current;
      if (!hc || !sc) return;
      const hctx = prepareCanvas(hc, H.width, v ? H.height : 1);
      if (force) {
        stripDrawn.current = null;
        depotDrawn.current = '';
        stripText.current = '';
      }
      const last = stripDrawn.current;
      const stripSame = v !== null && last !== null && last.S === S && sameArray(last.ranges, v.ranges) && sameArray(last.kinds, v.rangeKind);
      const sctx = stripSame ? null : prepareCanvas(sc, S.width, v ? S.height : 1);
      if (!v || !hctx) return;
      const p = pointer.current;
      const hover = p ? heatAt(H, p.x, p.y) : null;
      drawHeat(hctx, v, H, lab.getState().focusCpu, hover);
      showTip(tipRef.current, hover ? magTooltip(v, hover.cpu, hover.cls, hover.prev) : null, p?.x ?? 0, p?.y ?? 0, H.width);
      if (sctx) {
        const [lo, hi] = drawStrip(sctx, v, S);
        stripDrawn.current = { ranges: v.ranges.slice(), kinds: v.rangeKind.slice(), S };
        const shown = v.ranges.length / 2;
        const title = `Live IOVA ranges by address: ${fmtInt(v.rangeTotal)}${shown < v.rangeTotal ? ` (${fmtInt(shown)} shown)` : ''}`;
        const text = `${title}|${lo}|${hi}`;
        if (text !== stripText.current) {
          stripText.current = text;
          const ss = select(stripSvg.current);
          ss.select('text.strip-title').text(title);
          ss.select('text.strip-lo').text(`pfn ${fmtPfn(lo)}`);
          ss.select('text.strip-hi').text(`pfn ${fmtPfn(hi)}`);
        }
      }
      // depot bars
      const depotKey = `${v.depotMax}|${v.depot.join(',')}`;
      if (depotKey !== depotDrawn.current) {
        depotDrawn.current = depotKey;
        const cap = v.depotMax < 0 ? Math.max(8, ...v.depot) : Math.max(v.depotMax, ...v.depot);
        const barW = DEPOT_W - 58 - 70;
        const d = select(depotSvg.current);
        for (let cls = 0; cls < CLASSES; cls++) {
          const row = d.select(`g.c${cls}`);
          const w = (v.depot[cls] / cap) * barW;
          row.select('rect.track').attr('width', v.depotMax < 0 ? barW : (v.depotMax / cap) * barW);
          row.select('rect.bar').attr('width', Math.max(0, w));
          row.select('line.cap').attr('display', v.depotMax < 0 ? 'none' : null).attr('x1', 58 + (v.depotMax / cap) * barW).attr('x2', 58 + (v.depotMax / cap) * barW);
          row.select('text.val').attr('x', 58 + barW + 8).text(v.depotMax < 0 ? fmtInt(v.depot[cls]) : `${fmtInt(v.depot[cls])} / ${v.depotMax}`);
        }
      }
      const set = (k: string, text: string) => {
        const el = nums.current[k];
        if (el && el.textContent !== text) el.textContent = text;
      };
      set('nodes', fmtInt(v.rbtreeNodes));
      set('mags', fmtInt(v.magsToRbtree));
      markDrawn(bodyRef.current, v.events);
    },
    [H, S],
    playingCull(playback, bodyRef),
  );

  const alt = useThrottled(
    [playback],
    () => {
      const v = playback.getState().view;
      return { summary: allocatorSummary(v), rows: allocatorTable(v) };
    },
    (a) => a.summary + JSON.stringify(a.rows),
    [],
  );
  const ref = (k: string) => (el: HTMLElement | null) => {
    nums.current[k] = el;
  };

  return (
    <PanelFrame
      id="allocator"
      title={PANEL_TITLE.allocator}
      what="Where freed IOVAs wait for reuse: each CPU's loaded and prev magazine per size class, the depot of full magazines, and the rbtree that takes the overflow (under one lock)."
      legend={LEGEND}
      alt={
        <>
          <p>{alt.summary}</p>
          <AltTable caption="IOVA caches per size class" rows={alt.rows} />
        </>
      }
    >
      <div ref={bodyRef} className="panel-canvas-box">
        <div style={{ position: 'relative', height: cpus ? H.height : 1 }}>
          <canvas
            ref={heatRef}
            role="img"
            aria-label={alt.summary}
            {...pointerHandlers(pointer, redraw)}
            onClick={() => {
              const p = pointer.current;
              const h = p ? heatAt(H, p.x, p.y) : null;
              if (h) setFocusCpu(lab, h.cpu);
            }}
          />
          <svg ref={heatSvg} className="overlay" width={H.width} height={H.height} style={{ pointerEvents: 'none' }} aria-hidden="true" />
          <div ref={tipRef} className="panel-tip" hidden role="tooltip" />
        </div>
        <div className="alloc-row">
          <div style={{ width: DEPOT_W }}>
            <svg ref={depotSvg} width={DEPOT_W} height={20 + CLASSES * DEPOT_ROW} aria-hidden="true" />
            <p className="panel-note">{capText}</p>
          </div>
          <div style={{ width: sideW, minWidth: 0 }}>
            <dl className="iotlb-stats">
              <div>
                <dt>rbtree nodes</dt>
                <dd ref={ref('nodes')} className="num big">
                  0
                </dd>
              </div>
              <div>
                <dt>magazines freed to the rbtree</dt>
                <dd ref={ref('mags')} className="num big">
                  0
                </dd>
              </div>
            </dl>
            <Sparkline playback={playback} values={rbtreeValues} title="rbtree nodes over the run (ms)" width={Math.min(sideW, 520)} stroke={INK} fill="#e6e6e6" cull={playingCull(playback, bodyRef)} />
          </div>
        </div>
        <div style={{ position: 'relative', height: cpus ? S.height : 1 }}>
          <canvas ref={stripRef} aria-hidden="true" />
          <svg ref={stripSvg} className="overlay" width={S.width} height={S.height} style={{ pointerEvents: 'none' }} aria-hidden="true" />
        </div>
      </div>
    </PanelFrame>
  );
}
