// The CLI process (README, "Command line"): `npx tsx src/cli/main.ts …` prints one JSON summary, --list
// prints presets name-first, bad arguments exit 2 with a message; --trace writes JSON Lines whose
// hash is the summary's traceHash.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { PRESETS } from '../sim/presets.ts';
import { rehash } from '../sim/testing/reemit.ts';
import { checkTraceInvariants } from '../sim/testing/traceInvariants.ts';
import { presetScenario } from '../sim/presets.ts';
import type { TraceEvent } from '../sim/trace.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'fqlab-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sim(...args: string[]) {
  return spawnSync('npx', ['tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
}

describe('CLI', () => {
  it('prints one JSON summary with the documented fields, and --trace writes the run as JSON Lines', () => {
    const trace = join(dir, 't.jsonl');
    const res = sim('--preset', 'tiny-lazy', '--duration-ms', '5', '--seed', '3', '--trace', trace);
    expect(res.status, res.stderr).toBe(0);
    const lines = res.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const m = JSON.parse(lines[0]);
    for (const k of ['scenario', 'simulatedMs', 'wallMs', 'ios', 'iops', 'flushes', 'freesByOwner', 'freesByTimer', 'magsToRbtree', 'rbtreeNodesMax', 'staleIotlbMaxNs', 'iopsSeries', 'traceHash'])
      expect(m, k).toHaveProperty(k);
    expect(m.scenario).toBe('tiny-lazy');
    expect(m.simulatedMs).toBe(5);
    expect(m.seed).toBe(3);
    expect(Object.keys(m.flushes).sort()).toEqual(['full', 'timeout']);
    expect(m.iopsSeries).toHaveLength(5);
    expect(m.traceHash).toMatch(/^[0-9a-f]{8}$/);

    const events = readFileSync(trace, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as TraceEvent);
    expect(events).toHaveLength(m.events);
    expect(rehash(events)).toBe(m.traceHash);
    const s = { ...presetScenario('tiny-lazy'), durationMs: 5, seed: 3 };
    expect(checkTraceInvariants(events, s, { timeConsistency: false, flushCoverage: false })).toEqual([]);
  }, 30_000); // one CLI process (tsx start-up) and a run: seconds on a loaded 2-core machine

  it('--list prints every preset of the registry, one per line: name, a tab, its one-line description', () => {
    const res = sim('--list');
    expect(res.status).toBe(0);
    const lines = res.stdout.trim().split('\n');
    expect(lines.map((l) => l.split(/\s/)[0])).toEqual(PRESETS.map((p) => p.name));
    expect(lines).toEqual(PRESETS.map((p) => `${p.name}\t${p.description}`));
    for (const p of PRESETS) expect(p.description.length, p.name).toBeGreaterThan(10);
  }, 30_000); // one CLI process

  it('bad arguments: a message on stderr and exit code 2', () => {
    const bad = sim('--seed', 'x', '--preset', 'no-such');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--seed/);
    expect(bad.stdout).toBe('');
    const unknown = sim('--preset', 'no-such');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/no-such/);
    const hash = sim('--scenario', '#v=1&mode=turbo');
    expect(hash.status).toBe(2);
    expect(hash.stderr).toMatch(/mode/);
  }, 30_000); // three CLI processes; on a loaded 2-core machine each takes over a second to start
});
