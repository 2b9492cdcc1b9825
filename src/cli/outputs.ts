// The files --trace and --metrics write. Both are opened before the run starts, so a path that
// cannot be written (missing folder, a folder, no permission, read-only disk) is refused at once
// with a message naming the flag, not after minutes of simulation and not as a stack trace.

import { closeSync, openSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';

/** An fs error as a person reads it: the cause in words, the code for searching. */
export function describeFsError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const words: Record<string, string> = {
    ENOENT: 'its folder does not exist',
    ENOTDIR: 'a part of the path is a file, not a folder',
    EISDIR: 'it is a folder',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'the file system is read-only',
    ENOSPC: 'no space left on the device',
    ENAMETOOLONG: 'the name is too long',
    EMFILE: 'too many open files',
  };
  const code = e?.code;
  return code ? `${words[code] ?? 'cannot write it'} (${code})` : String(e?.message ?? err);
}

export interface Output {
  flag: '--trace' | '--metrics';
  path: string;
  fd: number;
}

/** Opens (creates or truncates) each output path; errors name the flag and the path. */
export function openOutputs(paths: { trace?: string; metrics?: string }): { outputs: Output[]; errors: string[] } {
  const outputs: Output[] = [];
  const errors: string[] = [];
  if (paths.trace !== undefined && paths.metrics !== undefined && resolve(paths.trace) === resolve(paths.metrics))
    return { outputs, errors: [`--trace and --metrics: both write ${JSON.stringify(paths.trace)}; give two files`] };
  for (const flag of ['--trace', '--metrics'] as const) {
    const path = flag === '--trace' ? paths.trace : paths.metrics;
    if (path === undefined) continue;
    try {
      outputs.push({ flag, path, fd: openSync(path, 'w') });
    } catch (err) {
      errors.push(`${flag}: cannot write ${JSON.stringify(path)}: ${describeFsError(err)}`);
    }
  }
  if (errors.length) closeOutputs(outputs);
  return { outputs: errors.length ? [] : outputs, errors };
}

/** A failed write (e.g. a full disk): main.ts prints its message on one line and exits 1. */
export class OutputError extends Error {}

/** Writes all of `text` (looping over short writes); throws an OutputError naming flag and path. */
export function writeOutput(o: Output, text: string): void {
  const buf = Buffer.from(text);
  try {
    for (let off = 0; off < buf.length; ) off += writeSync(o.fd, buf, off);
  } catch (err) {
    throw new OutputError(`${o.flag}: writing ${JSON.stringify(o.path)} failed: ${describeFsError(err)}`, { cause: err });
  }
}

export function closeOutputs(outputs: readonly Output[]): void {
  for (const o of outputs) {
    try {
      closeSync(o.fd);
    } catch {
      /* already closed or never usable: nothing left to save */
    }
  }
}
