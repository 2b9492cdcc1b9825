// The URL hash <-> store (DESIGN.md §3.4). On load and on `hashchange` the hash is decoded with
// src/url/codec.ts (which never throws and reports each rejected part); changes the user makes with
// the controls are written back with history.replaceState, so the URL always reproduces the page.
// Nothing from the URL is ever interpreted as HTML: the codec yields data and messages, and React
// renders them as text.

import { encodeHash } from '../url/codec.ts';
import { loadFromHash, type LabStore } from '../store/labStore.ts';

export function startHashSync(store: LabStore, win: Window = window): () => void {
  loadFromHash(store, win.location.hash);
  let written = win.location.hash;

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.source !== 'user') return;
    if (s.scenario === prev.scenario && s.preset === prev.preset) return;
    const hash = `#${encodeHash(s.scenario, s.preset, s.t)}`;
    if (hash !== win.location.hash) win.history.replaceState(win.history.state, '', hash);
    written = hash;
  });

  const onHashChange = (): void => {
    if (win.location.hash === written) return;
    written = win.location.hash;
    loadFromHash(store, win.location.hash);
  };
  win.addEventListener('hashchange', onHashChange);

  return () => {
    unsubscribe();
    win.removeEventListener('hashchange', onHashChange);
  };
}
