// `npm run sim -- …`: runs a scenario in Node and prints the JSON summary (README "Command line").
// A user error (a bad flag or value, an unknown preset, a rejected scenario key, an output path
// that cannot be written, a trace file with no usable event) prints one line per problem on stderr, naming it, and exits 2; a write
// that fails mid-run (e.g. a full disk) prints one line and exits 1. No stack trace for either.

import { performance } from 'node:perf_hooks';
import { counterReuseBound } from '../sim/counterReuseBound.ts';
import { PRESETS } from '../sim/presets.ts';
import { runScenario } from '../sim/run.ts';
import { resolve } from '../sim/scenario.ts';
import { toJsonLine } from '../sim/trace.ts';
import { parseArgs, USAGE } from './args.ts';
import { metricsCsv } from '../sim/metricsCsv.ts';
import { loadTrace, replayScenario, reportLines, traceName } from './importTrace.ts';
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
} else await runOne();

async function runOne(): Promise<void> {
  const resolved = resolveScenario(args);
  if (resolved.errors.length) fail(resolved.errors, 2);
  let { name, scenario } = resolved;
  // --import: the trace is read (streamed) and paired before any output file is opened, so a bad
  // trace leaves them untouched. The import report goes to stderr; stdout stays one JSON line.
  let replay;
  if (args.import !== undefined) {
    const { loaded, error } = await loadTrace(args.import, { device: args.device });
    if (!loaded) fail([error!], 2);
    const { trace } = loaded;
    // A bundle's own scenario, unless the command line names one (its --seed / --duration-ms apply).
    const base = loaded.scenario && args.preset === undefined && args.scenario === undefined ? loaded.scenario : scenario;
    if (base === loaded.scenario) {
      if (args.seed !== undefined) base.seed = args.seed;
      if (args.durationMs !== undefined) base.durationMs = args.durationMs;
    }
    const r = replayScenario(base, trace, args.durationMs !== undefined || base === loaded.scenario);
    scenario = r.scenario;
    name = traceName(args.import);
    replay = trace.replay;
    for (const l of [...reportLines(trace), ...r.notes]) process.stderr.write(`${l}\n`);
  }
  const { outputs, errors: outputErrors } = openOutputs(args);
  if (outputErrors.length) fail(outputErrors, 2);
  const trace = outputs.find((o) => o.flag === '--trace');
  const metrics = outputs.find((o) => o.flag === '--metrics');

  try {
    let buf: string[] = [];
    const { summary, engine } = runScenario(scenario, {
      name,
      replay,
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
    // The summary, then what counter reuse can save at most in this run (issue 20; sim/counterReuseBound.ts).
    const bound = counterReuseBound(summary, scenario.costs.atomicRemoteNs, resolve(scenario).nrings);
    process.stdout.write(JSON.stringify({ ...summary, counterReuseBound: bound }) + '\n');
  } catch (err) {
    closeOutputs(outputs);
    if (err instanceof OutputError) fail([err.message], 1);
    throw err;
  }
}
