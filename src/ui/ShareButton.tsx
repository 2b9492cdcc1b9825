// "Share link": copies the URL that reproduces what is on screen (scenario, moment, focused CPU,
// panels, page; hashSync.ts shareUrl) to the clipboard. The URL is built from the store, not read
// from the address bar, so an edit the URL sync has not written yet is included. When the browser
// refuses the clipboard (no permission, no API, not a secure context) the link is shown in a
// selected, read-only text field to copy by hand. The feedback is announced (aria-live).
// "CLI command" beside it copies the same scenario as `npm run -s sim -- --scenario '…'`
// (cliCommand.ts), for a mailing-list post.

import { useEffect, useRef, useState } from 'react';
import { MAX_HASH } from '../url/codec.ts';
import { cliCommand } from '../url/cliCommand.ts';
import { shareUrl } from './hashSync.ts';
import { downloadBundle } from './bundleDownload.ts';
import { useLab, useLabStore } from './labContext.ts';
import './share.css';

type What = 'link' | 'cli';
type Shared = { kind: 'idle' } | { kind: 'copied'; what: What; url: string; text: string } | { kind: 'manual'; what: What; url: string; text: string };

/** A hash the lab would cut when opening it (a very large custom workload): say so, still copy. */
const tooLong = (url: string): number => {
  const n = url.length - url.indexOf('#') - 1;
  return n > MAX_HASH ? n : 0;
};

export function ShareButton() {
  const store = useLabStore();
  const [shared, setShared] = useState<Shared>({ kind: 'idle' });
  const imported = useLab((s) => s.imported !== null);
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

  const share = async (what: What): Promise<void> => {
    const url = shareUrl(window.location.href, store.getState());
    const text = what === 'link' ? url : cliCommand(url.slice(url.indexOf('#')));
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(text);
      setShared({ kind: 'copied', what, url, text });
    } catch {
      setShared({ kind: 'manual', what, url, text });
    }
  };
  const noun = shared.kind !== 'idle' && shared.what === 'cli' ? 'command' : 'link';

  return (
    <div className="share">
      <button type="button" onClick={() => void share('link')} data-testid="share">
        Share link
      </button>
      <button type="button" onClick={() => void share('cli')} data-testid="share-cli" title="Copy npm run -s sim -- --scenario '…' for this scenario">
        CLI command
      </button>
      {/* An imported trace (issue 17) does not fit in a link: it is shared as a .fqlab.json file. */}
      {imported && (
        <button type="button" onClick={() => downloadBundle(store.getState())} data-testid="share-bundle" title="The link holds the scenario only: download the scenario and the imported trace as a .fqlab.json file to share">
          Trace bundle (.fqlab.json)
        </button>
      )}
      <p className="share-feedback" aria-live="polite" data-testid="share-feedback">
        {shared.kind === 'copied' && (noun === 'link' ? 'Link copied' : 'Command copied')}
        {shared.kind === 'manual' && `Copying was blocked; the ${noun} is selected below: press Ctrl+C (⌘C on a Mac) to copy it`}
        {shared.kind !== 'idle' && tooLong(shared.url) > 0 &&
          ` (warning: its hash is ${tooLong(shared.url)} characters; the lab reads only the first ${MAX_HASH}, so it will not reproduce this scenario in full)`}
      </p>
      {shared.kind === 'manual' && (
        <div className="share-manual">
          <label htmlFor="share-url">{noun === 'link' ? 'Link to this view' : 'Command for this scenario'}</label>
          <input id="share-url" ref={field} type="text" readOnly value={shared.text} onFocus={(e) => e.currentTarget.select()} data-testid="share-url" />
        </div>
      )}
    </div>
  );
}
