// The import worker's job, free of worker APIs so Node tests can run it: reads chunks, parses them
// (StreamImport), stops between chunks when cancelled, and answers with the paired trace or one
// message. A file with no usable event, a bad bundle or a file over the limit is a 'failed' reply:
// the page keeps what it had.

import { decodeBundle, looksLikeBundle } from '../import/bundle.ts';
import { IMPORT_MAX_BYTES, noEventsMessage, toImported } from '../import/imported.ts';
import { usedCount } from '../import/report.ts';
import { StreamImport } from '../import/stream.ts';
import type { ImportReply } from './importProtocol.ts';

export interface ImportSource {
  name: string;
  size: number;
  /** The file's bytes, piece by piece. */
  chunks(): AsyncIterable<Uint8Array>;
  text(): Promise<string>;
}

/** Progress is posted at most this often (ms of wall time). */
const PROGRESS_MS = 100;

export async function* importJob(
  id: number,
  src: ImportSource,
  device: string | null,
  cancelled: () => boolean,
  clock: () => number,
): AsyncGenerator<ImportReply, void, void> {
  const q = JSON.stringify(src.name);
  if (src.size > IMPORT_MAX_BYTES)
    return yield { type: 'failed', id, message: `${q} is ${(src.size / 2 ** 20).toFixed(0)} MiB; the limit is ${IMPORT_MAX_BYTES / 2 ** 20} MiB (record a shorter trace, or filter it: trace-cmd report -F 'iommu,dma')` };
  const s = new StreamImport({ device: device ?? undefined });
  let first = true;
  let postedAt = clock();
  for await (const chunk of src.chunks()) {
    if (first) {
      first = false;
      const head = new TextDecoder().decode(chunk.subarray(0, 64));
      if (looksLikeBundle(src.name, head)) {
        const { bundle, error } = decodeBundle(await src.text());
        if (!bundle) return yield { type: 'failed', id, message: `${q} is not a usable .fqlab.json bundle: ${error}` };
        return yield { type: 'done', id, trace: bundle.trace, scenario: bundle.scenario };
      }
    }
    s.push(chunk);
    if (cancelled()) return yield { type: 'cancelled', id };
    if (clock() - postedAt >= PROGRESS_MS) {
      postedAt = clock();
      yield { type: 'progress', id, bytes: s.bytes, total: src.size, lines: s.lineCount };
    }
  }
  const result = s.finish();
  if (usedCount(result.report) === 0) return yield { type: 'failed', id, message: noEventsMessage(src.name, result.report, device) };
  yield { type: 'done', id, trace: toImported(src.name, device, result) };
}
