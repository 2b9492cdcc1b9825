// Asks the tour worker (src/worker/tour.worker.ts) where a chapter's steps fire, once per chapter
// per page: a scan is deterministic, so its answer is cached.

import type { TourRequest, TourResponse, TourScan } from '../../worker/tourProtocol.ts';

/** The part of a Worker this module uses. */
export interface ScanWorker {
  postMessage(msg: TourRequest): void;
  addEventListener(type: 'message', fn: (e: MessageEvent<TourResponse>) => void): void;
  addEventListener(type: 'error', fn: (e: ErrorEvent) => void): void;
}

const spawn = (): ScanWorker => new Worker(new URL('../../worker/tour.worker.ts', import.meta.url), { type: 'module' }) as unknown as ScanWorker;

export class ScanClient {
  private worker: ScanWorker | null = null;
  private readonly done = new Map<string, Promise<TourScan>>();
  private readonly waiting = new Map<string, { ok: (s: TourScan) => void; fail: (e: Error) => void }>();

  constructor(private readonly make: () => ScanWorker = spawn) {}

  scan(chapter: string): Promise<TourScan> {
    const cached = this.done.get(chapter);
    if (cached) return cached;
    const p = new Promise<TourScan>((ok, fail) => this.waiting.set(chapter, { ok, fail }));
    this.done.set(chapter, p);
    // A failed scan is not cached: asking again retries.
    p.catch(() => this.done.delete(chapter));
    // A Worker's postMessage has no target origin (the lint rule is about window.postMessage).
    // oxlint-disable-next-line unicorn/require-post-message-target-origin
    this.ensure().postMessage({ type: 'scan', chapter });
    return p;
  }

  private ensure(): ScanWorker {
    if (this.worker) return this.worker;
    const w = this.make();
    w.addEventListener('message', (e: MessageEvent<TourResponse>) => {
      const m = e.data;
      const id = m.type === 'scan' ? m.scan.chapter : m.chapter;
      const cb = this.waiting.get(id);
      this.waiting.delete(id);
      if (m.type === 'scan') cb?.ok(m.scan);
      else cb?.fail(new Error(m.message));
    });
    w.addEventListener('error', (e: ErrorEvent) => {
      for (const cb of this.waiting.values()) cb.fail(new Error(e.message || 'the tour worker failed'));
      this.waiting.clear();
      this.worker = null;
    });
    this.worker = w;
    return w;
  }
}

export const scanClient = new ScanClient();
