// Module Web Worker for the guided tours (issue 15): scans a chapter's run for the events its steps
// fire on (src/sim/tour/scan.ts) and posts the hits back. The scan is the same pure function the
// Node tests pin, so the page lands on the same event indices and times.

import { findChapter } from '../sim/tour/chapters.ts';
import { scanChapter } from '../sim/tour/scan.ts';
import type { TourRequest, TourResponse } from './tourProtocol.ts';

function post(msg: TourResponse): void {
  // A worker posts to its creator; there is no target origin (the rule is for window.postMessage).
  // oxlint-disable-next-line unicorn/require-post-message-target-origin
  self.postMessage(msg);
}

self.addEventListener('message', (e: MessageEvent<TourRequest>) => {
  const req = e.data;
  if (req?.type !== 'scan') return;
  const ch = findChapter(req.chapter);
  if (!ch) {
    post({ type: 'error', chapter: req.chapter, message: `unknown chapter "${req.chapter}"` });
    return;
  }
  try {
    post({ type: 'scan', scan: scanChapter(ch) });
  } catch (err) {
    post({ type: 'error', chapter: req.chapter, message: err instanceof Error ? err.message : String(err) });
  }
});
