// planBrowser (scripts/browser.mjs): which Chromium `npm test` uses, what it installs, or the one
// message it stops with, for every combination of what exists on the machine.

import { describe, expect, it } from 'vitest';
import { DEBIAN_CHROMIUM, DEJAVU_FONT, planBrowser, type BrowserFacts } from './browser.mjs';

const facts = (files: string[], more: Partial<BrowserFacts> = {}): BrowserFacts => ({
  chromiumPathEnv: undefined,
  exists: (p) => files.includes(p),
  isRoot: false,
  hasAptGet: true,
  ...more,
});
const BOTH = [DEBIAN_CHROMIUM, DEJAVU_FONT];

describe('planBrowser', () => {
  it('uses $CHROMIUM_PATH when it exists, before Debian chromium and without asking for fonts', () => {
    expect(planBrowser(facts([...BOTH, '/opt/c/chrome'], { chromiumPathEnv: '/opt/c/chrome' }))).toMatchObject({ kind: 'use', exe: '/opt/c/chrome' });
    expect(planBrowser(facts(['/opt/c/chrome'], { chromiumPathEnv: '/opt/c/chrome', hasAptGet: false }))).toMatchObject({ kind: 'use', exe: '/opt/c/chrome' });
  });

  it('a $CHROMIUM_PATH that does not exist stops with a message naming it, even as root with apt-get', () => {
    const p = planBrowser(facts(BOTH, { chromiumPathEnv: '/nope/chromium', isRoot: true }));
    expect(p.kind).toBe('stop');
    expect(p.kind === 'stop' && p.message).toContain('CHROMIUM_PATH is set to "/nope/chromium"');
  });

  it('an empty $CHROMIUM_PATH counts as unset', () => {
    expect(planBrowser(facts(BOTH, { chromiumPathEnv: '' }))).toEqual({ kind: 'use', exe: DEBIAN_CHROMIUM });
  });

  it('uses Debian chromium when it and the DejaVu fonts are there, whoever the user is', () => {
    for (const isRoot of [false, true])
      for (const hasAptGet of [false, true]) expect(planBrowser(facts(BOTH, { isRoot, hasAptGet }))).toEqual({ kind: 'use', exe: DEBIAN_CHROMIUM });
  });

  it('root with apt-get: installs exactly what is missing, and says why', () => {
    const cases: [string[], string[]][] = [
      [[], ['chromium', 'fonts-dejavu-core']],
      [[DEJAVU_FONT], ['chromium']],
      [[DEBIAN_CHROMIUM], ['fonts-dejavu-core']],
    ];
    for (const [files, packages] of cases) {
      const p = planBrowser(facts(files, { isRoot: true }));
      expect(p).toMatchObject({ kind: 'install', packages, exe: DEBIAN_CHROMIUM });
      expect(p.kind === 'install' && p.why).toMatch(/screenshots/);
    }
  });

  it('not root, apt-get present: stops with the exact sudo command for what is missing', () => {
    const p = planBrowser(facts([DEJAVU_FONT]));
    expect(p.kind).toBe('stop');
    const msg = p.kind === 'stop' ? p.message : '';
    expect(msg.split('\n').at(-1)).toBe('  sudo apt-get install -y --no-install-recommends chromium');
    const q = planBrowser(facts([]));
    expect(q.kind === 'stop' && q.message.split('\n').at(-1)).toBe('  sudo apt-get install -y --no-install-recommends chromium fonts-dejavu-core');
  });

  it('no apt-get (root or not): stops and names CHROMIUM_PATH as the way out, never a Playwright download', () => {
    for (const isRoot of [false, true]) {
      const p = planBrowser(facts([], { isRoot, hasAptGet: false }));
      expect(p.kind).toBe('stop');
      const msg = p.kind === 'stop' ? p.message : '';
      expect(msg).toContain('CHROMIUM_PATH=/path/to/chromium npm test');
      expect(msg).not.toMatch(/playwright install/);
    }
  });

  it('never plans to skip: every input leads to a browser, an install, or a stop with a command', () => {
    const paths = [DEBIAN_CHROMIUM, DEJAVU_FONT, '/x/chrome'];
    for (let mask = 0; mask < 8; mask++)
      for (const env of [undefined, '/x/chrome', '/y/missing'])
        for (const isRoot of [false, true])
          for (const hasAptGet of [false, true]) {
            const files = paths.filter((_, i) => mask & (1 << i));
            const p = planBrowser(facts(files, { chromiumPathEnv: env, isRoot, hasAptGet }));
            if (p.kind === 'use') expect(files).toContain(p.exe);
            else if (p.kind === 'install') expect(isRoot && hasAptGet && env === undefined).toBe(true);
            else expect(p.message).toMatch(/\n {2}\S|CHROMIUM_PATH is set/);
          }
  });
});
