// runSteps (scripts/test.mjs): `npm test` runs every step even after one fails, reports each, and
// fails at the end (issue 18 bug 11: `&&` skipped the e2e suite without a word after a unit failure).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STEPS, runSteps } from './test.mjs';

describe('npm test (scripts/test.mjs)', () => {
  it('package.json runs scripts/test.mjs, not an && chain', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(pkg.scripts.test).toBe('node scripts/test.mjs');
    expect(STEPS.map((s) => s.name)).toEqual(['type-check', 'lint', 'unit', 'e2e']);
  });

  it('runs every step after a failure, reports each, and returns failure', () => {
    const ran: string[] = [];
    const lines: string[] = [];
    const codes: Record<string, number> = { 'type-check': 0, lint: 0, unit: 1, e2e: 0 };
    const r = runSteps(STEPS, (s) => (ran.push(s.name), codes[s.name]), (l) => lines.push(l), () => 0);
    expect(ran).toEqual(['type-check', 'lint', 'unit', 'e2e']);
    expect(r.ok).toBe(false);
    expect(r.results.map((x) => x.ok)).toEqual([true, true, false, true]);
    expect(lines.join('\n')).toMatch(/unit\s+FAILED/);
    expect(lines.join('\n')).toMatch(/e2e\s+passed/);
  });

  it('returns success only when every step passes', () => {
    expect(runSteps(STEPS, () => 0, () => {}, () => 0).ok).toBe(true);
  });
});
