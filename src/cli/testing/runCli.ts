// Runs the CLI (`npx tsx src/cli/main.ts ARGV`) as a child process, for the tests that check what a
// user of the command line sees (src/cli/main.test.ts, sweepMain.test.ts).
// (src/ui/sweepPool.test.ts keeps its own copy: a ui test may not import from cli/.)

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(argv: readonly string[], timeoutMs = 120_000): Promise<CliRun> {
  return new Promise((done) => {
    const p = spawn('npx', ['tsx', 'src/cli/main.ts', ...argv], { cwd: ROOT, timeout: timeoutMs });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (b: Buffer) => (stdout += b));
    p.stderr.on('data', (b: Buffer) => (stderr += b));
    p.on('close', (status) => done({ status, stdout, stderr }));
  });
}
