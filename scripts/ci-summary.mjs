// Prints the CI summary from the JSON reports that vitest and Playwright wrote into LAB_REPORT_DIR.
// A stage that failed before writing its report (type-check, lint) counts as one failure.
import { readFileSync } from 'node:fs';

const [dir, rcArg, secs] = process.argv.slice(2);
const read = (f) => {
  try {
    return JSON.parse(readFileSync(`${dir}/${f}`, 'utf8'));
  } catch {
    return null;
  }
};
const v = read('vitest.json');
const p = read('playwright.json')?.stats;
let passed = 0;
let failed = 0;
if (v) {
  passed += v.numPassedTests;
  failed += v.numFailedTests;
  console.log(`vitest: ${v.numPassedTests} passed, ${v.numFailedTests} failed`);
} else failed += 1;
if (p) {
  passed += p.expected;
  failed += p.unexpected + p.flaky;
  console.log(`playwright: ${p.expected} passed, ${p.unexpected} failed, ${p.flaky} flaky`);
} else failed += 1;
if (rcArg !== '0' && failed === 0) failed = 1; // type-check or lint failed
console.log(`total time ${secs}s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
