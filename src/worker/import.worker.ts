// Module Web Worker for trace import (issue 17): reads the file in chunks with File.stream(),
// parses and pairs it (importJob.ts), posts progress, and transfers the replay's columns to the
// page. Cancel is heard between chunks (each read awaits, so messages are delivered).

import { importedTransfer } from '../import/imported.ts';
import type { ImportCommand, ImportReply } from './importProtocol.ts';
import { importJob } from './importJob.ts';

let cancelledId = -1;

function post(r: ImportReply): void {
  // A worker posts to its creator; there is no target origin.
  // oxlint-disable-next-line unicorn/require-post-message-target-origin
  if (r.type === 'done') self.postMessage(r, { transfer: importedTransfer(r.trace) });
  // oxlint-disable-next-line unicorn/require-post-message-target-origin
  else self.postMessage(r);
}

async function* chunks(file: Blob): AsyncIterable<Uint8Array> {
  const reader = file.stream().getReader();
  let at = performance.now();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
      // A read of buffered data resolves as a microtask: give the event loop a turn now and then
      // so a Cancel message is delivered.
      if (performance.now() - at > 30) {
        await new Promise((r) => setTimeout(r, 0));
        at = performance.now();
      }
    }
  } finally {
    reader.releaseLock();
  }
}

async function run(cmd: Extract<ImportCommand, { type: 'import' }>): Promise<void> {
  const src = { name: cmd.name, size: cmd.file.size, chunks: () => chunks(cmd.file), text: () => cmd.file.text() };
  try {
    for await (const r of importJob(cmd.id, src, cmd.device, () => cancelledId === cmd.id, () => performance.now())) post(r);
  } catch (err) {
    post({ type: 'failed', id: cmd.id, message: `reading ${JSON.stringify(cmd.name)} failed: ${err instanceof Error ? err.message : String(err)}` });
  }
}

self.addEventListener('message', (e: MessageEvent<ImportCommand>) => {
  if (e.data.type === 'cancel') cancelledId = e.data.id;
  else void run(e.data);
});
