// <body data-ready="1"> says the page is quiescent, for screenshot and e2e tests (README, "Updating
// screenshot baselines"): the summary run is done, the live run is loaded and paused at the
// requested moment, the web fonts are loaded, and every panel has drawn that moment (PanelFrame's
// data-frame, src/panels/frame.ts). Any change removes the flag at once; it comes back two
// animation frames after things settle.

import type { LabStore } from '../store/labStore.ts';
import type { PlaybackStore } from '../store/playback.ts';
import { fontsLoaded } from './fonts.ts';

export function startQuiescence(lab: LabStore, pb: PlaybackStore, doc: Document = document): () => void {
  let gen = 0;
  let raf = 0;

  const settled = (): boolean => {
    const l = lab.getState();
    const p = pb.getState();
    if (l.status !== 'done' && l.status !== 'error') return false;
    return p.status === 'error' || (p.status === 'paused' && p.view !== null);
  };

  const panelsDrawn = (): boolean => {
    const p = pb.getState();
    if (p.status === 'error' || !p.view) return true;
    const v = String(p.view.events);
    for (const el of doc.querySelectorAll('.panel')) if (el.getAttribute('data-frame') !== v) return false;
    return true;
  };

  const update = (): void => {
    gen++;
    if (raf !== 0) cancelAnimationFrame(raf);
    raf = 0;
    delete doc.body.dataset.ready;
    if (!settled()) return;
    const g = gen;
    let frames = 0;
    void fontsLoaded().then(() => {
      const tick = (): void => {
        raf = 0;
        if (g !== gen) return;
        if (!panelsDrawn()) frames = 0;
        else if (++frames >= 2) {
          doc.body.dataset.ready = '1';
          return;
        }
        raf = requestAnimationFrame(tick);
      };
      if (g === gen) raf = requestAnimationFrame(tick);
    });
  };

  const u1 = lab.subscribe((s, prev) => {
    if (s.status !== prev.status || s.result !== prev.result || s.scenario !== prev.scenario) update();
  });
  const u2 = pb.subscribe(update);
  update();
  return () => {
    u1();
    u2();
    if (raf !== 0) cancelAnimationFrame(raf);
  };
}
