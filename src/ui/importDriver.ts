// The page's side of trace import (issue 17): one import worker (src/worker/import.worker.ts),
// started on the first import, reads the file off the page's thread; its replies become store
// actions (src/store/importActions.ts). The last file is kept so the device picker can import it
// again with a filter. A newer import supersedes an older one (its replies are dropped).

import { importBegan, importFailed, importLoaded, importProgress } from '../store/importActions.ts';
import type { LabStore } from '../store/labStore.ts';
import type { ImportCommand, ImportReply } from '../worker/importProtocol.ts';

export interface ImportWorkerLike {
  postMessage(msg: ImportCommand): void;
  addEventListener(type: 'message', fn: (e: { data: ImportReply }) => void): void;
  addEventListener(type: 'error', fn: (e: { message?: string }) => void): void;
  terminate(): void;
}

export interface ImportController {
  /** Reads `file` (a trace or a .fqlab.json bundle); `device` filters a trace's events. */
  importFile(file: Blob, name: string, device?: string | null): void;
  /** The last file again, with another device filter (null: all devices). */
  chooseDevice(device: string | null): void;
  cancel(): void;
  dispose(): void;
}

const browserWorker = (): ImportWorkerLike => new Worker(new URL('../worker/import.worker.ts', import.meta.url), { type: 'module' }) as unknown as ImportWorkerLike;

export function createImportController(lab: LabStore, createWorker: () => ImportWorkerLike = browserWorker): ImportController {
  let worker: ImportWorkerLike | null = null;
  let current = 0;
  let nextId = 1;
  let last: { file: Blob; name: string } | null = null;

  const onReply = (r: ImportReply): void => {
    if (r.id !== current) return;
    if (r.type === 'progress') importProgress(lab, r.bytes, r.lines);
    else if (r.type === 'failed') importFailed(lab, r.message);
    else if (r.type === 'cancelled') importFailed(lab, null);
    else if (r.type === 'done') importLoaded(lab, r.trace, r.scenario);
    if (r.type !== 'progress') current = 0;
  };

  const ensure = (): ImportWorkerLike => {
    if (worker) return worker;
    const w = createWorker();
    w.addEventListener('message', (e) => onReply(e.data));
    w.addEventListener('error', (e) => {
      // The worker script failed (it could not load, or threw outside the job): drop it.
      if (current !== 0) importFailed(lab, `the import worker failed: ${e.message ?? 'unknown error'}`);
      current = 0;
      w.terminate();
      if (worker === w) worker = null;
    });
    worker = w;
    return w;
  };

  /** A Worker's postMessage has no target origin (the lint rule is for window.postMessage). */
  const post = (msg: ImportCommand, create = true): void => {
    const w = create ? ensure() : worker;
    // oxlint-disable-next-line unicorn/require-post-message-target-origin
    w?.postMessage(msg);
  };

  const ctl: ImportController = {
    importFile(file, name, device = null) {
      last = { file, name };
      const id = nextId++;
      if (current !== 0) post({ type: 'cancel', id: current });
      current = id;
      importBegan(lab, name, file.size);
      post({ type: 'import', id, file, name, device });
    },
    chooseDevice(device) {
      if (last) ctl.importFile(last.file, last.name, device);
    },
    cancel() {
      if (current === 0) return;
      post({ type: 'cancel', id: current }, false);
    },
    dispose() {
      worker?.terminate();
      worker = null;
    },
  };
  return ctl;
}
