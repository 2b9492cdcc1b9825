// Panel 1, the flush queues: the focused CPU's ring large, every CPU's ring small (click one to
// focus it), or the v6.7+ single 32768-slot queue as a ring plus a raster of all its slots.

import { useMemo, useRef } from 'react';
import { useStore } from 'zustand';
import { prepareCanvas, staticLayer, updateStaticLayer } from './canvas.ts';
import { playingCull, pointerHandlers, useFrame, useThrottled, useWidth } from './hooks.ts';
import { AltTable, PanelFrame, type LegendItem } from './PanelFrame.tsx';
import { COLOR, INK, TRACK } from './palette.ts';
import { drawQueues, queuesStaticKey } from './queues/draw.ts';
import { hitQueues, type Hover } from './queues/hit.ts';
import { queuesLayout } from './queues/layout.ts';
import { queuesSummary, queuesTable, ringTooltip, slotTooltip } from './queues/text.ts';
import { markDrawn } from './frame.ts';
import { showTip } from './Tooltip.ts';
import type { PanelProps } from './types.ts';
import { setFocusCpu } from '../store/labStore.ts';
import { PANEL_TITLE } from './titles.ts';

const LEGEND: LegendItem[] = [
  { mark: { type: 'solid', color: COLOR.waiting }, label: 'waiting for a flush (counter ≥ finish)' },
  { mark: { type: 'hatch', color: COLOR.covered, bg: COLOR.coveredBg }, label: 'covered by a finished flush, not yet retired' },
  { mark: { type: 'track', color: TRACK }, label: 'free slot' },
  { mark: { type: 'tri-up', color: INK }, label: 'H head: oldest entry, retired next' },
  { mark: { type: 'tri-down', color: INK }, label: 'T tail: the next add goes here' },
];

export function QueuesPanel({ playback, lab }: PanelProps) {
  const bodyRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const tipRef = useRef<HTMLDivElement>(null);
  const pointer = useRef<{ x: number; y: number } | null>(null);
  const width = useWidth(bodyRef);
  const shape = useStore(playback, (s) => (s.view ? `${s.view.nrings}|${s.view.fqSize}|${s.view.cpus}` : ''));
  const [nrings, size, cpus] = shape ? shape.split('|').map(Number) : [0, 0, 0];
  const focusCpu = useStore(lab, (s) => s.focusCpu);
  const layout = useMemo(() => queuesLayout(width, Math.max(1, nrings), Math.max(2, size)), [width, nrings, size]);

  const hoverAt = (): Hover | null => {
    const v = playback.getState().view;
    const p = pointer.current;
    return v && p ? hitQueues(v, layout, lab.getState().focusCpu, p.x, p.y) : null;
  };

  const back = useRef(staticLayer());
  const redraw = useFrame(
    [playback, lab],
    (force) => {
      const v = playback.getState().view;
      const canvas = canvasRef.current;
      if (!canvas) return;
      const focus = lab.getState().focusCpu;
      // Tracks, dials and labels are drawn once per layout and focus, then copied in per frame.
      const bg = v ? updateStaticLayer(back.current, queuesStaticKey(v, layout, focus), layout.width, layout.height, (c) => drawQueues(c, v, layout, focus, null, 'static'), force) : null;
      const ctx = prepareCanvas(canvas, layout.width, v ? layout.height : 40, bg);
      if (!ctx || !v) return;
      const hover = hoverAt();
      drawQueues(ctx, v, layout, focus, hover, bg ? 'dynamic' : 'all');
      const p = pointer.current;
      const text = hover ? (hover.slot >= 0 ? slotTooltip(v, hover.ring, hover.slot) : ringTooltip(v, hover.ring)) : null;
      showTip(tipRef.current, text, p?.x ?? 0, p?.y ?? 0, layout.width);
      markDrawn(bodyRef.current, v.events);
    },
    [layout],
    playingCull(playback, bodyRef),
  );

  const alt = useThrottled(
    [playback, lab],
    () => {
      const st = playback.getState();
      const v = st.view;
      const f = lab.getState().focusCpu;
      // The per-ring table (a row per CPU) is there when playback stands still; while playing, only
      // the summary follows: re-laying out hundreds of changing rows every 400 ms costs a frame.
      return { summary: queuesSummary(v, f), rows: st.status === 'playing' ? [] : queuesTable(v) };
    },
    (a) => a.summary + JSON.stringify(a.rows),
    [],
  );

  const single = nrings === 1 && cpus > 1;
  return (
    <PanelFrame
      id="queues"
      title={PANEL_TITLE.queues}
      what={
        single
          ? 'The one shared flush queue (v6.7+ single mode): entries queued by queue_iova on every CPU, retired from the head once a flush that started after them has finished.'
          : `One ring of ${size > 0 ? size : 256} slots per CPU: queue_iova adds at the tail, free passes retire from the head once a flush that started after the entry has finished. Click a ring to focus it.`
      }
      legend={LEGEND}
      tools={
        nrings > 1 ? (
          <label className="panel-field">
            Focused CPU{' '}
            <input
              type="number"
              min={0}
              max={nrings - 1}
              value={Math.min(focusCpu, nrings - 1)}
              onChange={(e) => {
                const n = Number(e.target.value);
                if (Number.isInteger(n) && n >= 0 && n < nrings) setFocusCpu(lab, n);
              }}
            />
          </label>
        ) : null
      }
      alt={
        <>
          <p>{alt.summary}</p>
          <AltTable caption="Flush queue occupancy per ring" rows={alt.rows} />
        </>
      }
    >
      <div ref={bodyRef} className="panel-canvas-box">
        <canvas
          ref={canvasRef}
          role="img"
          aria-label={alt.summary}
          {...pointerHandlers(pointer, redraw)}
          onClick={() => {
            const h = hoverAt();
            if (h && h.slot < 0) setFocusCpu(lab, h.ring);
          }}
        />
        <div ref={tipRef} className="panel-tip" hidden role="tooltip" />
      </div>
    </PanelFrame>
  );
}
