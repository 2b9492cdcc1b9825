// ensureBrowser (scripts/browser.mjs) carrying out an install plan, with a stand-in apt-get on PATH
// (the real one is never run here): what it runs, what it prints, and that a failed install stops
// with the command to run by hand instead of going on to the tests.

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const BROWSER = fileURLToPath(new URL('./browser.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'fqlab-apt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs ensureBrowser as root with apt-get, on a machine where the browser exists once `mark` does. */
function ensure(aptExit: number) {
  const log = join(dir, `apt-${aptExit}.log`);
  const mark = join(dir, `installed-${aptExit}`);
  const apt = join(dir, `bin-${aptExit}`);
  mkdirSync(apt, { recursive: true });
  // The stand-in records its arguments and DEBIAN_FRONTEND; "install" creates the mark on success.
  writeFileSync(
    join(apt, 'apt-get'),
    `#!/bin/sh\necho "$DEBIAN_FRONTEND $*" >> '${log}'\n[ "$1" = install ] && [ ${aptExit} = 0 ] && touch '${mark}'\n[ "$1" = install ] && exit ${aptExit}\nexit 0\n`,
  );
  chmodSync(join(apt, 'apt-get'), 0o755);
  const script = `import { existsSync } from 'node:fs';
    import { ensureBrowser } from ${JSON.stringify(BROWSER)};
    const exe = ensureBrowser({ chromiumPathEnv: undefined, exists: () => existsSync(${JSON.stringify(mark)}), isRoot: true, hasAptGet: true });
    console.log('EXE ' + exe);`;
  const res = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { ...process.env, PATH: `${apt}:${process.env.PATH}` },
    timeout: 20_000,
  });
  let calls: string[] = [];
  try {
    calls = readFileSync(log, 'utf8').trim().split('\n');
  } catch {
    /* apt-get never ran */
  }
  return { ...res, calls };
}

describe('ensureBrowser installing', () => {
  it('root with apt-get and nothing installed: updates, installs chromium and the fonts non-interactively, says so, uses it', () => {
    const r = ensure(0);
    expect(r.status, r.stderr).toBe(0);
    expect(r.calls).toEqual([
      'noninteractive update -qq',
      'noninteractive install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 chromium fonts-dejavu-core',
    ]);
    expect(r.stdout).toMatch(/^e2e: installing chromium fonts-dejavu-core with apt-get, because the end-to-end tests run in Debian's Chromium/m);
    expect(r.stdout).toContain('EXE /usr/bin/chromium');
  });

  it('an install that fails stops with exit 1 and the exact command, before any test runs', () => {
    const r = ensure(100);
    expect(r.status).toBe(1);
    expect(r.stdout).not.toContain('EXE');
    expect(r.stderr.trim().split('\n').at(-1)).toBe('  apt-get install -y --no-install-recommends chromium fonts-dejavu-core');
  });
});
