// openOutputs / writeOutput: paths --trace and --metrics cannot write are refused before the run,
// naming the flag, the path and the cause; a write that fails later (a full disk) names them too.
// The tests run as root on CI, so they use causes permissions cannot lift (a folder, a missing
// folder, a file used as a folder, /dev/full) rather than chmod.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeOutputs, describeFsError, openOutputs, OutputError, writeOutput } from './outputs.ts';

const err = (code: string) => Object.assign(new Error(`${code}: x`), { code });
const dir = mkdtempSync(join(tmpdir(), 'fqlab-out-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openOutputs', () => {
  it('opens writable paths and writes them whole', () => {
    const t = join(dir, 't.jsonl');
    const m = join(dir, 'm.csv');
    writeFileSync(m, 'old content that must go');
    const { outputs, errors } = openOutputs({ trace: t, metrics: m });
    expect(errors).toEqual([]);
    expect(outputs.map((o) => o.flag)).toEqual(['--trace', '--metrics']);
    const big = 'x'.repeat(3_000_000);
    writeOutput(outputs[0], big);
    writeOutput(outputs[1], 'a,b\n');
    closeOutputs(outputs);
    expect(readFileSync(t, 'utf8')).toHaveLength(big.length);
    expect(readFileSync(m, 'utf8')).toBe('a,b\n');
  });

  it('each unwritable path: one message naming the flag, the path and the cause', () => {
    writeFileSync(join(dir, 'plain'), '');
    const cases: [string, RegExp][] = [
      [dir, /it is a folder \(EISDIR\)/],
      [join(dir, 'no-such-dir', 'x.csv'), /its folder does not exist \(ENOENT\)/],
      [join(dir, 'plain', 'x.csv'), /a part of the path is a file, not a folder \(ENOTDIR\)/],
      [join(dir, 'n'.repeat(300)), /the name is too long \(ENAMETOOLONG\)/],
    ];
    // Permissions: root (CI) may write anywhere, so a read-only folder is a case only for others.
    if (process.getuid?.() !== 0) {
      mkdirSync(join(dir, 'ro'), { mode: 0o500 });
      cases.push([join(dir, 'ro', 'x.csv'), /permission denied \(EACCES\)/]);
    }
    for (const [path, cause] of cases)
      for (const flag of ['--trace', '--metrics'] as const) {
        const { outputs, errors } = openOutputs(flag === '--trace' ? { trace: path } : { metrics: path });
        expect(outputs).toEqual([]);
        expect(errors).toHaveLength(1);
        expect(errors[0].startsWith(`${flag}: cannot write ${JSON.stringify(path)}: `), errors[0]).toBe(true);
        expect(errors[0]).toMatch(cause);
      }
  });

  it('one bad path among two: the error, and nothing left open or written for the good one', () => {
    const good = join(dir, 'good.csv');
    const { outputs, errors } = openOutputs({ trace: join(dir, 'nope', 't'), metrics: good });
    expect(outputs).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^--trace: /);
  });

  it('--trace and --metrics naming one file by two spellings is refused before either is opened', () => {
    const p = join(dir, 'same.txt');
    const { errors } = openOutputs({ trace: p, metrics: join(dir, '.', 'same.txt') });
    expect(errors).toEqual([`--trace and --metrics: both write ${JSON.stringify(p)}; give two files`]);
    expect(existsSync(p)).toBe(false);
  });

  it('fs error codes read as causes, with the code kept for searching', () => {
    expect(describeFsError(err('EACCES'))).toBe('permission denied (EACCES)');
    expect(describeFsError(err('EROFS'))).toBe('the file system is read-only (EROFS)');
    expect(describeFsError(err('EIO'))).toBe('cannot write it (EIO)');
    expect(describeFsError(new Error('odd'))).toBe('odd');
  });

  it.runIf(existsSync('/dev/full'))('a write that fails (a full disk) throws an OutputError naming the flag and the cause', () => {
    const { outputs } = openOutputs({ trace: '/dev/full' });
    expect(() => writeOutput(outputs[0], 'x\n')).toThrow(OutputError);
    expect(() => writeOutput(outputs[0], 'x\n')).toThrow('--trace: writing "/dev/full" failed: no space left on the device (ENOSPC)');
    closeOutputs(outputs);
  });
});
