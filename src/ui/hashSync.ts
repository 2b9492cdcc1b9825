// The URL hash <-> the lab store (README, "Sharing and URLs"). On load, `popstate` and `hashchange`
// the hash is decoded (src/url/codec.ts never throws and reports each rejected part). Changes made
// in the page are written back so the URL always reproduces it:
// - edits (scrubbing t, focusing a CPU, showing panels, a control) replace the current history
//   entry, coalesced to at most one write per 400 ms: browsers refuse history calls made every
//   frame (Chrome drops them past 200 per 10 s; Safari throws past 100 per 30 s);
// - deliberate navigation (preset change, gallery pick; store `navSeq` changes) pushes a
//   new entry, after settling the old entry's pending edit, so Back returns to exactly what was
//   shown before.
// Nothing from the URL is ever interpreted as HTML: the codec yields data and messages, and React
// renders them as text. The window is a parameter so the logic runs in Node tests with a fake one.

import { encodeHash } from '../url/codec.ts';
import { loadFromHash, PANEL_IDS, URL_FIELDS, type LabStore, type UrlState } from '../store/labStore.ts';

type Listener = () => void;

/** The part of `window` this module uses. */
export interface HashWindow {
  readonly location: { readonly hash: string };
  readonly history: {
    readonly state: unknown;
    pushState(data: unknown, unused: string, url?: string | null): void;
    replaceState(data: unknown, unused: string, url?: string | null): void;
  };
  addEventListener(type: 'hashchange' | 'popstate', listener: Listener): void;
  removeEventListener(type: 'hashchange' | 'popstate', listener: Listener): void;
}

export interface HashSyncOptions {
  /** At most one replaceState per this many ms; the last edit is always written. Default 400. */
  replaceEveryMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (id: unknown) => void;
}

/** The hash that reproduces this state (the store's URL_FIELDS). */
export function hashFor(s: UrlState): string {
  return `#${encodeHash(s.scenario, s.preset, { t: s.t, focusCpu: s.focusCpu, panels: s.panels, page: s.page, tour: s.tour ?? undefined, cmp: s.cmp ?? undefined, embed: s.embed }, { panelIds: PANEL_IDS })}`;
}

/** The page's address with the hash of this state (what Share copies). */
export function shareUrl(href: string, s: Parameters<typeof hashFor>[0]): string {
  const i = href.indexOf('#');
  return `${i < 0 ? href : href.slice(0, i)}${hashFor(s)}`;
}

/** A refused history call (a browser's rate limit) must not break the page: the next write retries. */
function attempt(write: () => void): void {
  try {
    write();
  } catch {
    // The address bar lags behind; Share builds its link from the store, so it stays right.
  }
}

export function startHashSync(store: LabStore, win: HashWindow = window, opts: HashSyncOptions = {}): () => void {
  const every = opts.replaceEveryMs ?? 400;
  const setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = opts.clearTimer ?? ((id) => clearTimeout(id as ReturnType<typeof setTimeout>));

  loadFromHash(store, win.location.hash);
  /** The hash the store reflects (read or written). */
  let shown = win.location.hash;
  let cooling: unknown = null;
  /** An edit made while cooling down, written when the cool-down ends. */
  let pending: string | null = null;

  const replace = (hash: string): void => {
    if (hash !== win.location.hash) attempt(() => win.history.replaceState(win.history.state, '', hash));
    shown = hash;
  };
  const coolDown = (): void => {
    cooling = null;
    if (pending === null) return;
    replace(pending);
    pending = null;
    cooling = setTimer(coolDown, every);
  };
  const cancel = (): void => {
    if (cooling !== null) clearTimer(cooling);
    cooling = null;
    pending = null;
  };

  const unsubscribe = store.subscribe((s, prev) => {
    if (URL_FIELDS.every((k) => s[k] === prev[k])) return;
    if (s.navSeq !== prev.navSeq) {
      // Settle the entry being left with its last edit, then open a new one.
      const left = pending;
      cancel();
      if (left !== null) replace(left);
      const hash = hashFor(s);
      if (hash !== win.location.hash) attempt(() => win.history.pushState(null, '', hash));
      shown = hash;
      return;
    }
    if (s.source === 'url') return;
    const hash = hashFor(s);
    if (cooling !== null) pending = hash;
    else {
      replace(hash);
      cooling = setTimer(coolDown, every);
    }
  });

  // Back/forward fire popstate, and hashchange too when the fragment differs; a typed or clicked
  // #link fires hashchange. Whichever comes first loads; the other finds nothing new.
  const onNavigate = (): void => {
    if (win.location.hash === shown) return;
    cancel();
    shown = win.location.hash;
    loadFromHash(store, shown);
  };
  win.addEventListener('popstate', onNavigate);
  win.addEventListener('hashchange', onNavigate);

  return () => {
    unsubscribe();
    cancel();
    win.removeEventListener('popstate', onNavigate);
    win.removeEventListener('hashchange', onNavigate);
  };
}
