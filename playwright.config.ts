import { defineConfig } from '@playwright/test';
import { E2E_DIST, E2E_PORT } from './e2e/distDir.ts';

const CI = !!process.env.CI;
// LAB_E2E_PORT and the build folder per port: see e2e/distDir.ts.
const PORT = E2E_PORT;
const OUT_DIR = E2E_DIST;
// scripts/e2e.mjs (npm run e2e) sets PW_CHROMIUM_PATH to the Chromium scripts/browser.mjs found or
// installed; a bare `npx playwright test` without it uses Playwright's own downloaded browser.
const executablePath = process.env.PW_CHROMIUM_PATH || undefined;

const chromiumArgs = [
  '--no-sandbox', // CI runs as root
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
  // determinism of pixels
  '--font-render-hinting=none',
  '--force-color-profile=srgb',
  '--hide-scrollbars',
];

export default defineConfig({
  testDir: 'e2e',
  workers: 1,
  fullyParallel: false,
  forbidOnly: CI,
  retries: 0,
  reporter: process.env.LAB_REPORT_DIR
    ? [['list'], ['json', { outputFile: `${process.env.LAB_REPORT_DIR}/playwright.json` }]]
    : 'list',
  timeout: 60_000,
  // CI never (re)writes baselines; locally, missing ones are written on first run.
  updateSnapshots: CI ? 'none' : 'missing',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    colorScheme: 'light',
    locale: 'en-US',
    timezoneId: 'UTC',
    reducedMotion: 'reduce',
    // Screenshots inject style sheets (caret, animations, e2e/screenshot.css), which the built page's
    // Content-Security-Policy would block. The policy is judged in e2e/security.spec.ts, which turns
    // this off again; everywhere else the page runs as served, minus that one enforcement.
    bypassCSP: true,
    launchOptions: { executablePath, args: chromiumArgs },
  },
  expect: {
    toHaveScreenshot: { animations: 'disabled', caret: 'hide', scale: 'css', maxDiffPixels: 0 },
  },
  webServer: {
    command: `npx vite build --outDir ${OUT_DIR} --emptyOutDir && npx vite preview --outDir ${OUT_DIR} --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !CI,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
