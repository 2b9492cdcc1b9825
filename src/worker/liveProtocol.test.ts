import { describe, expect, it } from 'vitest';
import type { Span } from '../sim/view.ts';
import { packSpans, SPAN_KINDS, supersedes, unpackSpans, type LiveCommand } from './liveProtocol.ts';

describe('liveProtocol', () => {
  it('packs spans into typed columns and back, every kind', () => {
    const spans: Span[] = SPAN_KINDS.map((kind, i) => ({ cpu: i - 1, kind, t0: 1e12 + i, t1: 1e12 + 2 * i + 0.5 }));
    const p = packSpans(spans);
    expect(p.t0).toBeInstanceOf(Float64Array);
    expect(p.kind.length).toBe(SPAN_KINDS.length);
    expect(unpackSpans(p)).toEqual(spans);
    expect(unpackSpans(packSpans([]))).toEqual([]);
  });

  it('the newest load or seek makes queued moves pointless; steps and forks are kept', () => {
    const seek: LiveCommand = { type: 'seek', id: 2, t: 5 };
    const step: LiveCommand = { type: 'step', id: 3, delta: 1 };
    const adv: LiveCommand = { type: 'advance', id: 4, steps: 10, maxMs: 12 };
    const fork: LiveCommand = { type: 'fork', id: 5, spec: { kind: 'mode', mode: 'strict' } };
    const load: LiveCommand = { type: 'load', id: 6, scenario: {} as never, t: 0, bucketNs: 1e6 };
    expect(supersedes(seek, seek)).toBe(true);
    expect(supersedes(seek, adv)).toBe(true);
    expect(supersedes(seek, step)).toBe(false);
    expect(supersedes(seek, fork)).toBe(false);
    expect(supersedes(load, fork)).toBe(true);
    expect(supersedes(step, seek)).toBe(false);
  });
});
