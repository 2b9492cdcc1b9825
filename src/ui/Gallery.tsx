// The preset gallery (URL `view=gallery`): every preset of the registry (src/sim/presets.ts, the one
// source) with its one-line description and a live IOPS preview. Each preset is a link whose href
// is the preset's own URL, so it can be opened in a new tab or copied; a plain click navigates in
// the page (choosePreset: a new history entry, so Back returns to the gallery). Links in a list:
// Tab moves between them, Enter opens one.

import { useEffect, type MouseEvent } from 'react';
import { PRESETS, presetScenario } from '../sim/presets.ts';
import { choosePreset, showPage } from '../store/labStore.ts';
import { encodeHash } from '../url/codec.ts';
import './gallery.css';
import { useLab, useLabStore } from './labContext.ts';
import { previewQueue } from './presetPreviews.ts';
import { PresetPreview } from './PresetPreview.tsx';

/** A click that asks the browser for a new tab or window: leave it to the browser. */
const wantsNewTab = (e: MouseEvent) => e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey;

export function Gallery() {
  const store = useLabStore();
  const current = useLab((s) => s.preset);

  useEffect(() => {
    const q = previewQueue();
    q.request(PRESETS.map((p) => p.name));
    // Leaving the gallery frees the worker for the lab; finished previews stay cached.
    return () => q.stop();
  }, []);

  return (
    <section className="gallery" aria-labelledby="gallery-h">
      <div className="gallery-head">
        <h2 id="gallery-h">Presets</h2>
        <button type="button" onClick={() => showPage(store, 'lab')}>
          Back to the lab
        </button>
      </div>
      <p className="gallery-lede">
        Each preset is a named scenario. Pick one to open it in the lab; the browser's Back button returns here. The
        sparkline is the preset's throughput from a short run in this browser.
      </p>
      <ul className="gallery-list">
        {PRESETS.map((p) => {
          const descId = `preset-desc-${p.name}`;
          return (
            <li key={p.name} className={p.name === current ? 'gallery-item current' : 'gallery-item'}>
              <a
                className="gallery-link"
                href={`#${encodeHash(presetScenario(p.name), p.name)}`}
                aria-describedby={descId}
                aria-current={p.name === current ? 'true' : undefined}
                onClick={(e) => {
                  if (wantsNewTab(e)) return;
                  e.preventDefault();
                  choosePreset(store, p.name);
                }}
              >
                {p.name}
              </a>
              <p className="gallery-desc" id={descId}>
                {p.description}
              </p>
              {p.report && (
                <dl className="gallery-report">
                  {p.report.hypothesis && (
                    <>
                      <dt>Status</dt>
                      <dd className="gallery-hypothesis">Hypothesis: a reconstruction of a report whose mechanism was never confirmed, not a reproduction</dd>
                    </>
                  )}
                  <dt>Source</dt>
                  <dd>{p.report.source}</dd>
                  <dt>Published</dt>
                  <dd>{p.report.published}</dd>
                  <dt>Engine's verdict (seed 1)</dt>
                  <dd>{p.report.verdict}</dd>
                  <dt>The lab shows</dt>
                  <dd>{p.report.shows}</dd>
                </dl>
              )}
              <PresetPreview name={p.name} />
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The way into the gallery from the lab: a new history entry, so Back returns to the lab. */
export function GalleryButton() {
  const store = useLabStore();
  return (
    <button type="button" className="gallery-open" onClick={() => showPage(store, 'gallery')}>
      Preset gallery
    </button>
  );
}
