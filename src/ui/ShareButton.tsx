// "Share link": copies the URL that reproduces what is on screen (scenario, moment, focused CPU,
// panels, page; hashSync.ts shareUrl) to the clipboard. The URL is built from the store, not read
// from the address bar, so an edit the URL sync has not written yet is included. When the browser
// refuses the clipboard (no permission, no API, not a secure context) the link is shown in a
// selected, read-only text field to copy by hand. The feedback is announced (aria-live).
// "CLI command" beside it copies the same scenario as `npm run -s sim -- --scenario '…'`
// (cliCommand.ts), for a mailing-list post. "Embed" copies an <iframe> of the same view with
// embed=1 (issue 16): only the visible panels and the playback bar.

import { useEffect, useRef, useState } from 'react';
import { MAX_HASH } from '../url/codec.ts';
import { cliCommand } from '../url/cliCommand.ts';
import { shareUrl } from './hashSync.ts';
import { downloadBundle } from './bundleDownload.ts';
import { useLab, useLabStore } from './labContext.ts';
import './share.css';

type What = 'link' | 'cli' | 'embed';
type Shared = { kind: 'idle' } | { kind: 'copied'; what: What; url: string; text: string } | { kind: 'manual'; what: What; url: string; text: string };

/** A hash the lab would cut when opening it (a very large custom workload): say so, still copy. */
const tooLong = (url: string): number => {
  const n = url.length - url.indexOf('#') - 1;
  return n > MAX_HASH ? n : 0;
};

const NOUNS: Record<What, string> = { link: 'link', cli: 'command', embed: 'embed snippet' };

/** The <iframe> for a blog post or slides (issue 16): the link with embed=1, a 16:10 frame. */
export const iframeSnippet = (url: string): string =>
  `<iframe src="${url.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}" width="960" height="600" style="border:0" title="IOMMU Flush Queue Lab" loading="lazy"></iframe>`;

export function ShareButton() {
  const store = useLabStore();
  const [shared, setShared] = useState<Shared>({ kind: 'idle' });
  const imported = useLab((s) => s.imported !== null);
  const field = useRef<HTMLInputElement>(null);

  // Once the view changes, the copied link no longer describes it: drop the feedback.
  useEffect(
    () =>
      store.subscribe((s, prev) => {
        if (s.scenario !== prev.scenario || s.preset !== prev.preset || s.t !== prev.t || s.focusCpu !== prev.focusCpu || s.panels !== prev.panels || s.page !== prev.page || s.embed !== prev.embed)
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
    const url = shareUrl(window.location.href, what === 'embed' ? { ...store.getState(), embed: true } : store.getState());
    const text = what === 'link' ? url : what === 'embed' ? iframeSnippet(url) : cliCommand(url.slice(url.indexOf('#')));
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(text);
      setShared({ kind: 'copied', what, url, text });
    } catch {
      setShared({ kind: 'manual', what, url, text });
    }
  };
  const noun = shared.kind === 'idle' ? 'link' : NOUNS[shared.what];

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
        {shared.kind === 'copied' && `${noun[0].toUpperCase()}${noun.slice(1)} copied`}
        {shared.kind === 'manual' && `Copying was blocked; the ${noun} is selected below: press Ctrl+C (⌘C on a Mac) to copy it`}
        {shared.kind !== 'idle' && tooLong(shared.url) > 0 &&
          ` (warning: its hash is ${tooLong(shared.url)} characters; the lab reads only the first ${MAX_HASH}, so it will not reproduce this scenario in full)`}
      </p>
      {/* Issue 16: once a link is shared, its <iframe> (embed=1) is one click away; the header line has no room for a third button. */}
      {shared.kind !== 'idle' && shared.what !== 'embed' && (
        <button type="button" onClick={() => void share('embed')} data-testid="share-embed" title="Copy an <iframe> showing only the visible panels and the playback bar">
          Copy as &lt;iframe&gt; embed
        </button>
      )}
      {shared.kind === 'manual' && (
        <div className="share-manual">
          <label htmlFor="share-url">{noun === 'link' ? 'Link to this view' : noun === 'command' ? 'Command for this scenario' : 'Embed snippet for this view'}</label>
          <input id="share-url" ref={field} type="text" readOnly value={shared.text} onFocus={(e) => e.currentTarget.select()} data-testid="share-url" />
        </div>
      )}
    </div>
  );
}
