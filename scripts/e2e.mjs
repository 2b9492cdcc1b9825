#!/usr/bin/env node
// Runs the Playwright suite with a browser it can find on this machine:
// 1. $CHROMIUM_PATH if set, 2. Debian's /usr/bin/chromium, 3. Playwright's own Chromium
// (installed with `playwright install chromium` if missing; that needs a network that reaches
// Playwright's CDN, which the lab's CI machines do not — they install Debian chromium instead).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
let exe = candidates.find((p) => p && existsSync(p));
const env = { ...process.env };
if (exe) {
  console.log(`e2e: using system Chromium at ${exe}`);
  env.PW_CHROMIUM_PATH = exe;
} else {
  console.log('e2e: no system Chromium found; falling back to Playwright\'s own Chromium (npx playwright install chromium)');
  const r = spawnSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit', env });
  if (r.status !== 0) {
    console.error('e2e: could not install Playwright\'s Chromium. Install Debian\'s: apt-get install chromium');
    process.exit(1);
  }
  delete env.PW_CHROMIUM_PATH;
}
const r = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
