// Messages between the page (src/ui/importDriver.ts) and the import worker (import.worker.ts),
// which reads a dropped or picked file in chunks (File.stream()), parses it (src/import/stream.ts)
// and pairs it, so the page's thread never holds the text. A `.fqlab.json` bundle is read whole
// and decoded there too. Replies carry the id of the import they answer.

import type { ImportedTrace } from '../import/imported.ts';
import type { Scenario } from '../sim/scenario.ts';

export type ImportCommand =
  /** `device`: keep only that device's events (null: all). */
  | { type: 'import'; id: number; file: Blob; name: string; device: string | null }
  | { type: 'cancel'; id: number };

export type ImportReply =
  | { type: 'progress'; id: number; bytes: number; total: number; lines: number }
  /** `scenario`: a bundle's own (absent for a trace file). */
  | { type: 'done'; id: number; trace: ImportedTrace; scenario?: Scenario }
  | { type: 'failed'; id: number; message: string }
  | { type: 'cancelled'; id: number };
