#!/usr/bin/env node
// `npm test`: type-check, lint, unit, e2e. Every step runs even when an earlier one failed (an
// `&&` chain skipped the e2e suite without a word after one unit failure), each is reported with
// its time, and the exit code is non-zero at the end if any failed. Extra arguments go to the e2e
// step (e.g. `npm test -- e2e/smoke.spec.ts`). .ci/run reads the JSON reports of vitest and
// Playwright and this exit code (scripts/ci-summary.mjs).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const STEPS = [
  { name: 'type-check', cmd: 'npx', args: ['tsc', '--noEmit', '-p', 'tsconfig.json'] },
  { name: 'lint', cmd: 'npx', args: ['oxlint', 'src', 'e2e', 'bench', 'scripts'] },
  { name: 'unit', cmd: 'npx', args: ['vitest', 'run'] },
  { name: 'e2e', cmd: 'node', args: ['scripts/e2e.mjs'] },
];

/** Runs every step with `exec` (returns the exit code), logs each result, returns them all. */
export function runSteps(steps, exec, log = console.log, now = Date.now) {
  const results = [];
  for (const s of steps) {
    log(`\n=== npm test: ${s.name} (${[s.cmd, ...s.args].join(' ')})`);
    const t0 = now();
    const code = exec(s);
    results.push({ name: s.name, ok: code === 0, code, secs: (now() - t0) / 1000 });
  }
  log('\n=== npm test: summary');
  for (const r of results) log(`${r.name.padEnd(11)} ${r.ok ? 'passed' : `FAILED (exit ${r.code})`}  ${r.secs.toFixed(0)} s`);
  const ok = results.every((r) => r.ok);
  log(ok ? 'all steps passed' : `failed: ${results.filter((r) => !r.ok).map((r) => r.name).join(', ')}`);
  return { ok, results };
}

function spawnStep(s) {
  return spawnSync(s.cmd, s.args, { stdio: 'inherit' }).status ?? 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const extra = process.argv.slice(2);
  const steps = STEPS.map((s) => (s.name === 'e2e' ? { ...s, args: [...s.args, ...extra] } : s));
  process.exit(runSteps(steps, spawnStep).ok ? 0 : 1);
}
