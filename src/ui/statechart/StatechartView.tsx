// A statechart of one of the charts (charts.ts: the two kernel machines in src/machines/ and the
// page's playback machine): its states as boxes (compound states
// contain their children), its transitions as arrows labelled with the event, or for `resume` the
// step it runs, and the guard. The active state of the actor being watched is filled, its
// ancestors outlined, and the transitions it can take next drawn in the accent colour. Clicking a
// state (or Tab to it, then Enter or Space) explains it in one or two sentences naming the kernel
// function; the explanations are the machines' own state descriptions. A text list of every state
// and transition is the alternative to the drawing.
//
// Wire it to an actor with @xstate/react: `active={useSelector(actor, (s) => s.value)}`.

import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { activeStateId, type ChartState } from '../../machines/graph.ts';
import { chartGraph, type ChartName } from './charts.ts';
import { chartEdges, LABEL_FONT, LABEL_LINE } from './edges.ts';
import { LAYOUTS, type Box } from './layout.ts';
import { FOCUS, INK, MUTED } from '../../panels/palette.ts';

export interface StatechartViewProps {
  machine: ChartName;
  /** The watched actor's `snapshot.value`, or a dotted state id; null/undefined: none active. */
  active?: unknown;
  /** Shown with the active state, e.g. 'ring 3 of 16'. */
  activeNote?: string;
  /** The selected (explained) state id; leave undefined to let the view keep its own. */
  selected?: string | null;
  onSelect?: (stateId: string) => void;
  /** Caption; defaults to the machine's role. */
  title?: string;
}

const TITLES: Record<ChartName, string> = {
  cpuFlushQueue: 'One CPU: the unmap path (cpuFlushQueue)',
  flushTimer: 'The flush-queue timer and its callback (flushTimer)',
  playback: "This page's playback: the worker and the moment shown (playback)",
};

const ACCENT = FOCUS;

export function StatechartView({ machine, active, activeNote, selected, onSelect, title }: StatechartViewProps) {
  const graph = useMemo(() => chartGraph(machine), [machine]);
  const layout = LAYOUTS[machine];
  const uid = useId().replace(/:/g, '');
  const [ownSelected, setOwnSelected] = useState<string | null>(null);
  const [focused, setFocused] = useState<string | null>(null);
  const sel = selected === undefined ? ownSelected : selected;
  const activeId = typeof active === 'string' ? active : active == null ? '' : activeStateId(active);
  const isActiveOrAncestor = (id: string) => activeId === id || activeId.startsWith(`${id}.`);
  const byId = useMemo(() => new Map(graph.states.map((s) => [s.id, s])), [graph]);

  const choose = (id: string) => {
    if (selected === undefined) setOwnSelected(id);
    onSelect?.(id);
  };
  const onKey = (id: string) => (ev: KeyboardEvent) => {
    if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      choose(id);
    }
  };

  // Transitions between the same two states share one arrow; a state's targetless transitions
  // share one loop. Labels are joined (edges.ts).
  const edges = useMemo(() => chartEdges(graph, layout), [graph, layout]);

  const selState = sel ? byId.get(sel) : undefined;
  const activeState = byId.get(activeId);
  const markerId = `sc-arrow-${uid}`;
  const markerNext = `sc-arrow-next-${uid}`;

  const stateNode = (s: ChartState) => {
    const b = layout.boxes[s.id];
    if (!b) return null;
    const compound = s.children.length > 0;
    const isActive = activeId === s.id;
    const onPath = isActiveOrAncestor(s.id);
    const isSel = sel === s.id;
    const status = [isActive ? 'active' : onPath ? 'contains the active state' : '', s.transient ? 'decision point' : '', isSel ? 'explained below' : ''].filter(Boolean).join(', ');
    return (
      <g
        key={s.id}
        role="button"
        tabIndex={0}
        aria-label={`${s.key}${status ? ` (${status})` : ''}`}
        aria-pressed={isSel}
        data-state={s.id}
        data-active={isActive ? '1' : undefined}
        data-tour={`statechart:${machine}:${s.id}`}
        className="statechart-state"
        style={{ cursor: 'pointer' }}
        onClick={() => choose(s.id)}
        onKeyDown={onKey(s.id)}
        onFocus={() => setFocused(s.id)}
        onBlur={() => setFocused((f) => (f === s.id ? null : f))}
      >
        <title>{s.description}</title>
        <rect
          x={b.x}
          y={b.y}
          width={b.w}
          height={b.h}
          rx={compound ? 10 : 8}
          fill={isActive ? ACCENT : compound ? 'rgba(31,95,168,0.04)' : '#fff'}
          stroke={onPath || isSel ? ACCENT : compound ? '#9aa7b8' : '#7a7a7a'}
          strokeWidth={onPath ? 2.5 : isSel ? 2 : 1}
          strokeDasharray={s.transient ? '5 3' : undefined}
        />
        <text
          x={compound ? b.x + 10 : b.x + b.w / 2}
          y={compound ? b.y + 18 : b.y + b.h / 2 + (isActive && activeNote ? -2 : 4)}
          textAnchor={compound ? 'start' : 'middle'}
          fontSize={compound ? 12 : 12.5}
          fontStyle={s.transient ? 'italic' : undefined}
          fontWeight={compound ? 700 : undefined}
          fill={isActive ? '#fff' : compound ? '#33475f' : INK}
        >
          {s.key}
        </text>
        {isActive && activeNote ? (
          <text x={b.x + b.w / 2} y={b.y + b.h / 2 + 12} textAnchor="middle" fontSize={10.5} fill="#fff">
            {activeNote}
          </text>
        ) : null}
        {focused === s.id ? <rect x={b.x - 4} y={b.y - 4} width={b.w + 8} height={b.h + 8} rx={11} fill="none" stroke={ACCENT} strokeWidth={2} strokeDasharray="3 2" /> : null}
      </g>
    );
  };

  const edgeGeometry = (e: (typeof edges)[number]) => ({ ...e, next: activeId !== '' && isActiveOrAncestor(e.source) });

  const compounds = graph.states.filter((s) => s.children.length > 0);
  const leaves = graph.states.filter((s) => s.children.length === 0);
  const initialBox = layout.boxes[graph.initial];

  return (
    <figure className="statechart" data-machine={machine} style={{ margin: 0 }}>
      <figcaption style={{ fontWeight: 700, marginBottom: 4 }}>
        {title ?? TITLES[machine]}
        <span style={{ fontWeight: 400, color: MUTED }}>
          {' — active: '}
          {activeState ? `${activeState.key}${activeNote ? ` (${activeNote})` : ''}` : 'none'}
        </span>
      </figcaption>
      <svg
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        width="100%"
        role="group"
        aria-label={`Statechart of ${machine}. Each state is a button: Tab to it and press Enter for an explanation. The same states and transitions are listed as text below.`}
        style={{ maxWidth: layout.width, display: 'block', fontFamily: 'inherit' }}
      >
        <defs>
          <marker id={markerId} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" fill={MUTED} />
          </marker>
          <marker id={markerNext} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" fill={ACCENT} />
          </marker>
        </defs>
        {compounds.map(stateNode)}
        {initialBox ? (
          <g aria-hidden="true">
            <circle cx={initialBox.x - 8} cy={initialBox.y - 10} r={4} fill={INK} />
            <path d={`M${initialBox.x - 5},${initialBox.y - 7} L${initialBox.x + 4},${initialBox.y + 2}`} stroke={INK} markerEnd={`url(#${markerId})`} />
          </g>
        ) : null}
        <g aria-hidden="true">
          {edges.map((e) => {
            const g = edgeGeometry(e);
            if (!g) return null;
            return <path key={e.key} d={g.d} fill="none" stroke={g.next ? ACCENT : MUTED} strokeWidth={g.next ? 1.8 : 1} markerEnd={`url(#${g.next ? markerNext : markerId})`} />;
          })}
        </g>
        {leaves.map(stateNode)}
        <g aria-hidden="true">
          {edges.map((e) => {
            const g = edgeGeometry(e);
            if (!g || e.lines.length === 0) return null;
            const b = g.labelBox;
            return (
              <g key={e.key}>
                <rect x={b.x} y={b.y} width={b.w} height={b.h} rx={3} fill="#fff" opacity={0.9} />
                {e.lines.map((l, i) => (
                  <text key={i} x={g.label.x} y={b.y + 12 + i * LABEL_LINE} textAnchor="middle" fontSize={LABEL_FONT} fill={g.next ? ACCENT : '#444'}>
                    {l}
                  </text>
                ))}
              </g>
            );
          })}
        </g>
      </svg>
      <div className="statechart-explain" aria-live="polite" style={{ minHeight: '2.9em', marginTop: 6 }}>
        {selState ? (
          <p style={{ margin: 0 }}>
            <strong>{selState.key}</strong>
            {selState.phase ? <span style={{ color: MUTED }}> (engine phase {selState.phase})</span> : null}: {selState.description}
          </p>
        ) : (
          <p style={{ margin: 0, color: MUTED }}>{machine === 'playback' ? 'Select a state to see what the page does there.' : 'Select a state to see what the kernel does there.'}</p>
        )}
      </div>
      <details>
        <summary>States and transitions as text</summary>
        <ul>
          {graph.states.map((s) => (
            <li key={s.id}>
              <strong>{s.id}</strong>
              {activeId === s.id ? ' (active)' : ''}: {s.description}
              {transitionsText(graph.transitions.filter((t) => t.source === s.id))}
            </li>
          ))}
        </ul>
      </details>
    </figure>
  );
}

function transitionsText(ts: { event: string; guard: string | null; actions: string[]; targets: string[] }[]) {
  if (ts.length === 0) return null;
  return (
    <ul>
      {ts.map((t, i) => (
        <li key={i}>
          {t.event ? `on ${t.event}` : 'at once'}
          {t.guard ? ` if ${t.guard}` : ''}
          {t.actions.length ? `, runs ${t.actions.join(', ')}` : ''}
          {t.targets.length ? `, goes to ${t.targets.join(', ')}` : ', stays'}
        </li>
      ))}
    </ul>
  );
}

/** Box of a state (for callers that overlay something on the chart). */
export function stateBox(machine: ChartName, id: string): Box | undefined {
  return LAYOUTS[machine].boxes[id];
}
