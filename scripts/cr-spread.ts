// Counter reuse over seeds (src/sim/seedSpread.ts): `npx tsx scripts/cr-spread.ts --seeds 1-10
// [--preset NAME | --scenario HASH] [--duration-ms N]` runs the scenario with cr=0 and cr=1 for each
// seed and prints one line per seed, then the distribution of the IOPS change (mean, sd, min, max,
// sign count) as JSON. The other flags are the CLI's (src/cli/args.ts); cr in the scenario is ignored.

import { parseArgs } from '../src/cli/args.ts';
import { resolveScenario } from '../src/cli/resolve.ts';
import { counterReuseSpread, parseSeeds } from '../src/sim/seedSpread.ts';

const argv = process.argv.slice(2);
const i = argv.indexOf('--seeds');
const seeds = parseSeeds(i >= 0 ? (argv[i + 1] ?? '') : '1-10');
if (i >= 0) argv.splice(i, 2);
const { args, errors } = parseArgs(argv);
const { name, scenario, errors: e2 } = resolveScenario(args);
for (const m of [...errors, ...e2]) process.stderr.write(`cr-spread: ${m}\n`);
if (errors.length || e2.length) process.exit(2);

const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
process.stdout.write(`# ${name}, ${scenario.durationMs} ms, kernel ${scenario.kernel}, seeds ${seeds[0]}-${seeds.at(-1)}\n`);
process.stdout.write('seed\tiops cr=0\tiops cr=1\tchange\tfreesByTimerAfterFlush (cr=0 / cr=1)\n');
const r = counterReuseSpread(scenario, seeds, (p) =>
  process.stdout.write(`${p.seed}\t${p.iopsOff}\t${p.iopsOn}\t${pct(p.change)}\t${p.freesByTimerAfterFlushOff} / ${p.freesByTimerAfterFlushOn}\n`),
);
process.stdout.write(
  `${JSON.stringify({ change: { mean: r.change.mean, sd: r.change.sd, min: r.change.min, max: r.change.max, n: r.change.n }, signs: r.signs })}\n`,
);
