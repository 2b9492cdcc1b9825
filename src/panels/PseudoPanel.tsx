// Panel 7, the pseudocode (issue 15): the unmap path, the flush queue and the IOVA caches as short
// pseudocode (pseudo/program.ts), with the line the focused CPU is at highlighted at the moment
// shown. The line comes from the CPU step table through one map (pseudo/steps.ts STEP_LINE); the
// focused CPU's part of the last engine step marks the line it ran last (free passes and the
// rcache run within one step). Lines whose wording changed between kernel versions show the
// wording of the scenario's version with a marker naming the commit (pseudo/versionMarks.ts).
// React renders the program once per kernel version; the marks and the status line are written
// per frame into the DOM (useFrame, culled off screen while playing), as the other panels draw:
// playing back re-renders no React.

import { memo, useId, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { DEFAULT_KERNEL, kernelRules, type KernelRules } from '../sim/kernel/versions.ts';
import { markDrawn } from './frame.ts';
import { playingCull, useFrame } from './hooks.ts';
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

type Kind = 'cur' | 'caller' | 'last';
const SYMBOL: Record<Kind, string> = { cur: '▶', caller: '↳', last: '✓' };
const SAYS: Record<Kind, string> = { cur: ' (executing now)', caller: ' (waiting for its callee)', last: ' (ran last)' };

/** One function's pseudocode, in the words of `rules`' version (the marks are drawn per frame). */
const FnBlock = memo(function FnBlock({ f, rules }: { f: PseudoFn; rules: KernelRules }) {
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
          return (
            <li key={ref} className="pseudo-line" data-tour={`pseudo:${ref}`} data-line={ref}>
              <span className="pseudo-n" aria-hidden="true">
                <span className="pseudo-sym" />
                {i + 1}
              </span>
              <code style={{ paddingLeft: `${l.indent * 2}ch` }}>{lineText(l, rules)}</code>
              <span className="sr-only pseudo-says" />
              <VersionMarker line={l} rules={rules} />
            </li>
          );
        })}
      </ol>
    </section>
  );
});

/** Sets (kind) or clears (null) the mark of one line element. */
function mark(li: Element, kind: Kind | null): void {
  li.className = kind ? `pseudo-line ${kind}` : 'pseudo-line';
  if (kind === 'cur') li.setAttribute('aria-current', 'step');
  else li.removeAttribute('aria-current');
  const sym = li.querySelector('.pseudo-sym');
  if (sym) sym.textContent = kind ? SYMBOL[kind] : '';
  const says = li.querySelector('.pseudo-says');
  if (says) says.textContent = kind ? SAYS[kind] : '';
}

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
  const statusRef = useRef<HTMLSpanElement>(null);
  const altRef = useRef<HTMLParagraphElement>(null);
  const drawn = useRef<{ key: string; marked: Element[] }>({ key: '', marked: [] });
  const scenarioKernel = useStore(lab, (s) => s.scenario.kernel);
  const kernel = useStore(playback, (s) => s.view?.kernel ?? null) ?? scenarioKernel;
  const rules = kernelRules(kernel) ?? kernelRules(DEFAULT_KERNEL)!;

  useFrame(
    [playback, lab],
    (force) => {
      const v = playback.getState().view;
      const cpu = lab.getState().focusCpu;
      const phase = v ? (v.cpuPhase[cpu] ?? -1) : -1;
      const step = phase >= 0 ? stepLine(phase) : null;
      const last = v ? lastEventLine(v.stepEvents, cpu) : null;
      const status = where(cpu, phase, step?.line ?? null, v?.mode ?? null);
      const key = `${step?.line}|${step?.caller}|${last}|${status}`;
      const box = boxRef.current;
      if (box && (force || key !== drawn.current.key)) {
        const moved = !drawn.current.marked.some((el) => el.getAttribute('aria-current') === 'step' && el.getAttribute('data-line') === step?.line);
        for (const el of drawn.current.marked) mark(el, null);
        const marked: Element[] = [];
        // Lowest priority first: a line that is both the current and the last-run one shows as current.
        for (const [ref, kind] of [[last, 'last'], [step?.caller ?? null, 'caller'], [step?.line ?? null, 'cur']] as const) {
          const li = ref ? box.querySelector(`[data-line="${ref}"]`) : null;
          if (!li) continue;
          mark(li, kind);
          marked.push(li);
        }
        drawn.current = { key, marked };
        if (statusRef.current) statusRef.current.textContent = status;
        if (altRef.current) altRef.current.textContent = status;
        // Keep the current line inside the scrolling box (never scrolls the page; no animation).
        const el = box.querySelector<HTMLElement>('[aria-current="step"]');
        if (el && moved) {
          const top = el.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
          if (top < box.scrollTop || top + el.offsetHeight > box.scrollTop + box.clientHeight) box.scrollTop = Math.max(0, top - box.clientHeight / 3);
        }
      }
      if (v) markDrawn(rootRef.current, v.events);
    },
    [rules],
    playingCull(playback, rootRef),
  );

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
      alt={<p ref={altRef} />}
    >
      <div ref={rootRef} className="pseudo">
        <p className="pseudo-status" data-testid="pseudo-status">
          <span ref={statusRef} /> <span className="pseudo-kv">Kernel {rules.version}.</span>
        </p>
        <div ref={boxRef} className="pseudo-box" tabIndex={0} role="region" aria-label="Pseudocode">
          {PROGRAM.map((f) => (
            <FnBlock key={f.id} f={f} rules={rules} />
          ))}
        </div>
      </div>
    </PanelFrame>
  );
}
