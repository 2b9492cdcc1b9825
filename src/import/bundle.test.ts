// The .fqlab.json bundle codec: a round trip restores the scenario and the trace exactly (same
// replay input, same trace hash of the run); every refusal names its field; a fuzz over mutated
// bundles never throws and never accepts columns the engine could not replay.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../sim/run.ts';
import { Rng } from '../sim/rng.ts';
import { BUNDLE_FORMAT, decodeBundle, encodeBundle, looksLikeBundle } from './bundle.ts';
import { exampleScenario, exampleTrace } from './fromModel.ts';
import { toImported } from './imported.ts';
import { importText } from './importer.ts';
import { replayScenario } from './replayScenario.ts';
import { FTRACE_IOMMU } from './samples.ts';

const trace = toImported('example.trace.txt', null, importText(exampleTrace()));
const scenario = replayScenario(exampleScenario(), trace, false).scenario;
const text = encodeBundle({ scenario, trace });

/** The bundle with one edit, decoded: its refusal message. */
function edit(f: (j: Record<string, unknown>) => void): string | undefined {
  const j = JSON.parse(text);
  f(j);
  return decodeBundle(JSON.stringify(j)).error;
}

describe('bundle codec', () => {
  it('round-trips the scenario and the trace: the same run, the same trace hash', () => {
    const { bundle, error } = decodeBundle(text);
    expect(error).toBeUndefined();
    expect(bundle!.scenario).toEqual(scenario);
    expect(bundle!.trace).toEqual(trace);
    const a = runScenario(scenario, { replay: trace.replay }).summary.traceHash;
    const b = runScenario(bundle!.scenario, { replay: bundle!.trace.replay }).summary.traceHash;
    expect(b).toBe(a);
    expect(encodeBundle(bundle!)).toBe(text);
  }, 60_000);

  it('reads a bundle that carries the trace text instead of its events', () => {
    const j = JSON.parse(text);
    delete j.events;
    j.trace = exampleTrace();
    const { bundle } = decodeBundle(JSON.stringify(j));
    expect(bundle!.trace.replay).toEqual(trace.replay);
    expect(bundle!.trace.report).toEqual(trace.report);
  });

  it('names what is wrong', () => {
    expect(decodeBundle('{"format":').error).toMatch(/^not JSON: /);
    expect(decodeBundle('[1]').error).toBe('expected a JSON object');
    expect(edit((j) => (j.format = 'other'))).toBe(`format: expected "${BUNDLE_FORMAT}"`);
    expect(edit((j) => (j.version = 2))).toBe('version 2 is not supported (this lab reads version 1)');
    expect(edit((j) => delete j.version)).toBe('missing field "version"');
    expect(edit((j) => delete j.scenario)).toBe('missing field "scenario"');
    expect(edit((j) => ((j.scenario as Record<string, unknown>).mode = 'eager'))).toMatch(/^scenario: .*mode/);
    expect(edit((j) => delete j.report)).toBe('missing field "report"');
    expect(edit((j) => delete (j.events as Record<string, unknown>).iova)).toBe('missing field "events.iova"');
    expect(edit((j) => (j.events as Record<string, number[]>).bytes.pop())).toMatch(/^events\.bytes: \d+ entries, events\.mapNs has \d+$/);
    expect(edit((j) => ((j.events as Record<string, number[]>).mapCpu[3] = 99))).toBe('events.mapCpu[3]: 99 is not a CPU below cpus (4)');
    expect(edit((j) => ((j.events as Record<string, number[]>).mapNs[0] = 1e12))).toMatch(/^events\.mapNs\[1\]: .* at or after the one before$/);
    expect(edit((j) => (j.cpus = 64))).toMatch(/^cpus: /);
    expect(edit((j) => (j.trace = 'hello\n'))).toBe('trace: holds no iommu map/unmap or dma map/unmap events');
  });

  it('recognises a bundle by its name or its first character', () => {
    expect(looksLikeBundle('run.FQLAB.json', 'x')).toBe(true);
    expect(looksLikeBundle('t.txt', '  {"format"')).toBe(true);
    expect(looksLikeBundle('t.txt', FTRACE_IOMMU)).toBe(false);
  });

  // As the trace fuzz (fuzz.test.ts): 2,000 mutated bundles under a fixed seed. Each either
  // decodes to columns the engine can replay, or is refused with one message; none throws.
  it('fuzz: mutated bundles are refused with a message or decode to replayable columns', () => {
    const small = encodeBundle({ scenario: replayScenario(exampleScenario(), toImported('s', null, importText(FTRACE_IOMMU)), false).scenario, trace: toImported('s', null, importText(FTRACE_IOMMU)) });
    const rng = new Rng(17);
    const JUNK = ['0', '-1', '1e309', 'null', '"x"', '[]', '{}', ',', '"', '}', '1.5', 'true', '99999999999999999999'];
    let refused = 0;
    for (let k = 0; k < 2000; k++) {
      let s = small;
      for (let e = 0; e <= rng.int(3); e++) {
        const p = rng.int(s.length);
        const j = JUNK[rng.int(JUNK.length)];
        s = rng.int(2) ? s.slice(0, p) + j + s.slice(p + 1) : s.slice(0, p) + s.slice(p + 1 + rng.int(8));
      }
      const r = decodeBundle(s);
      if (r.error !== undefined) {
        refused++;
        expect(r.error.length).toBeGreaterThan(0);
        continue;
      }
      const { scenario: sc, trace: t } = r.bundle!;
      for (let i = 0; i < t.replay.mapNs.length; i++) {
        expect(t.replay.mapCpu[i]).toBeLessThan(sc.cpus);
        expect(t.replay.bytes[i]).toBeGreaterThan(0);
      }
    }
    expect(refused).toBeGreaterThan(1000);
  }, 60_000);

  it('fuzz: any JSON value is refused with a message, never a throw (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(typeof decodeBundle(JSON.stringify(v)).error).toBe('string');
      }),
      { seed: 17, numRuns: 500 },
    );
  });
});
