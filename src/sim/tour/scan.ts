// Finds where each step of a chapter fires: runs the chapter's scenario with the pure engine,
// looks at every trace event in the recorder's time order (ties in emit order, the order the
// `--trace` file and the page see), and stops as soon as the last step has fired. Deterministic:
// the same chapter gives the same event indices and times in Node and in the browser (the page
// runs this in a module worker, src/worker/tour.worker.ts).

import { Engine } from '../engine.ts';
import { bucketNsFor } from '../metrics.ts';
import { resolve } from '../scenario.ts';
import { TraceRecorder, type TraceEvent } from '../trace.ts';
import { TourCtx } from './context.ts';
import { chapterScenario } from './chapterScenario.ts';

export { chapterScenario } from './chapterScenario.ts';
import type { ChapterDef, TourHit, TourScan } from './types.ts';


/** Simulated time between two looks at whether every step has fired. */
const CHUNK_NS = 250_000;

export function scanChapter(ch: ChapterDef): TourScan {
  const s = chapterScenario(ch);
  const r = resolve(s);
  let engine: Engine | null = null;
  let ctx: TourCtx | null = null;
  const hits: TourHit[] = [];
  let index = 0;
  const onEvent = (e: TraceEvent): void => {
    const c = ctx!;
    c.index = index;
    const k = hits.length;
    if (k < ch.steps.length) {
      const def = ch.steps[k];
      if (def.when(e, c)) {
        const hit: TourHit = {
          step: k + 1,
          index,
          t: e.t,
          cpu: e.cpu,
          ev: e.ev,
          event: e,
          text: def.text(e, c),
          highlight: def.highlight,
          pause: def.pause,
          predict: def.predict ? def.predict(e, c) : null,
        };
        hits.push(hit);
        c.hits.push(hit);
      }
    }
    c.apply(e);
    index++;
  };
  const trace = new TraceRecorder(false, 0, onEvent);
  engine = new Engine(s, { trace, bucketNs: bucketNsFor(s.durationMs) });
  ctx = new TourCtx(s, r, engine.sac);
  for (let t = CHUNK_NS; hits.length < ch.steps.length; t += CHUNK_NS) {
    const until = Math.min(t, r.durationNs);
    engine.runUntil(until);
    if (until >= r.durationNs) {
      trace.flush();
      break;
    }
  }
  const missing = ch.steps.map((_, i) => i + 1).filter((n) => n > hits.length);
  return { chapter: ch.id, hits, missing, events: index };
}
