// The "Tours" menu in the header (issue 15): the eight chapters; picking one opens its tour at
// step 1 (store openTour: the chapter's scenario, a new history entry).

import { useRef } from 'react';
import { CHAPTERS } from '../../sim/tour/chapters.ts';
import { openTour } from '../../store/labStore.ts';
import { useLabStore } from '../labContext.ts';

export function ToursMenu() {
  const store = useLabStore();
  const ref = useRef<HTMLDetailsElement>(null);
  return (
    <details className="panel-picker tours-menu" ref={ref}>
      <summary>Tours</summary>
      <div className="panel-picker-menu tours-list">
        <p className="tours-lede">Guided tours: each step stops the run at the event it explains.</p>
        <ol>
          {CHAPTERS.map((ch) => (
            <li key={ch.id}>
              <button
                type="button"
                data-chapter={ch.id}
                onClick={() => {
                  if (ref.current) ref.current.open = false;
                  openTour(store, ch.id, 1);
                }}
              >
                {ch.title}
              </button>
              <span className="tours-summary">{ch.summary}</span>
            </li>
          ))}
        </ol>
      </div>
    </details>
  );
}
