// Panel 6, the counters: the flush-queue state every CPU shares (start / finish counters, the
// timer), flushes by reason, the atomic reads of the shared counters with those saved by counter
// reuse, and the collapse observables so far (allocator CPU time, the iova_rbtree_lock convoy, the
// longest timeout and IRQs-off section, lockups). A plain table (its own text alternative); values
// are written into it per frame.

import { useRef } from 'react';
import { counterRows, ROW_KEYS } from './counters/rows.ts';
import { WithTerms } from './glossary/Term.tsx';
import { markDrawn } from './frame.ts';
import { playingCull, useFrame } from './hooks.ts';
import { PanelFrame, type LegendItem } from './PanelFrame.tsx';
import { COLOR } from './palette.ts';
import type { PanelProps } from './types.ts';
import { PANEL_TITLE } from './titles.ts';

const LEGEND: LegendItem[] = [
  { mark: { type: 'solid', color: COLOR.flushFull }, label: 'flushes on a full ring' },
  { mark: { type: 'hatch', color: COLOR.flushTimeout, bg: COLOR.flushTimeoutBg }, label: 'flushes by the FQ timeout' },
];

const NAMES: Record<(typeof ROW_KEYS)[number], string> = {
  start: 'fq_flush_start_cnt',
  finish: 'fq_flush_finish_cnt',
  timer: 'fq_timer_on',
  expires: 'fq_timer expires',
  flushes: 'flushes: ring full / timeout',
  readsFinish: 'reads of fq_flush_finish_cnt',
  readsStart: 'reads of fq_flush_start_cnt',
  remote: 'remote counter reads',
  saved: 'reads saved by counter reuse',
  allocCpu: 'CPU time in the IOVA allocator',
  spinners: 'most CPUs spinning on iova_rbtree_lock',
  timeoutMax: 'longest fq_flush_timeout',
  irqOff: 'longest IRQs-off section',
  watchdog: 'lockup watchdog: soft / hard',
};

export function CountersPanel({ playback }: PanelProps) {
  const rootRef = useRef<HTMLDivElement>(null);
  const cells = useRef<Record<string, { value: HTMLElement | null; note: HTMLElement | null }>>({});
  const bar = useRef<{ full: HTMLElement | null; timeout: HTMLElement | null }>({ full: null, timeout: null });

  const widths = useRef(['', '']);
  useFrame(
    [playback],
    () => {
      const v = playback.getState().view;
      if (!v) return;
      for (const r of counterRows(v)) {
        const c = cells.current[r.key];
        if (!c) continue;
        if (c.value && c.value.textContent !== r.value) c.value.textContent = r.value;
        if (c.note && c.note.textContent !== r.note) c.note.textContent = r.note;
      }
      const total = v.flushes.full + v.flushes.timeout;
      const f = total ? (v.flushes.full / total) * 100 : 0;
      // Written only when changed: an inline style write invalidates style even with the same value.
      const w = [`${f}%`, `${total ? 100 - f : 0}%`];
      if (bar.current.full && w[0] !== widths.current[0]) bar.current.full.style.width = w[0];
      if (bar.current.timeout && w[1] !== widths.current[1]) bar.current.timeout.style.width = w[1];
      widths.current = w;
      markDrawn(rootRef.current, v.events);
    },
    [],
    playingCull(playback, rootRef),
  );

  const cell = (key: string, part: 'value' | 'note') => (el: HTMLElement | null) => {
    cells.current[key] ??= { value: null, note: null };
    cells.current[key][part] = el;
  };

  return (
    <PanelFrame
      id="counters"
      title={PANEL_TITLE.counters}
      what="The flush-queue state shared by all CPUs: two atomic counters that decide when an entry may be retired, the timer that bounds how long entries wait, and what reading the counters costs."
      legend={LEGEND}
      alt={null}
    >
      <div ref={rootRef} className="counters">
        <table className="counters-table">
          <caption className="sr-only">Flush-queue counters at the current moment</caption>
          <thead>
            <tr>
              <th scope="col">Counter</th>
              <th scope="col">Value</th>
              <th scope="col">Meaning</th>
            </tr>
          </thead>
          <tbody>
            {ROW_KEYS.map((k) => (
              <tr key={k} data-tour={`counters:row-${k}`}>
                <th scope="row">
                  <code>
                    <WithTerms text={NAMES[k]} />
                  </code>
                </th>
                <td ref={cell(k, 'value')} className="num">
                  —
                </td>
                <td ref={cell(k, 'note')} className="counters-note" />
              </tr>
            ))}
          </tbody>
        </table>
        <div className="flush-bar" aria-hidden="true">
          <span
            className="flush-bar-full"
            ref={(el) => {
              bar.current.full = el;
            }}
          />
          <span
            className="flush-bar-timeout"
            ref={(el) => {
              bar.current.timeout = el;
            }}
          />
        </div>
      </div>
    </PanelFrame>
  );
}
