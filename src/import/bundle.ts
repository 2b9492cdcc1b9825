// The `.fqlab.json` bundle (README "Replay a trace from your machine"): an imported trace with the
// scenario that replays it, in one file, because a URL cannot hold a trace. Opening it (the page's
// drop / pick, the CLI's --import) restores both exactly, so the run's trace hash is the one the
// bundle was made from. Every refusal names the field. Pure.
//
//   { "format": "fqlab-trace-bundle", "version": 1, "name": "trace.txt", "device": null,
//     "scenario": { …the scenario… },
//     "events": { "mapNs": […], "mapCpu": […], "bytes": […], "latencyNs": […], "unmapCpu": […],
//                 "iova": […], "line": […] }, "cpus": 4, "durationNs": 1000000,
//     "report": { …import report… }, "pairing": { …pairing report… } }
//
// Instead of "events" (+ cpus, durationNs, pairing), a bundle may carry "trace": the trace's text,
// imported again on opening (then "report" is recomputed, not read).

import type { ReplayInput } from '../sim/replay/feed.ts';
import type { Scenario } from '../sim/scenario.ts';
import { validateScenario } from '../sim/validate.ts';
import { type ImportedTrace, toImported } from './imported.ts';
import { importText, type ImportReport } from './importer.ts';
import type { PairingReport } from './replay.ts';
import { usedCount } from './report.ts';

export const BUNDLE_FORMAT = 'fqlab-trace-bundle';
export const BUNDLE_VERSION = 1;
/** The file name ending the page and the CLI recognise. */
export const BUNDLE_EXT = '.fqlab.json';
/** The most I/Os a bundle may hold (a 256 MiB trace has ~2.5 M lines, at most ~1.3 M I/Os). */
const MAX_IOS = 4_000_000;

export interface Bundle {
  scenario: Scenario;
  trace: ImportedTrace;
}

const COLUMNS = ['mapNs', 'mapCpu', 'bytes', 'latencyNs', 'unmapCpu', 'iova', 'line'] as const;

/** The bundle as JSON text. */
export function encodeBundle(b: Bundle): string {
  const t = b.trace;
  const cols: Record<string, ArrayLike<number>> = { ...t.replay, iova: t.iova, line: t.line };
  const events = Object.fromEntries(COLUMNS.map((k) => [k, Array.from(cols[k])]));
  return JSON.stringify({
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    name: t.name,
    device: t.device,
    scenario: b.scenario,
    cpus: t.cpus,
    durationNs: t.durationNs,
    events,
    report: t.report,
    pairing: t.pairing,
  });
}

/** Whether a file looks like a bundle (its name, or its first non-blank character). */
export function looksLikeBundle(name: string, head: string): boolean {
  return name.toLowerCase().endsWith(BUNDLE_EXT) || head.trimStart().startsWith('{');
}

class Bad extends Error {}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

function field(o: Record<string, unknown>, key: string, prefix = ''): unknown {
  if (!Object.hasOwn(o, key)) throw new Bad(`missing field "${prefix}${key}"`);
  return o[key];
}

function counts(v: unknown, key: string): Record<string, number> {
  if (!isObj(v) || !Object.values(v).every(isCount)) throw new Bad(`${key}: expected an object of counts`);
  return Object.fromEntries(Object.entries(v)) as Record<string, number>;
}

function lines(v: unknown, key: string): number[] {
  if (!Array.isArray(v) || !v.every(isCount)) throw new Bad(`${key}: expected an array of line numbers`);
  return [...v];
}

function readReport(v: unknown): ImportReport {
  if (!isObj(v)) throw new Bad('report: expected an object');
  const num = (k: string): number => {
    const x = field(v, k, 'report.');
    if (!isCount(x)) throw new Bad(`report.${k}: expected a count`);
    return x;
  };
  const rej = field(v, 'rejected', 'report.');
  if (!Array.isArray(rej) || !rej.every((x) => isObj(x) && isCount(x.line) && typeof x.reason === 'string')) throw new Bad('report.rejected: expected an array of {line, reason}');
  return {
    lines: num('lines'),
    used: counts(field(v, 'used', 'report.'), 'report.used'),
    skipped: counts(field(v, 'skipped', 'report.'), 'report.skipped'),
    rejected: rej.map((x: Record<string, unknown>) => ({ line: x.line as number, reason: x.reason as string })),
    rejectedCount: num('rejectedCount'),
    outOfOrder: num('outOfOrder'),
    firstOutOfOrderLine: num('firstOutOfOrderLine'),
    truncatedSg: num('truncatedSg'),
    devices: Object.hasOwn(v, 'devices') ? counts(v.devices, 'report.devices') : {},
  };
}

function readPairing(v: unknown): PairingReport {
  if (!isObj(v)) throw new Bad('pairing: expected an object');
  const num = (k: string): number => {
    const x = field(v, k, 'pairing.');
    if (!isCount(x)) throw new Bad(`pairing.${k}: expected a count`);
    return x;
  };
  return {
    paired: num('paired'),
    liveAtEnd: num('liveAtEnd'),
    unmatchedUnmaps: num('unmatchedUnmaps'),
    replaced: num('replaced'),
    unmatchedLines: lines(field(v, 'unmatchedLines', 'pairing.'), 'pairing.unmatchedLines'),
    liveLines: lines(field(v, 'liveLines', 'pairing.'), 'pairing.liveLines'),
  };
}

/** The events' columns, checked so that the engine can replay them (replay/feed.ts). */
function readEvents(v: unknown, cpus: number): { replay: ReplayInput; iova: Float64Array; line: Int32Array } {
  if (!isObj(v)) throw new Bad('events: expected an object of arrays');
  const cols: Record<string, number[]> = {};
  let n = -1;
  for (const k of COLUMNS) {
    const a = field(v, k, 'events.');
    if (!Array.isArray(a)) throw new Bad(`events.${k}: expected an array`);
    if (n >= 0 && a.length !== n) throw new Bad(`events.${k}: ${a.length} entries, events.mapNs has ${n}`);
    if (a.length > MAX_IOS) throw new Bad(`events.${k}: ${a.length} entries; at most ${MAX_IOS} I/Os`);
    n = a.length;
    cols[k] = a as number[];
  }
  const check = (k: string, ok: (x: unknown, i: number) => boolean, what: string): void => {
    const a = cols[k];
    for (let i = 0; i < a.length; i++) if (!ok(a[i], i)) throw new Bad(`events.${k}[${i}]: ${JSON.stringify(a[i])?.slice(0, 40)} is not ${what}`);
  };
  const cpu = (x: unknown): boolean => Number.isInteger(x) && (x as number) >= 0 && (x as number) < cpus;
  check('mapNs', (x, i) => isCount(x) && (i === 0 || x >= cols.mapNs[i - 1]), 'a time in ns at or after the one before');
  check('mapCpu', cpu, `a CPU below cpus (${cpus})`);
  check('bytes', (x) => isCount(x) && x > 0, 'a positive byte count');
  check('latencyNs', (x) => x === -1 || isCount(x), 'a latency in ns (-1: never unmapped)');
  check('unmapCpu', (x, i) => (cols.latencyNs[i] === -1 ? x === -1 : cpu(x)), 'the unmapping CPU (-1 when never unmapped)');
  check('iova', isCount, 'an IOVA');
  check('line', (x) => isCount(x) && (x as number) <= 2 ** 31 - 1, 'a line number');
  return {
    replay: {
      mapNs: Float64Array.from(cols.mapNs),
      mapCpu: Int32Array.from(cols.mapCpu),
      bytes: Float64Array.from(cols.bytes),
      latencyNs: Float64Array.from(cols.latencyNs),
      unmapCpu: Int32Array.from(cols.unmapCpu),
    },
    iova: Float64Array.from(cols.iova),
    line: Int32Array.from(cols.line),
  };
}

/** Reads a bundle's text; on refusal, one message naming the field, and nothing else. */
export function decodeBundle(text: string): { bundle?: Bundle; error?: string } {
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch (err) {
    return { error: `not JSON: ${(err as Error).message}` };
  }
  try {
    if (!isObj(j)) throw new Bad('expected a JSON object');
    if (field(j, 'format') !== BUNDLE_FORMAT) throw new Bad(`format: expected "${BUNDLE_FORMAT}"`);
    const version = field(j, 'version');
    if (version !== BUNDLE_VERSION) throw new Bad(`version ${JSON.stringify(version)?.slice(0, 20)} is not supported (this lab reads version ${BUNDLE_VERSION})`);
    const name = Object.hasOwn(j, 'name') ? j.name : 'bundle';
    if (typeof name !== 'string' || name.length > 500) throw new Bad('name: expected a file name');
    const device = Object.hasOwn(j, 'device') ? j.device : null;
    if (device !== null && (typeof device !== 'string' || device === '')) throw new Bad('device: expected a device name or null');
    const { scenario, errors } = validateScenario(field(j, 'scenario'));
    if (errors.length) throw new Bad(`scenario: ${errors.join('; ')}`);
    let trace: ImportedTrace;
    if (Object.hasOwn(j, 'trace')) {
      if (typeof j.trace !== 'string') throw new Bad('trace: expected the trace text');
      trace = toImported(name, device, importText(j.trace, undefined, device ?? undefined));
      if (usedCount(trace.report) === 0) throw new Bad('trace: holds no iommu map/unmap or dma map/unmap events');
      if (trace.cpus > scenario.cpus) throw new Bad(`scenario.cpus ${scenario.cpus} is below the trace's ${trace.cpus} CPUs`);
    } else {
      const cpus = field(j, 'cpus');
      if (!isCount(cpus) || cpus < 1 || cpus > scenario.cpus) throw new Bad(`cpus: expected the trace's CPU count, 1..scenario.cpus (${scenario.cpus})`);
      const durationNs = field(j, 'durationNs');
      if (!isCount(durationNs) || durationNs < 1) throw new Bad('durationNs: expected the trace length in ns (>= 1)');
      const ev = readEvents(field(j, 'events'), cpus);
      if (ev.replay.mapNs.length === 0) throw new Bad('events: no I/O to replay');
      trace = { name, device, report: readReport(field(j, 'report')), pairing: readPairing(field(j, 'pairing')), cpus, durationNs, ...ev };
    }
    return { bundle: { scenario, trace } };
  } catch (err) {
    if (err instanceof Bad) return { error: err.message };
    throw err;
  }
}
