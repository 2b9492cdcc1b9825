// The sweep as a process (`npx tsx src/cli/main.ts --sweep …`): a tiny sweep (2 CPUs and 4, 3 ms,
// two modes, three seeds) gives the same stdout with --jobs 1 and --jobs 2, in point and seed
// order; progress is on stderr only; each row's trace hash is that of the single run of the same
// scenario; the shards of 0/2 and 1/2 together are the whole sweep, once; user errors exit 2
// before any run.

import { describe, expect, it } from 'vitest';
import { runCli } from './testing/runCli.ts';


const sim = (argv: string[]) => runCli(argv);

const SWEEP = ['--preset', 'tiny-lazy', '--duration-ms', '3', '--sweep', 'cpus=2,4;mode=lazy,strict', '--seeds', '1-3'];
const lines = (s: string) => s.trimEnd().split('\n');

describe('CLI sweep', () => {
  it('--jobs 1 and --jobs 2: identical rows in point and seed order, progress on stderr, hashes of single runs', async () => {
    const [one, two] = await Promise.all([sim([...SWEEP, '--jobs', '1']), sim([...SWEEP, '--jobs', '2'])]);
    expect(one.status, one.stderr).toBe(0);
    expect(two.status, two.stderr).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const rows = lines(one.stdout).map((l) => JSON.parse(l));
    // Four points, each: three runs then its aggregate.
    expect(rows.map((r) => `${r.kind}${r.point}${r.seed ?? ''}`)).toEqual([0, 1, 2, 3].flatMap((p) => [`run${p}1`, `run${p}2`, `run${p}3`, `point${p}`]));
    expect(rows.filter((r) => r.kind === 'run').map((r) => [r.cpus, r.mode])).toEqual(
      [[2, 'lazy'], [2, 'strict'], [4, 'lazy'], [4, 'strict']].flatMap((x) => [x, x, x]),
    );
    const agg = rows.find((r) => r.kind === 'point' && r.point === 2);
    expect(agg).toMatchObject({ n: 3, interval: 't95', params: { cpus: '4', mode: 'lazy' } });
    expect(agg.iops.lo).toBeLessThanOrEqual(agg.iops.mean);
    expect(agg.iops.hi).toBeGreaterThanOrEqual(agg.iops.mean);
    // Progress: a header line and one line per run, all on stderr.
    const progress = lines(two.stderr);
    expect(progress[0]).toBe('sim: 12 runs (4 of 4 points) on 2 worker threads');
    expect(progress.slice(1)).toHaveLength(12);
    for (const l of progress.slice(1)) expect(l).toMatch(/^sim: \[\d+\/12\] point \d \(cpus=\d mode=\w+\) seed \d: \d+ IOPS, [\w-]+ \(\d+\.\d s\)$/);

    // A sweep row is the single run of its scenario: same trace hash, same IOPS.
    const r = rows.find((x) => x.kind === 'run' && x.point === 3 && x.seed === 2);
    const single = await sim(['--scenario', r.scenario, '--seed', '2']);
    expect(single.status, single.stderr).toBe(0);
    const s = JSON.parse(single.stdout);
    expect([s.traceHash, s.iops, s.cpus, s.mode]).toEqual([r.trace_hash, r.iops, 4, 'strict']);
  }, 240_000); // three CLI processes with worker threads on a loaded 2-core machine

  it('--shard 0/2 and 1/2 (CSV) together hold every row of the unsharded sweep exactly once', async () => {
    const base = ['--preset', 'tiny-lazy', '--duration-ms', '2', '--sweep', 'cpus=2,4,8;mode=lazy,strict', '--format', 'csv', '--jobs', '1'];
    const [all, s0, s1] = await Promise.all([sim(base), sim([...base, '--shard', '0/2']), sim([...base, '--shard', '1/2'])]);
    for (const r of [all, s0, s1]) expect(r.status, r.stderr).toBe(0);
    const [head, ...rows] = lines(all.stdout);
    expect(head.split(',').slice(0, 6)).toEqual(['kind', 'point', 'seed', 'sweep_cpus', 'sweep_mode', 'scenario']);
    expect(rows).toHaveLength(6);
    expect(lines(s0.stdout)[0]).toBe(head);
    const body0 = lines(s0.stdout).slice(1);
    const body1 = lines(s1.stdout).slice(1);
    expect(body0.map((l) => l.split(',')[1])).toEqual(['0', '2', '4']);
    expect(body1.map((l) => l.split(',')[1])).toEqual(['1', '3', '5']);
    expect([...body0, ...body1].sort()).toEqual([...rows].sort());
    expect(lines(s1.stderr)[0]).toBe('sim: 3 runs (3 of 6 points, shard 1/2) on 1 worker thread');
  }, 240_000);

  it('user errors: one line each naming the flag, exit 2, nothing run, nothing on stdout', async () => {
    const cases: [string[], RegExp[]][] = [
      [['--sweep', 'cpus=2,4;;'], [/^sim: --sweep: empty part \(part 2\)/, /^sim: --sweep: empty part \(part 3\)/]],
      [['--sweep', 'cpuz=2'], [/^sim: --sweep: "cpuz": unknown key/]],
      [['--sweep', 'cpus=2,abc'], [/^sim: --sweep: cpus: "abc" rejected/]],
      [['--sweep', 'mode='], [/^sim: --sweep: mode: no values/]],
      [['--sweep', 'cpus=2', '--shard', '3/2'], [/^sim: --shard: "3\/2": I must be in \[0, 1\]/]],
      [['--sweep', 'cpus=2', '--shard', '0/0'], [/^sim: --shard: "0\/0": N must be/]],
      [['--seeds', '9-3'], [/^sim: --seeds: "9-3" has a range that runs backwards/]],
      [['--jobs', '2'], [/^sim: --jobs: only with --sweep or --seeds$/]],
    ];
    const results = await Promise.all(cases.map(([argv]) => sim(argv)));
    cases.forEach(([argv, want], i) => {
      const r = results[i];
      const what = argv.join(' ');
      expect(r.status, what).toBe(2);
      expect(r.stdout, what).toBe('');
      const err = lines(r.stderr);
      expect(err, what).toHaveLength(want.length);
      err.forEach((l, j) => expect(l, what).toMatch(want[j]));
    });
  }, 240_000);
});
