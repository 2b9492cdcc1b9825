// The Glossary (issue 15): a header button opening a dialog that lists every term of the glossary
// table (src/panels/glossary/terms.ts) with its definition and, where one shows it, a link to the
// tour chapter. Focus moves into the dialog and returns to the button on close (Escape, Close, a
// click on the backdrop), like the keyboard help.

import { useState } from 'react';
import { useModalFocus } from './useModalFocus.ts';
import { TERMS, tourLinkFrom } from '../panels/glossary/terms.ts';
import './glossary.css';

function GlossaryDialog({ onClose }: { onClose: () => void }) {
  const closeRef = useModalFocus(onClose);
  const sorted = [...TERMS].sort((a, b) => a.term.localeCompare(b.term, 'en', { sensitivity: 'base' }));
  return (
    <div className="help-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div className="help-dialog glossary-dialog" role="dialog" aria-modal="true" aria-labelledby="glossary-h">
        <h2 id="glossary-h">Glossary</h2>
        <dl className="glossary-list">
          {sorted.map((t) => {
            const href = tourLinkFrom(window.location.hash, t);
            return (
              <div key={t.id} data-term={t.id}>
                <dt>{t.term}</dt>
                <dd>
                  {t.definition}
                  {href && (
                    <>
                      {' '}
                      <a href={href} onClick={onClose}>
                        Tour: {t.tour!.chapter}, step {t.tour!.step}
                      </a>
                    </>
                  )}
                </dd>
              </div>
            );
          })}
        </dl>
        <button type="button" ref={closeRef} onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}

export function GlossaryButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="glossary-btn" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        Glossary
      </button>
      {open && <GlossaryDialog onClose={() => setOpen(false)} />}
    </>
  );
}
