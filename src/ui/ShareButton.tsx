// "Share link": copies the URL that reproduces what is on screen (scenario, moment, focused CPU,
// panels, page; hashSync.ts shareUrl) to the clipboard. The URL is built from the store, not read
// from the address bar, so an edit the URL sync has not written yet is included. When the browser
// refuses the clipboard (no permission, no API, not a secure context) the link is shown in a
// selected, read-only text field to copy by hand. The feedback is announced (aria-live).

import { useEffect, useRef, useState } from 'react';
import { MAX_HASH } from '../url/codec.ts';
import { shareUrl } from './hashSync.ts';
import { useLabStore } from './labContext.ts';
import './share.css';

type Shared = { kind: 'idle' } | { kind: 'copied'; url: string } | { kind: 'manual'; url: string };

/** A hash the lab would cut when opening it (a very large custom workload): say so, still copy. */
const tooLong = (url: string): number => {
  const n = url.length - url.indexOf('#') - 1;
  return n > MAX_HASH ? n : 0;
};

export function ShareButton() {
  const store = useLabStore();
  const [shared, setShared] = useState<Shared>({ kind: 'idle' });
  const field = useRef<HTMLInputElement>(null);

  // Once the view changes, the copied link no longer describes it: drop the feedback.
  useEffect(
    () =>
      store.subscribe((s, prev) => {
        if (s.scenario !== prev.scenario || s.preset !== prev.preset || s.t !== prev.t || s.focusCpu !== prev.focusCpu || s.panels !== prev.panels || s.page !== prev.page)
          setShared((x) => (x.kind === 'idle' ? x : { kind: 'idle' }));
      }),
    [store],
  );

  useEffect(() => {
    if (shared.kind !== 'manual') return;
    field.current?.focus();
    field.current?.select();
  }, [shared]);

  const share = async (): Promise<void> => {
    const url = shareUrl(window.location.href, store.getState());
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(url);
      setShared({ kind: 'copied', url });
    } catch {
      setShared({ kind: 'manual', url });
    }
  };

  return (
    <div className="share">
      <button type="button" onClick={() => void share()} data-testid="share">
        Share link
      </button>
      <p className="share-feedback" aria-live="polite" data-testid="share-feedback">
        {shared.kind === 'copied' && 'Link copied'}
        {shared.kind === 'manual' && 'Copying was blocked; the link is selected below: press Ctrl+C (⌘C on a Mac) to copy it'}
        {shared.kind !== 'idle' && tooLong(shared.url) > 0 &&
          ` (warning: its hash is ${tooLong(shared.url)} characters; the lab reads only the first ${MAX_HASH}, so it will not reproduce this scenario in full)`}
      </p>
      {shared.kind === 'manual' && (
        <div className="share-manual">
          <label htmlFor="share-url">Link to this view</label>
          <input id="share-url" ref={field} type="text" readOnly value={shared.url} onFocus={(e) => e.currentTarget.select()} data-testid="share-url" />
        </div>
      )}
    </div>
  );
}
