// The CLI process: `npx tsx src/cli/main.ts …` prints one JSON summary, --list prints presets
// name-first, user errors exit 2 with one line per problem (every bad form of every flag is in
// args.test.ts, outputs.test.ts and resolve.test.ts; here, that the process prints them so); --trace
// writes JSON Lines whose hash is the summary's traceHash.

import { spawnSync } from 'node:child_process';
import { runCli } from './testing/runCli.ts';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

/** The same, without blocking, so several processes can start at once. */
const simAsync = (argv: string[]) => runCli(argv, 60_000);

describe('CLI', () => {
  it('prints one JSON summary with the §3.3 fields, and --trace writes the run as JSON Lines', () => {
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
    // Issue 20: what counter reuse can save at most, from this run (estimated: counter reuse is off).
    expect(m.counterReuseBound).toMatchObject({ counted: false, savedReads: m.flushes.full + m.flushes.timeout * 2, missNs: 80 });
    expect(m.counterReuseBound.bound).toBeGreaterThan(0);

    const events = readFileSync(trace, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as TraceEvent);
    expect(events).toHaveLength(m.events);
    expect(rehash(events)).toBe(m.traceHash);
    const s = { ...presetScenario('tiny-lazy'), durationMs: 5, seed: 3 };
    expect(checkTraceInvariants(events, s, { timeConsistency: false, flushCoverage: false })).toEqual([]);
  });

  it('--list prints every preset of the registry, one per line: name, a tab, its one-line description', () => {
    const res = sim('--list');
    expect(res.status).toBe(0);
    const lines = res.stdout.trim().split('\n');
    expect(lines.map((l) => l.split(/\s/)[0])).toEqual(PRESETS.map((p) => p.name));
    expect(lines).toEqual(PRESETS.map((p) => `${p.name}\t${p.description}`));
    for (const p of PRESETS) expect(p.description.length, p.name).toBeGreaterThan(10);
  });

  it('user errors: exit 2, one line per problem naming it, no usage dump, no stack trace, nothing on stdout', async () => {
    const cases: [string[], RegExp[]][] = [
      [['--seed', 'x', '--preset', 'tiny-lazy'], [/^sim: --seed: "x" is not an integer/]],
      [['--sed', '3'], [/^sim: "--sed": unknown option \(with value "3"\)/]],
      [['--list=1'], [/^sim: --list: takes no value/]],
      [['--duration-ms'], [/^sim: --duration-ms: needs a value$/]],
      [['--preset', 'no-such'], [/^sim: --preset: unknown preset "no-such"/]],
      [['--scenario', '#v=1&mode=turbo&zz=1'], [/^sim: --scenario: mode: "turbo"/, /^sim: --scenario: zz: unknown key/]],
      [['--preset', 'tiny-lazy', '--trace', join(dir, 'missing', 't.jsonl')], [/^sim: --trace: cannot write ".*": its folder does not exist \(ENOENT\)$/]],
      [['--preset', 'tiny-lazy', '--metrics', dir], [/^sim: --metrics: cannot write ".*": it is a folder \(EISDIR\)$/]],
    ];
    const results = await Promise.all(cases.map(([argv]) => simAsync(argv)));
    cases.forEach(([argv, lines], i) => {
      const r = results[i];
      const what = argv.join(' ');
      expect(r.status, what).toBe(2);
      expect(r.stdout, what).toBe('');
      const err = r.stderr.trimEnd().split('\n');
      expect(err, what).toHaveLength(lines.length);
      err.forEach((l, j) => expect(l, what).toMatch(lines[j]));
    });
  }, 120_000); // eight CLI processes; on a loaded 2-core machine each takes seconds to start

  it.runIf(existsSync('/dev/full'))('a trace write that fails mid-run (a full disk): exit 1, one line, no stack trace', async () => {
    const r = await simAsync(['--preset', 'tiny-lazy', '--duration-ms', '2', '--trace', '/dev/full']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toEqual(['sim: --trace: writing "/dev/full" failed: no space left on the device (ENOSPC)']);
  }, 60_000);
});
