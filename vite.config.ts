/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  // panels.html: the panel gallery (src/panels/testing/gallery.tsx), rendered from a fixture run for screenshots.
  build: { rolldownOptions: { input: { main: 'index.html', panels: 'panels.html' } } },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'bench/**/*.test.ts'],
    // .ci/run sets LAB_REPORT_DIR so the CI summary can count tests.
    reporters: process.env.LAB_REPORT_DIR ? ['default', 'json'] : ['default'],
    outputFile: process.env.LAB_REPORT_DIR ? { json: `${process.env.LAB_REPORT_DIR}/vitest.json` } : undefined,
  },
});
