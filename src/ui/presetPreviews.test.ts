// The preview queue with a fake worker that runs the real engine synchronously on demand: one run
// at a time, cheapest first, cached, errors reported per preset, stop() frees the worker.

import { describe, expect, it } from 'vitest';
import { runScenario } from '../sim/run.ts';
import type { RunRequest, RunResponse } from '../worker/protocol.ts';
import { PreviewQueue, type PreviewWorker } from './presetPreviews.ts';
import { previewRun } from './sparkline.ts';

class FakeWorker implements PreviewWorker {
  sent: RunRequest[] = [];
  terminated = false;
  private onMessage: ((e: { data: RunResponse }) => void) | null = null;
  postMessage(msg: RunRequest) {
    this.sent.push(msg);
  }
  addEventListener(type: 'message' | 'error', fn: never) {
    if (type === 'message') this.onMessage = fn;
  }
  terminate() {
    this.terminated = true;
  }
  /** Answers the oldest unanswered request, with the engine or with an error. */
  answer(fail = false) {
    const req = this.sent[this.sent.length - 1];
    if (fail) return this.onMessage!({ data: { type: 'error', id: req.id, message: 'boom' } });
    const { summary, engine } = runScenario(req.scenario, { bucketNs: req.bucketNs });
    const s = engine.metrics.series;
    this.onMessage!({
      data: { type: 'result', id: req.id, summary, series: { bucketNs: s.bucketNs, ios: s.ios, flushFull: s.flushFull, flushTimeout: s.flushTimeout, staleIotlb: s.staleIotlb, fqQueued: s.fqQueued } },
    });
  }
}

function setup() {
  const workers: FakeWorker[] = [];
  const q = new PreviewQueue(() => {
    const w = new FakeWorker();
    workers.push(w);
    return w;
  });
  let changes = 0;
  q.subscribe(() => changes++);
  return { q, workers, changes: () => changes };
}

describe('preset preview queue', () => {
  it('runs one preview at a time, cheapest first, and caches the results', () => {
    const { q, workers, changes } = setup();
    q.request(['steady-lazy', 'tiny-lazy']);
    expect(workers).toHaveLength(1);
    const w = workers[0];
    expect(w.sent.map((r) => r.name)).toEqual(['preview:tiny-lazy']);
    expect(q.get('steady-lazy')).toEqual({ status: 'pending' });
    expect(w.sent[0].scenario).toEqual(previewRun('tiny-lazy').scenario);
    w.answer();
    const tiny = q.get('tiny-lazy');
    expect(tiny?.status).toBe('done');
    if (tiny?.status !== 'done') return;
    // 30 ms in 0.6 ms buckets: 50 whole buckets, IOPS = I/Os per bucket / bucket length.
    expect(tiny.preview.iops).toHaveLength(50);
    expect(tiny.preview.iops.reduce((a, b) => a + b, 0) / 50).toBeCloseTo(tiny.preview.meanIops, -2);
    expect(w.sent.map((r) => r.name)).toEqual(['preview:tiny-lazy', 'preview:steady-lazy']);
    // Asking again for a computed or pending preset runs nothing new.
    q.request(['tiny-lazy', 'steady-lazy']);
    expect(w.sent).toHaveLength(2);
    expect(changes()).toBe(2); // queued, tiny done
  });

  it('a failed run is reported for that preset, and the next one still runs', () => {
    const { q, workers } = setup();
    q.request(['tiny-lazy', 'steady-strict']);
    workers[0].answer(true);
    expect(q.get('tiny-lazy')).toEqual({ status: 'error', message: 'boom' });
    expect(workers[0].sent.map((r) => r.name)).toEqual(['preview:tiny-lazy', 'preview:steady-strict']);
  });

  it('stop() terminates the worker and forgets unfinished previews; a new request starts over', () => {
    const { q, workers } = setup();
    q.request(['tiny-lazy', 'steady-strict']);
    workers[0].answer();
    q.stop();
    expect(workers[0].terminated).toBe(true);
    expect(q.get('steady-strict')).toBeUndefined();
    expect(q.get('tiny-lazy')?.status).toBe('done');
    q.request(['tiny-lazy', 'steady-strict']);
    expect(workers).toHaveLength(2);
    expect(workers[1].sent.map((r) => r.name)).toEqual(['preview:steady-strict']);
  });
});
