// Finds the Chromium the e2e suite runs in, or gets it (issue 14: `npm test` must pass by itself on
// a fresh Debian machine). The screenshot baselines are made with Debian's chromium package and
// need the DejaVu fonts from fonts-dejavu-core: the page self-hosts DejaVu Sans in its latin subset
// only, so the arrows and symbols the controls use (→ ← ≥ ▶ ▸ ❚ ⌘) are drawn from system fonts.
//
// The decision is a pure function of what exists (planBrowser, unit-tested in browser.test.ts);
// ensureBrowser() gathers the facts, carries the plan out and says what it does and why. Playwright's
// own download (`playwright install`) is never tried: its CDN is unreachable on the lab's machines.
// Run directly (`node scripts/browser.mjs`), it only ensures the browser: .ci/run does that.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';
/** A file of fonts-dejavu-core: present when the package (or the same fonts) is installed. */
export const DEJAVU_FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
export const CHROMIUM_PACKAGE = 'chromium';
export const FONT_PACKAGE = 'fonts-dejavu-core';

/**
 * @typedef {object} BrowserFacts
 * @property {string | undefined} chromiumPathEnv  $CHROMIUM_PATH ('' counts as unset)
 * @property {(path: string) => boolean} exists
 * @property {boolean} isRoot
 * @property {boolean} hasAptGet
 *
 * @typedef {{ kind: 'use', exe: string, note?: string }
 *   | { kind: 'install', packages: string[], exe: string, why: string }
 *   | { kind: 'stop', message: string }} BrowserPlan
 */

/** What to do, from what exists. Pure: no file system, no environment, no processes. */
export function planBrowser(/** @type {BrowserFacts} */ f) {
  if (f.chromiumPathEnv) {
    if (f.exists(f.chromiumPathEnv)) return { kind: 'use', exe: f.chromiumPathEnv, note: 'from $CHROMIUM_PATH; screenshots match the baselines only with Debian\'s chromium and fonts-dejavu-core' };
    return { kind: 'stop', message: `e2e: CHROMIUM_PATH is set to "${f.chromiumPathEnv}", which does not exist. Point it at a Chromium executable, or unset it to use Debian's ${DEBIAN_CHROMIUM}.` };
  }
  const missing = [];
  if (!f.exists(DEBIAN_CHROMIUM)) missing.push(CHROMIUM_PACKAGE);
  if (!f.exists(DEJAVU_FONT)) missing.push(FONT_PACKAGE);
  if (missing.length === 0) return { kind: 'use', exe: DEBIAN_CHROMIUM };
  const what = missing.map((p) => (p === CHROMIUM_PACKAGE ? `Debian's Chromium (${DEBIAN_CHROMIUM})` : `the DejaVu fonts (${FONT_PACKAGE})`)).join(' and ');
  const why = `the end-to-end tests run in Debian's Chromium and compare screenshots made with the DejaVu fonts, and this machine lacks ${what}`;
  const cmd = `apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (f.isRoot && f.hasAptGet) return { kind: 'install', packages: missing, exe: DEBIAN_CHROMIUM, why };
  if (f.hasAptGet) return { kind: 'stop', message: `e2e: ${why}. Install them, then run npm test again:\n  sudo ${cmd}` };
  return {
    kind: 'stop',
    message: `e2e: ${why}, and apt-get is not available to install them. Install Chromium and the DejaVu Sans fonts with your system's package manager, then run:\n  CHROMIUM_PATH=/path/to/chromium npm test`,
  };
}

/** Whether `cmd` is an executable file on $PATH. */
function onPath(cmd) {
  return (process.env.PATH ?? '').split(delimiter).some((d) => d && existsSync(join(d, cmd)));
}

/** @returns {BrowserFacts} */
export function gatherFacts() {
  return {
    chromiumPathEnv: process.env.CHROMIUM_PATH || undefined,
    exists: existsSync,
    isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
    hasAptGet: onPath('apt-get'),
  };
}

/** Returns the Chromium executable to use, installing Debian's packages when it may; else exits 1. */
export function ensureBrowser(facts = gatherFacts()) {
  const plan = planBrowser(facts);
  if (plan.kind === 'stop') {
    console.error(plan.message);
    process.exit(1);
  }
  if (plan.kind === 'install') {
    console.log(`e2e: installing ${plan.packages.join(' ')} with apt-get, because ${plan.why}.`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const run = (args) => spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env }).status === 0;
    // A fresh machine's package lists may be empty or stale; an update failure (offline mirror
    // already cached) is not fatal, the install below says whether it worked.
    run(['update', '-qq']);
    const ok = run(['install', '-y', '-qq', '--no-install-recommends', '-o', 'DPkg::Lock::Timeout=300', ...plan.packages]);
    const after = planBrowser({ ...facts, isRoot: false });
    if (!ok || after.kind !== 'use') {
      console.error(`e2e: apt-get could not install ${plan.packages.join(' ')}. Install them by hand, then run npm test again:\n  apt-get install -y --no-install-recommends ${plan.packages.join(' ')}`);
      process.exit(1);
    }
  }
  console.log(`e2e: using Chromium at ${plan.exe}${plan.kind === 'use' && plan.note ? ` (${plan.note})` : ''}`);
  return plan.exe;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) ensureBrowser();
