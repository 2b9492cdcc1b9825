// `npm run sim -- …`: runs a scenario in Node and prints the JSON summary (README, "Command line").
// Bad arguments or scenario values: a message on stderr and exit code 2.

import { createWriteStream, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { decodeHash } from '../url/codec.ts';
import { findPreset, presetScenario, PRESETS } from '../sim/presets.ts';
import { runScenario } from '../sim/run.ts';
import { toJsonLine } from '../sim/trace.ts';
import { parseArgs, USAGE } from './args.ts';
import { metricsCsv } from './csv.ts';

function fail(msgs: string[]): never {
  for (const m of msgs) process.stderr.write(`sim: ${m}\n`);
  process.stderr.write(`\n${USAGE}\n`);
  process.exit(2);
}

const { args, errors } = parseArgs(process.argv.slice(2));
if (errors.length) fail(errors);
if (args.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (args.list) {
  for (const p of PRESETS) process.stdout.write(`${p.name}\t${p.description}\n`);
  process.exit(0);
}

let name = args.preset ?? 'default';
let scenario;
if (args.scenario !== undefined) {
  const d = decodeHash(args.scenario);
  if (d.errors.length) fail(d.errors.map((e) => `--scenario: ${e}`));
  scenario = d.scenario;
  name = args.scenario.replace(/^#/, '');
} else {
  if (!findPreset(name)) fail([`--preset: unknown preset "${name}"; try --list`]);
  scenario = presetScenario(name);
}
if (args.seed !== undefined) scenario.seed = args.seed;
if (args.durationMs !== undefined) scenario.durationMs = args.durationMs;

const out = args.trace ? createWriteStream(args.trace) : undefined;
let buf: string[] = [];
const { summary, engine } = runScenario(scenario, {
  name,
  clock: () => performance.now(),
  onEvent: out
    ? (e) => {
        buf.push(toJsonLine(e));
        if (buf.length >= 4096) {
          out.write(buf.join('\n') + '\n');
          buf = [];
        }
      }
    : undefined,
});
if (out) {
  if (buf.length) out.write(buf.join('\n') + '\n');
  out.end();
}
if (args.metrics) writeFileSync(args.metrics, metricsCsv(engine.metrics.series));
process.stdout.write(JSON.stringify(summary) + '\n');
