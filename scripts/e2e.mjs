#!/usr/bin/env node
// Runs the Playwright suite in the Chromium that scripts/browser.mjs finds or installs:
// $CHROMIUM_PATH if set, else Debian's /usr/bin/chromium (installed with apt-get, with the DejaVu
// fonts the screenshots need, when missing and this user may; otherwise it stops naming the exact
// command). Never a silent skip, never Playwright's own download (unreachable on the lab machines).
import { spawnSync } from 'node:child_process';
import { ensureBrowser } from './browser.mjs';

const env = { ...process.env, PW_CHROMIUM_PATH: ensureBrowser() };
const r = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
