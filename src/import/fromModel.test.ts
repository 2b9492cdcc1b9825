// Round trip: a model run → its map/unmap events as ftrace text → import → replay through the
// same scenario. The replay maps the same sizes on the same CPUs and unmaps on the same CPUs.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../sim/run.ts';
import type { TraceEvent } from '../sim/trace.ts';
import { exampleScenario, exampleTrace, ftraceFromEvents } from './fromModel.ts';
import { importText } from './importer.ts';
import { buildReplay, toReplayInput } from './replay.ts';

const key = (evs: readonly TraceEvent[], ev: string): string[] => evs.filter((e) => e.ev === ev).map((e) => `${e.cpu}:${e.pages}`).sort();

describe('model run → ftrace text → replay', () => {
  it('replays the run it came from: same maps (CPU, size), same unmap CPUs', { timeout: 60_000 }, () => {
    const s = exampleScenario();
    const orig = runScenario(s, { recordLimit: 1_000_000 });
    const text = ftraceFromEvents(orig.trace.events);
    const { report, ops } = importText(text);
    expect(report.rejectedCount).toBe(0);
    const { workload, pairing } = buildReplay(ops);
    const maps = orig.trace.events.filter((e) => e.ev === 'map').length;
    const unmaps = orig.trace.events.filter((e) => e.ev === 'unmap').length;
    expect(pairing).toMatchObject({ paired: unmaps, unmatchedUnmaps: 0, liveAtEnd: maps - unmaps, replaced: 0 });
    const replay = runScenario({ ...s, durationMs: 20 }, { replay: toReplayInput(workload), recordLimit: 1_000_000 });
    expect(key(replay.trace.events, 'map')).toEqual(key(orig.trace.events, 'map'));
    expect(key(replay.trace.events, 'unmap')).toEqual(key(orig.trace.events, 'unmap'));
  });
  it('public/examples/lazy-4cpu.trace.txt is that run (regenerate with exampleTrace())', { timeout: 60_000 }, () => {
    const text = exampleTrace();
    expect(readFileSync(new URL('../../public/examples/lazy-4cpu.trace.txt', import.meta.url), 'utf8')).toBe(text);
  });
});
