// `npm run sim -- …`: runs a scenario in Node and prints the JSON summary (README "Command line").
// A user error (a bad flag or value, an unknown preset, a rejected scenario key, an output path
// that cannot be written) prints one line per problem on stderr, naming it, and exits 2; a write
// that fails mid-run (e.g. a full disk) prints one line and exits 1. No stack trace for either.

import { performance } from 'node:perf_hooks';
import { PRESETS } from '../sim/presets.ts';
import { runScenario } from '../sim/run.ts';
import { toJsonLine } from '../sim/trace.ts';
import { parseArgs, USAGE } from './args.ts';
import { metricsCsv } from './csv.ts';
import { closeOutputs, openOutputs, OutputError, writeOutput } from './outputs.ts';
import { resolveScenario } from './resolve.ts';
import { runSweep } from './sweepMain.ts';

function fail(msgs: readonly string[], code: number): never {
  for (const m of msgs) process.stderr.write(`sim: ${m}\n`);
  process.exit(code);
}

const { args, errors } = parseArgs(process.argv.slice(2));
if (errors.length) fail(errors, 2);
if (args.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (args.list) {
  for (const p of PRESETS) process.stdout.write(`${p.name}\t${p.description}\n`);
  process.exit(0);
}

if (args.sweep !== undefined || args.seeds !== undefined) {
  // Exit by exit code, not process.exit: the rows written to a pipe must drain first.
  process.exitCode = await runSweep(args);
} else runOne();

function runOne(): void {
  const { name, scenario, errors: scenarioErrors } = resolveScenario(args);
  if (scenarioErrors.length) fail(scenarioErrors, 2);
  const { outputs, errors: outputErrors } = openOutputs(args);
  if (outputErrors.length) fail(outputErrors, 2);
  const trace = outputs.find((o) => o.flag === '--trace');
  const metrics = outputs.find((o) => o.flag === '--metrics');

  try {
    let buf: string[] = [];
    const { summary, engine } = runScenario(scenario, {
      name,
      clock: () => performance.now(),
      onEvent: trace
        ? (e) => {
            buf.push(toJsonLine(e));
            if (buf.length >= 4096) {
              writeOutput(trace, buf.join('\n') + '\n');
              buf = [];
            }
          }
        : undefined,
    });
    if (trace && buf.length) writeOutput(trace, buf.join('\n') + '\n');
    if (metrics) writeOutput(metrics, metricsCsv(engine.metrics.series));
    closeOutputs(outputs);
    process.stdout.write(JSON.stringify(summary) + '\n');
  } catch (err) {
    closeOutputs(outputs);
    if (err instanceof OutputError) fail([err.message], 1);
    throw err;
  }
}
