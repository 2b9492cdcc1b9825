// A glossary term in page text: the word is a disclosure button (Enter, Space, a click or a tap
// opens its definition beside it; Escape, a second press or a press elsewhere closes it and focus
// stays on the word). `WithTerms` marks the first occurrence of each glossary term in a plain text.

import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { splitTerms } from './match.ts';
import { tourLinkFrom, type Term } from './terms.ts';
import './glossary.css';

export function TermButton({ term, children }: { term: Term; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const wrap = useRef<HTMLSpanElement>(null);
  const btn = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const away = (e: PointerEvent) => {
      if (!wrap.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [open]);
  const href = open ? tourLinkFrom(window.location.hash, term) : null;
  return (
    <span
      className="term"
      ref={wrap}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.preventDefault();
          e.stopPropagation();
          setOpen(false);
          btn.current?.focus();
        }
      }}
    >
      <button
        type="button"
        ref={btn}
        className="term-btn"
        aria-expanded={open}
        // The definition exists only while open (never part of the heading's or label's text).
        aria-controls={open ? id : undefined}
        data-term={term.id}
        onClick={() => setOpen((o) => !o)}
      >
        {children}
      </button>
      {open && (
        <span id={id} className="term-pop">
          <strong>{term.term}</strong>: {term.definition}
          {href && (
            <>
              {' '}
              <a href={href}>Show it in the tour</a>
            </>
          )}
        </span>
      )}
    </span>
  );
}

/** `text` with the first occurrence of each glossary term a TermButton (terms in `skip` stay text). */
export function WithTerms({ text, skip }: { text: string; skip?: readonly string[] }) {
  const parts = splitTerms(text, skip);
  return (
    <>
      {parts.map((p, i) =>
        typeof p === 'string' ? (
          p
        ) : (
          <TermButton key={i} term={p.term}>
            {p.text}
          </TermButton>
        ),
      )}
    </>
  );
}
