// The gallery's live previews: each preset run briefly (sparkline.ts previewRun) in the simulation
// worker (src/worker/sim.worker.ts, the same RunRequest the page's runner sends), one at a time,
// cheapest first, and cached for the session: the results are deterministic, so one run each is
// enough. A tiny external store for React's useSyncExternalStore; the worker is injectable so the
// queue is tested in Node.

import type { RunRequest, RunResponse } from '../worker/protocol.ts';
import { previewRun } from './sparkline.ts';

export interface Preview {
  name: string;
  durationMs: number;
  capped: boolean;
  bucketNs: number;
  /** IOPS per bucket (only whole buckets). */
  iops: number[];
  /** The run's mean IOPS (the summary's). */
  meanIops: number;
}

export type PreviewState = { status: 'pending' } | { status: 'done'; preview: Preview } | { status: 'error'; message: string };

/** The part of a Worker this module uses. */
export interface PreviewWorker {
  postMessage(msg: RunRequest): void;
  addEventListener(type: 'message', fn: (e: { data: RunResponse }) => void): void;
  addEventListener(type: 'error', fn: (e: { message?: string; preventDefault(): void }) => void): void;
  terminate(): void;
}

/** What a preview costs to simulate, to run the cheap ones first. */
function cost(name: string): number {
  const r = previewRun(name);
  return r.scenario.cpus * r.scenario.durationMs;
}

const defaultSpawn = (): PreviewWorker => new Worker(new URL('../worker/sim.worker.ts', import.meta.url), { type: 'module' }) as unknown as PreviewWorker;

export class PreviewQueue {
  private states = new Map<string, PreviewState>();
  private listeners = new Set<() => void>();
  private queue: string[] = [];
  private worker: PreviewWorker | null = null;
  private running: { id: number; name: string } | null = null;
  private nextId = 1;

  constructor(private readonly spawn: () => PreviewWorker = defaultSpawn) {}

  get(name: string): PreviewState | undefined {
    return this.states.get(name);
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  /** Queues the previews not yet computed, cheapest (CPUs × ms) first. */
  request(names: readonly string[]): void {
    const fresh = names.filter((n) => !this.states.has(n));
    for (const n of fresh) this.states.set(n, { status: 'pending' });
    this.queue.push(...fresh);
    this.queue.sort((a, b) => cost(a) - cost(b));
    if (fresh.length) this.emit();
    this.pump();
  }

  /** Stops the worker; queued previews stay pending until requested again. */
  stop(): void {
    this.worker?.terminate();
    this.worker = null;
    if (this.running) this.queue.unshift(this.running.name);
    this.running = null;
    for (const n of this.queue) this.states.delete(n);
    this.queue = [];
  }

  private emit(): void {
    for (const fn of this.listeners) fn();
  }

  private finish(name: string, state: PreviewState): void {
    this.states.set(name, state);
    this.running = null;
    this.emit();
    this.pump();
  }

  private pump(): void {
    if (this.running || this.queue.length === 0) return;
    const name = this.queue.shift()!;
    const run = previewRun(name);
    if (!this.worker) {
      const w = this.spawn();
      w.addEventListener('message', (e) => {
        const msg = e.data;
        if (!this.running || msg.id !== this.running.id) return;
        if (msg.type === 'error') return this.finish(this.running.name, { status: 'error', message: msg.message });
        const whole = Math.floor((msg.summary.simulatedMs * 1e6) / msg.series.bucketNs);
        const iops = msg.series.ios.slice(0, whole).map((n) => n / (msg.series.bucketNs / 1e9));
        const r = previewRun(this.running.name);
        this.finish(this.running.name, {
          status: 'done',
          preview: { name: this.running.name, durationMs: r.scenario.durationMs, capped: r.capped, bucketNs: msg.series.bucketNs, iops, meanIops: msg.summary.iops },
        });
      });
      w.addEventListener('error', (e) => {
        e.preventDefault();
        w.terminate();
        this.worker = null;
        if (this.running) this.finish(this.running.name, { status: 'error', message: e.message || 'the preview worker failed' });
      });
      this.worker = w;
    }
    const id = this.nextId++;
    this.running = { id, name };
    // A Worker's postMessage has no target origin (the lint rule is about window.postMessage).
    // oxlint-disable-next-line unicorn/require-post-message-target-origin
    this.worker.postMessage({ type: 'run', id, name: `preview:${name}`, scenario: run.scenario, bucketNs: run.bucketNs });
  }
}

/** The page's one queue: previews survive closing and reopening the gallery. */
let shared: PreviewQueue | null = null;
export function previewQueue(): PreviewQueue {
  shared ??= new PreviewQueue();
  return shared;
}
