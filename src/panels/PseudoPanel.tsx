// Panel 7, the pseudocode (issue 15): the unmap path, the flush queue and the IOVA caches as short
// pseudocode (pseudo/program.ts), with the line the focused CPU is at highlighted at the moment
// shown. The line comes from the CPU step table through one map (pseudo/steps.ts STEP_LINE); the
// focused CPU's part of the last engine step marks the line it ran last (free passes and the
// rcache run within one step). Lines whose wording changed between kernel versions show the
// wording of the scenario's version with a marker naming the commit (pseudo/versionMarks.ts).

import { memo, useId, useLayoutEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { DEFAULT_KERNEL, kernelRules, type KernelRules } from '../sim/kernel/versions.ts';
import { markDrawn } from './frame.ts';
import { useFrame } from './hooks.ts';
import { PanelFrame } from './PanelFrame.tsx';
import { phaseText } from './phase.ts';
import { findLine, fnFile, lineText, PROGRAM, type LineRef, type PseudoFn, type PseudoLine } from './pseudo/program.ts';
import { lastEventLine, stepLine } from './pseudo/steps.ts';
import { versionMark } from './pseudo/versionMarks.ts';
import './pseudo/pseudo.css';
import { PANEL_TITLE } from './titles.ts';
import type { PanelProps } from './types.ts';

function VersionMarker({ line, rules }: { line: PseudoLine; rules: KernelRules }) {
  const id = useId();
  const [pinned, setPinned] = useState(false);
  if (!line.v) return null;
  const m = versionMark(line.v, rules);
  return (
    <span className="pseudo-ver-wrap">
      <button
        type="button"
        className="pseudo-ver"
        aria-describedby={id}
        aria-pressed={pinned}
        data-rule={line.v.rule}
        onClick={() => setPinned((p) => !p)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && pinned) {
            e.stopPropagation();
            setPinned(false);
          }
        }}
        onBlur={() => setPinned(false)}
      >
        <span aria-hidden="true">Δ </span>
        {m.label}
      </button>
      <span role="tooltip" id={id} className={pinned ? 'pseudo-tip pinned' : 'pseudo-tip'}>
        {m.tip}
      </span>
    </span>
  );
}

/** `ref` when it is a line of block `f`, else null (so a block re-renders only when its own marks change). */
const own = (f: PseudoFn, ref: LineRef | null): LineRef | null => (ref !== null && ref.startsWith(`${f.id}:`) && ref.lastIndexOf(':') === f.id.length ? ref : null);

interface BlockProps {
  f: PseudoFn;
  rules: KernelRules;
  cur: LineRef | null;
  caller: LineRef | null;
  last: LineRef | null;
}

/** One function's pseudocode; memoised: while playing, only the blocks whose marks moved redraw. */
const FnBlock = memo(function FnBlock({ f, rules, cur, caller, last }: BlockProps) {
  const file = fnFile(f, rules);
  return (
    <section className="pseudo-fn" aria-label={f.id}>
      <h4>
        <code>{f.sig}</code>
        {file && <span className="pseudo-file"> · {file}</span>}
      </h4>
      <ol>
        {f.lines.map((l, i) => {
          const ref: LineRef = `${f.id}:${i + 1}`;
          const kind = ref === cur ? 'cur' : ref === caller ? 'caller' : ref === last ? 'last' : '';
          return (
            <li key={ref} className={kind ? `pseudo-line ${kind}` : 'pseudo-line'} data-tour={`pseudo:${ref}`} data-line={ref} aria-current={kind === 'cur' ? 'step' : undefined}>
              <span className="pseudo-n" aria-hidden="true">
                {kind === 'cur' ? '▶' : kind === 'caller' ? '↳' : kind === 'last' ? '✓' : ''}
                {i + 1}
              </span>
              <code style={{ paddingLeft: `${l.indent * 2}ch` }}>{lineText(l, rules)}</code>
              {kind && <span className="sr-only"> ({kind === 'cur' ? 'executing now' : kind === 'caller' ? 'waiting for its callee' : 'ran last'})</span>}
              <VersionMarker line={l} rules={rules} />
            </li>
          );
        })}
      </ol>
    </section>
  );
});

/** Where the focused CPU is, in one sentence (the panel's status line and text alternative). */
function where(cpu: number, phase: number, at: LineRef | null, mode: string | null): string {
  if (phase < 0 || !at) return `CPU ${cpu}: no run shown yet.`;
  if (mode === 'passthrough') return `CPU ${cpu}: passthrough, no IOVA is mapped or unmapped; the driver’s I/O runs alone.`;
  const l = findLine(at);
  const place = l ? `${l.fn.id} line ${l.n}` : at;
  return `CPU ${cpu} is at ${place}: ${phaseText(phase)}.`;
}

export function PseudoPanel({ playback, lab }: PanelProps) {
  const rootRef = useRef<HTMLDivElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const focus = useStore(lab, (s) => s.focusCpu);
  const scenarioKernel = useStore(lab, (s) => s.scenario.kernel);
  const kernel = useStore(playback, (s) => s.view?.kernel ?? null) ?? scenarioKernel;
  const mode = useStore(playback, (s) => s.view?.mode ?? null);
  const phase = useStore(playback, (s) => (s.view ? (s.view.cpuPhase[focus] ?? -1) : -1));
  const last = useStore(playback, (s) => (s.view ? lastEventLine(s.view.stepEvents, focus) : null));
  const rules = kernelRules(kernel) ?? kernelRules(DEFAULT_KERNEL)!;
  const step = phase >= 0 ? stepLine(phase) : null;
  const cur = step?.line ?? null;

  useFrame(
    [playback],
    () => {
      const v = playback.getState().view;
      if (v) markDrawn(rootRef.current, v.events);
    },
    [],
  );

  // Keep the current line inside the scrolling box (never scrolls the page; no animation).
  useLayoutEffect(() => {
    const box = boxRef.current;
    const el = box?.querySelector<HTMLElement>('[aria-current="step"]');
    if (!box || !el) return;
    const top = el.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
    if (top < box.scrollTop || top + el.offsetHeight > box.scrollTop + box.clientHeight) box.scrollTop = Math.max(0, top - box.clientHeight / 3);
  }, [cur]);

  const status = where(focus, phase, cur, mode);
  return (
    <PanelFrame
      id="pseudo"
      title={PANEL_TITLE.pseudo}
      what="The unmap path, the flush queue and the IOVA caches in short pseudocode. The focused CPU’s line is highlighted; choose the CPU in the flush-queues panel. Δ marks a line that reads differently in other kernel versions."
      legend={[]}
      tools={
        <ul className="pseudo-key" aria-label="Pseudocode highlights">
          <li>
            <span className="pseudo-swatch cur" aria-hidden="true">▶</span> executing (or waiting) now
          </li>
          <li>
            <span className="pseudo-swatch caller" aria-hidden="true">↳</span> its caller, waiting for it
          </li>
          <li>
            <span className="pseudo-swatch last" aria-hidden="true">✓</span> ran last in the latest step
          </li>
        </ul>
      }
      alt={<p>{status}</p>}
    >
      <div ref={rootRef} className="pseudo">
        <p className="pseudo-status" data-testid="pseudo-status">
          {status} <span className="pseudo-kv">Kernel {rules.version}.</span>
        </p>
        <div ref={boxRef} className="pseudo-box" tabIndex={0} role="region" aria-label="Pseudocode">
          {PROGRAM.map((f) => (
            <FnBlock key={f.id} f={f} rules={rules} cur={own(f, cur)} caller={own(f, step?.caller ?? null)} last={own(f, last)} />
          ))}
        </div>
      </div>
    </PanelFrame>
  );
}
