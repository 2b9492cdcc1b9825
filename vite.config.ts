/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The built page's Content-Security-Policy (issue 14, "Security"), as a <meta> first in <head>: no
 * inline script and no eval (script-src 'self' only), fetches and workers from the page's own
 * origin, nothing embedded from elsewhere. Only the build gets it: the dev server injects inline
 * scripts (its client and React refresh). e2e/csp.spec.ts checks it is there and the page works
 * under it. A <meta> policy cannot set frame-ancestors; a server that can send headers may add it.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "connect-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

function cspMeta(): Plugin {
  return {
    name: 'lab-csp',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig({
  plugins: [react(), cspMeta()],
  // Relative asset URLs: the built dist/ works from any path (a project page, a course site's
  // sub-folder, a local folder) and from any plain static server; workers and fonts included.
  base: './',
  worker: { format: 'es' },
  // panels.html: the panel gallery (src/panels/testing/gallery.tsx), rendered from a fixture run for screenshots.
  build: { rolldownOptions: { input: { main: 'index.html', panels: 'panels.html' } } },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'bench/**/*.test.ts', 'scripts/**/*.test.ts'],
    // Busy-machine budget: vitest's 5 s default was hit by property, fuzz and golden-run tests on a
    // loaded 2-core machine (they take 1-3 s when idle, 5-10x that when the cores are shared). One
    // limit for every test and hook instead of a number in each heavy test; a test that sets its
    // own (the longest fuzz and CLI process tests) keeps it. A real hang still fails, after 60 s.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Property tests run under one fixed seed (scripts/vitest.setup.ts).
    setupFiles: ['scripts/vitest.setup.ts'],
    // .ci/run sets LAB_REPORT_DIR so the CI summary can count tests.
    reporters: process.env.LAB_REPORT_DIR ? ['default', 'json'] : ['default'],
    outputFile: process.env.LAB_REPORT_DIR ? { json: `${process.env.LAB_REPORT_DIR}/vitest.json` } : undefined,
  },
});
