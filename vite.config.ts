/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
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
    // .ci/run sets LAB_REPORT_DIR so the CI summary can count tests.
    reporters: process.env.LAB_REPORT_DIR ? ['default', 'json'] : ['default'],
    outputFile: process.env.LAB_REPORT_DIR ? { json: `${process.env.LAB_REPORT_DIR}/vitest.json` } : undefined,
  },
});
