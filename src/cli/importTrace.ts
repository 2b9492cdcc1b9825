// `npm run sim -- --import FILE`: reads an ftrace / trace-cmd text file line by line (never whole),
// through the streaming importer (src/import/), and turns it into the engine's replay input and
// the scenario that replays it. A file over IMPORT_MAX_BYTES is refused before it is opened.

import { createReadStream, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { type ImportResult, TraceImporter } from '../import/importer.ts';
import { buildReplay, type PairingReport, type ReplayWorkload, toReplayInput } from '../import/replay.ts';
import { formatReport, usedCount } from '../import/report.ts';
import type { ReplayInput } from '../sim/replay/feed.ts';

/** The largest trace accepted: ~2.5 M event lines; the parsed operations take ~3x the file in memory. */
export const IMPORT_MAX_BYTES = 256 * 1024 * 1024;

export interface LoadedTrace {
  result: ImportResult;
  workload: ReplayWorkload;
  pairing: PairingReport;
  replay: ReplayInput;
}

/** Reads and pairs a trace file; a user error is one message naming --import. */
export async function loadTrace(path: string, maxBytes = IMPORT_MAX_BYTES): Promise<{ trace?: LoadedTrace; error?: string }> {
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
  const imp = new TraceImporter();
  try {
    const rl = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
    for await (const line of rl) imp.push(line);
  } catch (err) {
    return { error: `--import: reading ${name} failed: ${(err as Error).message}` };
  }
  const result = imp.finish();
  if (usedCount(result.report) === 0) {
    const r = result.report;
    return { error: `--import: ${name} holds no iommu map/unmap or dma map/unmap events (${r.lines} lines, ${r.rejectedCount} not trace lines); record with: trace-cmd record -e iommu -e dma` };
  }
  const { workload, pairing } = buildReplay(result.ops);
  return { trace: { result, workload, pairing, replay: toReplayInput(workload) } };
}

export { replayScenario } from '../import/replayScenario.ts';

export const traceName = (path: string): string => `import:${basename(resolve(path))}`;

export { formatReport };
