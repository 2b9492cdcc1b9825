// The guided-tour panel (issue 15). It shows the open chapter's step: where the step fired in the
// run (found by the tour worker's scan), the narration, and for a predict step a question that
// must be answered before the moment is revealed. Each step pauses the playback and moves it to
// the step's event through the lab store (showTourStep sets `t`; the playback driver seeks), so
// the user can resume playing from there. Leaving keeps the scenario and the moment.
// Keyboard while the panel has focus: → next, ← back, Esc leaves.

import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { findChapter, CHAPTERS } from '../../sim/tour/chapters.ts';
import { chapterScenario } from '../../sim/tour/chapterScenario.ts';
import type { ChapterDef } from '../../sim/tour/types.ts';
import { closeTour, openTour, showTourStep } from '../../store/labStore.ts';
import type { TourAt } from '../../url/codec.ts';
import type { TourHit } from '../../worker/tourProtocol.ts';
import { useLab, useLabStore } from '../labContext.ts';
import { usePlayback, usePlaybackCtx } from '../playbackContext.ts';
import { highlight, prefersReducedMotion } from './highlight.ts';
import { useTourScan } from './useTourScan.ts';
import './tour.css';

export function TourPanel() {
  const tour = useLab((s) => s.tour);
  if (!tour) return null;
  const ch = findChapter(tour.id);
  if (!ch) return null;
  return <OpenTour key={ch.id} ch={ch} tour={tour} />;
}

function OpenTour({ ch, tour }: { ch: ChapterDef; tour: TourAt }) {
  const store = useLabStore();
  const scenario = useLab((s) => s.scenario);
  const { scan, error } = useTourScan(ch.id);
  const root = useRef<HTMLElement>(null);
  const n = ch.steps.length;
  const hit = scan?.hits[tour.step - 1] ?? null;

  // A tour belongs to its chapter's scenario: another scenario (a control changed, an
  // intervention applied) ends it, keeping what the user made.
  const chJson = JSON.stringify(chapterScenario(ch));
  useEffect(() => {
    if (JSON.stringify(scenario) !== chJson) closeTour(store);
  }, [scenario, chJson, store]);

  // The panel takes focus when the tour opens, so the arrow keys work at once.
  useEffect(() => root.current?.focus({ preventScroll: true }), []);

  const go = (step: number) => {
    if (step >= 1 && step <= n) showTourStep(store, step, store.getState().t ?? 0, store.getState().focusCpu);
  };
  const onKey = (e: KeyboardEvent) => {
    if ((e.target as HTMLElement).closest('input, select, textarea')) return;
    if (e.key === 'ArrowRight') go(tour.step + 1);
    else if (e.key === 'ArrowLeft') go(tour.step - 1);
    else if (e.key === 'Escape') closeTour(store);
    else return;
    e.preventDefault();
  };
  const next = CHAPTERS[CHAPTERS.indexOf(ch) + 1];

  return (
    <section
      ref={root}
      className="tour-panel"
      aria-labelledby="tour-h"
      tabIndex={-1}
      onKeyDown={onKey}
      data-tour-chapter={ch.id}
      data-tour-step={tour.step}
      data-tour-ready={hit ? '1' : undefined}
      data-tour-index={hit?.index}
      data-tour-t={hit?.t}
    >
      <header className="tour-head">
        <h2 id="tour-h">Tour: {ch.title}</h2>
        <p className="tour-progress">
          Step {tour.step} of {n}
        </p>
      </header>
      {/* One live region for the whole tour (a region mounted with its text is not announced):
          each step is read out as it opens; a predict step's verdict has its own, below. */}
      <p className="sr-only" aria-live="polite">
        {hit ? `Step ${tour.step} of ${n}. ${hit.predict ? `Predict: ${hit.predict.question}` : hit.text}` : ''}
      </p>
      {error ? (
        <p role="alert">The tour could not find its steps in the run: {error}</p>
      ) : hit ? (
        <TourStep key={hit.step} hit={hit} />
      ) : (
        <p className="tour-wait" aria-live="polite">
          Finding the steps in the run…
        </p>
      )}
      <nav className="tour-nav" aria-label="Tour steps">
        <button type="button" onClick={() => go(tour.step - 1)} disabled={tour.step <= 1}>
          ← Back
        </button>
        <button type="button" onClick={() => go(tour.step + 1)} disabled={tour.step >= n}>
          Next →
        </button>
        <button type="button" onClick={() => go(1)} disabled={tour.step === 1}>
          Restart
        </button>
        {tour.step >= n && next && (
          <button type="button" onClick={() => openTour(store, next.id, 1)}>
            Next chapter: {next.title}
          </button>
        )}
        <button type="button" className="tour-leave" onClick={() => closeTour(store)}>
          Leave tour
        </button>
      </nav>
      <p className="tour-keys">← → move between steps, Esc leaves; the playback bar resumes the run from here.</p>
    </section>
  );
}

/** One step: pauses at its event (before it, until a predict question is answered) and outlines its targets. */
function TourStep({ hit }: { hit: TourHit }) {
  const store = useLabStore();
  const { ctl } = usePlaybackCtx();
  const [answer, setAnswer] = useState<number | null>(null);
  const revealed = hit.predict === null || answer !== null;
  // A question is asked at the last nanosecond before its event, so the panels show the state the
  // question is about; answering moves to the event itself.
  const t = revealed ? hit.t : Math.max(0, hit.t - 1);

  useEffect(() => {
    if (hit.pause) ctl.pause();
    showTourStep(store, hit.step, t, hit.cpu);
  }, [store, ctl, hit, t]);

  // The driver drops a seek while a run is loading (and then settles on the load's moment): keep
  // asking, once paused, until the view is at the step's moment; after that the user may play on.
  const status = usePlayback((s) => s.status);
  const viewT = usePlayback((s) => s.view?.t ?? null);
  const reached = useRef<number | null>(null);
  useEffect(() => {
    if (reached.current === t) return;
    if (viewT === t) reached.current = t;
    else if (status === 'paused') ctl.seek(t, { commit: true });
    else if (status === 'playing' && hit.pause) ctl.pause();
  }, [status, viewT, t, ctl, hit]);

  // Outlined at once; scrolled to once the step's moment is on the page, so panels that grow as they
  // first draw (a fresh page) do not move the target after the scroll.
  const atMoment = viewT === t;
  useEffect(() => highlight(document, hit.highlight, prefersReducedMotion(), atMoment), [hit, atMoment]);

  const p = hit.predict;
  return (
    <div className="tour-step" data-tour-at={viewT === t ? '1' : undefined}>
      {p && (
        <fieldset className="tour-predict">
          <legend>Predict</legend>
          <p>{p.question}</p>
          <div className="tour-options">
            {p.options.map((o, i) => (
              <button
                key={o}
                type="button"
                aria-pressed={answer === i}
                disabled={answer !== null}
                data-correct={answer !== null && i === p.answer ? '1' : undefined}
                onClick={() => setAnswer(i)}
              >
                {o}
              </button>
            ))}
          </div>
        </fieldset>
      )}
      <div aria-live={p ? 'polite' : undefined} className="tour-live">
        {p && answer !== null && (
          <p className="tour-verdict">
            {answer === p.answer ? 'Right. ' : `Not quite: the answer is “${p.options[p.answer]}”. `}
            {p.why}
          </p>
        )}
        {revealed && <p className="tour-text">{hit.text}</p>}
      </div>
    </div>
  );
}
