// `npm run sim -- --import FILE [--device NAME]`: reads an ftrace / trace-cmd text file line by line
// (never whole), through the streaming importer (src/import/), and turns it into the engine's
// replay input; or reads a `.fqlab.json` bundle (src/import/bundle.ts, the page's Share of an
// imported trace), which brings its own scenario. A file over IMPORT_MAX_BYTES is refused before
// it is opened.

import { closeSync, createReadStream, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { decodeBundle, looksLikeBundle } from '../import/bundle.ts';
import { IMPORT_MAX_BYTES, type ImportedTrace, noEventsMessage, toImported } from '../import/imported.ts';
import { TraceImporter } from '../import/importer.ts';
import { formatReport, usedCount } from '../import/report.ts';
import type { Scenario } from '../sim/scenario.ts';

export { IMPORT_MAX_BYTES };

export interface LoadedTrace {
  trace: ImportedTrace;
  /** A bundle's scenario (the one its trace was replayed with); absent for a trace file. */
  scenario?: Scenario;
}

export interface LoadOptions {
  maxBytes?: number;
  /** Replay only this device's events (--device). */
  device?: string;
}

/** Reads and pairs a trace file or a bundle; a user error is one message naming --import. */
export async function loadTrace(path: string, opts: LoadOptions = {}): Promise<{ loaded?: LoadedTrace; error?: string }> {
  const maxBytes = opts.maxBytes ?? IMPORT_MAX_BYTES;
  const name = JSON.stringify(path);
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) return { error: `--import: ${name} is a folder, not a trace file` };
    size = st.size;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { error: `--import: cannot read ${name}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String(code ?? err)}` };
  }
  if (size > maxBytes) return { error: `--import: ${name} is ${(size / 2 ** 20).toFixed(0)} MiB; the limit is ${maxBytes / 2 ** 20} MiB (record a shorter trace, or filter it: trace-cmd report -F 'iommu,dma')` };
  let head = '';
  try {
    const fd = openSync(path, 'r');
    const buf = Buffer.alloc(64);
    head = buf.toString('utf8', 0, readSync(fd, buf, 0, 64, 0));
    closeSync(fd);
  } catch (err) {
    return { error: `--import: reading ${name} failed: ${(err as Error).message}` };
  }
  if (looksLikeBundle(path, head)) {
    const { bundle, error } = decodeBundle(readFileSync(path, 'utf8'));
    if (!bundle) return { error: `--import: ${name} is not a usable .fqlab.json bundle: ${error}` };
    if (opts.device !== undefined && opts.device !== bundle.trace.device)
      return { error: `--device: the bundle ${name} was made ${bundle.trace.device === null ? 'with all devices' : `for device ${bundle.trace.device}`}; import the trace file to choose another device` };
    return { loaded: { trace: bundle.trace, scenario: bundle.scenario } };
  }
  const imp = new TraceImporter(undefined, opts.device);
  try {
    const rl = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
    for await (const line of rl) imp.push(line);
  } catch (err) {
    return { error: `--import: reading ${name} failed: ${(err as Error).message}` };
  }
  const result = imp.finish();
  if (usedCount(result.report) === 0) {
    const filtered = opts.device !== undefined && Object.keys(result.report.devices).length > 0;
    return { error: `${filtered ? '--device' : '--import'}: ${noEventsMessage(path, result.report, opts.device ?? null)}` };
  }
  return { loaded: { trace: toImported(basename(path), opts.device ?? null, result) } };
}

export { replayScenario } from '../import/replayScenario.ts';

export const traceName = (path: string): string => `import:${basename(resolve(path))}`;

/** The import report's lines for stderr. */
export function reportLines(t: ImportedTrace): string[] {
  return formatReport(t.report, t.pairing, { cpus: t.cpus, durationNs: t.durationNs, ios: t.replay.mapNs });
}

export { formatReport };
