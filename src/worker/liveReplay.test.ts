// An imported trace in the live worker (issue 17): the page's one run of a replay gives the CLI's
// trace hash, and stepping back through checkpoints (which share the replay's columns instead of
// copying them) lands on the same picture as going forward.

import { describe, expect, it } from 'vitest';
import { exampleScenario, exampleTrace } from '../import/fromModel.ts';
import { toImported } from '../import/imported.ts';
import { importText } from '../import/importer.ts';
import { replayScenario } from '../import/replayScenario.ts';
import { bucketNsFor } from '../sim/metrics.ts';
import { runScenario } from '../sim/run.ts';
import type { LiveReply, WorkCommand } from './liveProtocol.ts';
import { LiveSession, type JobOut } from './liveSession.ts';

const trace = toImported('example', null, importText(exampleTrace()));
const scenario = { ...replayScenario(exampleScenario(), trace, false).scenario, mode: 'strict' as const };

let id = 1;
function run(session: LiveSession, cmd: WorkCommand): LiveReply[] {
  const out: LiveReply[] = [];
  for (const r of session.handle(cmd) as Iterable<JobOut>) if (r.type !== 'tick') out.push(r);
  return out;
}

describe('live replay of an imported trace', { timeout: 60_000 }, () => {
  it('gives the trace hash of the CLI run, and the same picture forward then back', () => {
    const node = runScenario(scenario, { replay: trace.replay }).summary;
    expect(node.ios).toBeGreaterThan(100);
    const session = new LiveSession({ interval: 512 });
    const rs = run(session, { type: 'load', id: id++, scenario, t: 500_000, bucketNs: bucketNsFor(scenario.durationMs), replay: trace.replay });
    const last = rs.filter((r) => r.type === 'series').at(-1);
    expect(last?.type === 'series' && last.traceHash).toBe(node.traceHash);
    expect(last?.type === 'series' && last.summary.ios).toBe(node.ios);
    // The model's own IOVAs of the first I/Os, granule-aligned, beside the trace's.
    const iovas = rs.find((r) => r.type === 'replayIovas');
    if (iovas?.type !== 'replayIovas') throw new Error('no replayIovas reply');
    expect(iovas.iova).toHaveLength(16);
    for (const a of iovas.iova) expect(a > 0 && a % 4096 === 0).toBe(true);
    const fwd = run(session, { type: 'step', id: id++, delta: 700 }).filter((r) => r.type === 'view').at(-1);
    run(session, { type: 'step', id: id++, delta: -1500 });
    const back = run(session, { type: 'step', id: id++, delta: 1500 }).filter((r) => r.type === 'view').at(-1);
    if (fwd?.type !== 'view' || back?.type !== 'view') throw new Error('no view');
    expect(back.step).toBe(fwd.step);
    expect(Array.from(back.view.slotPfn)).toEqual(Array.from(fwd.view.slotPfn));
    expect(back.view.t).toBe(fwd.view.t);
  });
});
