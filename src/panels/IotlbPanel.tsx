// Panel 4, the IOTLB: one cell per translation it can hold — stale (dma_unmap has returned but
// the translation is still cached: a device could still reach the old page), valid, free — with
// the stale count, the most stale at once and the longest stale window as numbers, and the stale
// count over the whole run. Strict mode shows that nothing stays stale.

import { useMemo, useRef } from 'react';
import { useStore } from 'zustand';
import { pattern, prepareCanvas } from './canvas.ts';
import { fmtInt, fmtNs } from './format.ts';
import { markDrawn } from './frame.ts';
import { playingCull, sameInputs, useFrame, useThrottled, useWidth } from './hooks.ts';
import { iotlbSummary, modeNote } from './iotlb/text.ts';
import { CELL_FREE, CELL_STALE, cellKind, waffleLayout } from './iotlb/waffle.ts';
import { PanelFrame, type LegendItem } from './PanelFrame.tsx';
import { COLOR, TRACK } from './palette.ts';
import { Sparkline } from './Sparkline.tsx';
import type { RunSeries } from '../sim/view.ts';
import type { PanelProps } from './types.ts';
import { PANEL_TITLE } from './titles.ts';

const LEGEND: LegendItem[] = [
  { mark: { type: 'cross', color: '#fff', bg: COLOR.stale }, label: 'stale: unmapped, still cached' },
  { mark: { type: 'solid', color: COLOR.valid }, label: 'valid translation' },
  { mark: { type: 'track', color: TRACK }, label: 'free' },
];

const staleValues = (s: RunSeries) => s.staleIotlb;

export function IotlbPanel({ playback }: PanelProps) {
  const bodyRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const nums = useRef<Record<string, HTMLElement | null>>({});
  const width = useWidth(bodyRef);
  const capacity = useStore(playback, (s) => s.view?.iotlbCapacity ?? 0);
  const note = useStore(playback, (s) => (s.view ? modeNote(s.view) : ''));
  const stacked = width < 640;
  const waffleW = stacked ? width : Math.min(480, Math.floor(width * 0.46));
  const W = useMemo(() => waffleLayout(capacity, waffleW, 240), [capacity, waffleW]);
  const sideW = stacked ? width : width - waffleW - 24;

  const drawn = useRef<readonly unknown[] | null>(null);
  useFrame(
    [playback],
    (force) => {
      const st = playback.getState();
      const v = st.view;
      const canvas = canvasRef.current;
      if (!canvas) return;
      const stale = v ? Math.min(v.iotlbStale, v.iotlbCapacity) : 0;
      const valid = v ? Math.min(v.iotlbValid, v.iotlbCapacity - stale) : 0;
      // The waffle shows three counts: most frames change none of them.
      const same = sameInputs(drawn, [v === null, v?.iotlbCapacity, stale, valid]);
      const ctx = same && !force ? null : prepareCanvas(canvas, Math.max(1, W.width), v ? W.height : 1);
      if (!v) return;
      if (ctx) drawWaffle(ctx, v.iotlbCapacity, stale, valid);
      const set = (k: string, text: string) => {
        const el = nums.current[k];
        if (el && el.textContent !== text) el.textContent = text;
      };
      set('stale', fmtInt(v.iotlbStale));
      set('valid', `${fmtInt(v.iotlbValid)} of ${fmtInt(v.iotlbCapacity)}`);
      set('staleMax', fmtInt(v.staleMax));
      set('staleMaxNs', fmtNs(v.staleMaxNs));
      markDrawn(bodyRef.current, v.events);
    },
    [W],
    playingCull(playback, bodyRef),
  );

  function drawWaffle(ctx: CanvasRenderingContext2D, cells: number, stale: number, valid: number): void {
    const c = W.cell - W.gap;
    const fills = [TRACK, COLOR.valid, pattern(ctx, 'cross', '#fff', COLOR.stale)];
    for (const kind of [CELL_FREE, 1, CELL_STALE]) {
      ctx.fillStyle = fills[kind];
      for (let i = 0; i < cells; i++) {
        if (cellKind(i, stale, valid) !== kind) continue;
        ctx.fillRect((i % W.cols) * W.cell, Math.floor(i / W.cols) * W.cell, c, c);
      }
    }
  }

  const summary = useThrottled([playback], () => iotlbSummary(playback.getState().view), (s) => s, []);
  const ref = (k: string) => (el: HTMLElement | null) => {
    nums.current[k] = el;
  };

  return (
    <PanelFrame
      id="iotlb"
      title={PANEL_TITLE.iotlb}
      what="Every cell is one translation the IOMMU's IOTLB can cache. Stale ones belong to IOVAs whose dma_unmap has already returned: until a flush covers them, the device can still reach that memory."
      legend={LEGEND}
      alt={<p>{summary}</p>}
    >
      <div ref={bodyRef} className="panel-canvas-box iotlb-body" style={{ display: 'flex', flexDirection: stacked ? 'column' : 'row', gap: 24 }}>
        <canvas ref={canvasRef} role="img" aria-label={summary} />
        <div style={{ width: sideW, minWidth: 0 }}>
          <dl className="iotlb-stats">
            <div>
              <dt>stale now</dt>
              <dd ref={ref('stale')} className="num big stale-num">
                0
              </dd>
            </div>
            <div>
              <dt>longest stale window</dt>
              <dd ref={ref('staleMaxNs')} className="num big stale-num">
                0 ns
              </dd>
            </div>
            <div>
              <dt>most stale at once</dt>
              <dd ref={ref('staleMax')} className="num">
                0
              </dd>
            </div>
            <div>
              <dt>valid</dt>
              <dd ref={ref('valid')} className="num">
                0
              </dd>
            </div>
          </dl>
          <p className="panel-note">{note}</p>
          <Sparkline playback={playback} values={staleValues} title="Stale translations over the run (ms)" width={sideW} stroke={COLOR.stale} fill={COLOR.staleBg} cull={playingCull(playback, bodyRef)} />
        </div>
      </div>
    </PanelFrame>
  );
}
