// The frame every panel shares: a title (its glossary terms open their definitions), one line saying what you are looking at, a legend that
// uses the canvas's own marks, the panel body, and a visually hidden text alternative (screen
// readers cannot see a canvas). `data-frame` records the playback position last drawn, so tests
// can wait for a panel to be quiescent. Each frame has an export menu (ExportMenu.tsx, issue 16).

import { useRef, type ReactNode } from 'react';
import { ExportMenu } from './ExportMenu.tsx';
import { termsIn } from './glossary/match.ts';
import { WithTerms } from './glossary/Term.tsx';
import type { Mark } from './palette.ts';
import { Swatch } from './Swatch.tsx';

export interface LegendItem {
  mark: Mark;
  label: string;
}

interface Props {
  id: string;
  title: string;
  what: ReactNode;
  legend: readonly LegendItem[];
  /** Controls shown under the legend (toggles, focus input). */
  tools?: ReactNode;
  /** The text alternative: a summary sentence and/or a table, kept in sync (throttled). */
  alt: ReactNode;
  children: ReactNode;
}

export function PanelFrame({ id, title, what, legend, tools, alt, children }: Props) {
  const h = `panel-${id}-h`;
  const body = useRef<HTMLDivElement>(null);
  return (
    <section className="panel" data-panel={id} data-tour={`${id}:panel`} aria-labelledby={h}>
      <header className="panel-head">
        <h3 id={h}>
          <WithTerms text={title} />
        </h3>
        {/* Glossary terms: each one once per panel head (the title's are not repeated below it). */}
        <p className="panel-what">{typeof what === 'string' ? <WithTerms text={what} skip={[...termsIn(title)]} /> : what}</p>
        <ExportMenu id={id} title={title} body={body} />
      </header>
      {legend.length > 0 && (
        <ul className="panel-legend" aria-label={`${title} legend`}>
          {legend.map((l) => (
            <li key={l.label}>
              <Swatch mark={l.mark} />
              <span>{l.label}</span>
            </li>
          ))}
        </ul>
      )}
      {tools && <div className="panel-tools">{tools}</div>}
      <div className="panel-body" ref={body}>
        {children}
      </div>
      <div className="sr-only">{alt}</div>
    </section>
  );
}

/** A visually hidden table (rows of cells; the first row is the header). */
export function AltTable({ caption, rows }: { caption: string; rows: readonly (readonly (string | number)[])[] }) {
  if (rows.length === 0) return null;
  const [head, ...body] = rows;
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {head.map((c, i) => (
            <th key={i} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {body.map((r, i) => (
          <tr key={i}>
            {r.map((c, j) => (j === 0 ? <th key={j} scope="row">{c}</th> : <td key={j}>{c}</td>))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
