// Command-line arguments of `npm run sim` (README "Command line"). Parsing is pure so it can be
// tested; every problem is one message that starts with the flag or argument it is about, and
// main.ts prints each on one line and exits 2 (no usage dump, no stack trace).

export interface CliArgs {
  list: boolean;
  help: boolean;
  preset?: string;
  scenario?: string;
  seed?: number;
  durationMs?: number;
  trace?: string;
  metrics?: string;
  /** An ftrace / trace-cmd text file to replay (src/import/). */
  import?: string;
  /** Replay only this device's events (with --import; src/import/importer.ts). */
  device?: string;
  /** Sweep flags (README "Sweeps"): checked in sweep.ts, so kept as text here. */
  sweep?: string;
  seeds?: string;
  jobs?: number;
  format?: 'json' | 'csv';
  shard?: string;
}

export const USAGE = `usage: npm run sim -- [--preset NAME | --scenario HASH] [--seed N] [--duration-ms N]
                      [--trace FILE.jsonl] [--metrics FILE.csv] [--import TRACE.txt [--device NAME]]
       npm run sim -- [--preset NAME | --scenario HASH] [--sweep 'KEY=V,V;KEY=V,V'] [--seeds 1-10]
                      [--jobs N] [--format json|csv] [--shard I/N]
       npm run sim -- --list

  --preset NAME       run a named preset (see --list); default: "default"
  --scenario HASH     a scenario URL hash (v=2&p=…&mode=…), with or without '#', or a
                      whole Share link; a bad key refuses the run (exit 2);
                      view keys (t, fc, pn, view) are accepted and ignored
  --seed N            override the seed (integer 0..4294967295)
  --duration-ms N     override the simulated duration (ms, 0.001..600000)
  --trace FILE        write every trace event as JSON Lines
  --metrics FILE      write per-millisecond metrics as CSV
  --import FILE       replay the iommu / dma map and unmap events of an ftrace or
                      trace-cmd report text file (README "Replay a trace from your machine")
                      with the scenario's mode, kernel, FQ and costs; the import
                      report goes to stderr; duration defaults to the trace's;
                      a .fqlab.json bundle (the page's Share of an import) brings
                      its own scenario (--preset / --scenario replace it)
  --device NAME       with --import: replay only the events of device NAME (the
                      dma events' device, the iommu events' dev=); the others are
                      skipped and counted
  --sweep SPEC        run the cross product of scenario URL keys, e.g. 'cpus=16,32;mode=lazy,strict'
                      (workload-blob keys sz, lat, age separate their values with '|')
  --seeds LIST        run each point with these seeds: 1-10, 1,3,5 or 1-3,7
  --jobs N            worker threads for a sweep (default: the number of cores)
  --format F          sweep output: json (JSON Lines, the default) or csv
  --shard I/N         run only points k with k mod N = I (0 <= I < N), for batch engines
  --list              list presets, one per line, name first
  --help, -h          this text
Prints one JSON summary on stdout; a sweep prints one row per run (and per-point aggregates
with several seeds) on stdout and one progress line per finished run on stderr.
A bad argument: one line per problem on stderr, exit code 2.`;

/** The longest value a message quotes in full; a pasted megabyte must not become a megabyte line. */
const clip = (v: string): string => JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);

const BOOL_FLAGS = new Set(['--list', '--help', '-h']);
const VALUE_FLAGS = new Set(['--preset', '--scenario', '--seed', '--duration-ms', '--trace', '--metrics', '--import', '--device', '--sweep', '--seeds', '--jobs', '--format', '--shard']);
/** A plain decimal, as a person types it: no hex, no blanks, no "Infinity". */
const DECIMAL = /^\d+(\.\d+)?(e[+-]?\d+)?$|^\.\d+(e[+-]?\d+)?$/i;

export function parseArgs(argv: readonly string[]): { args: CliArgs; errors: string[] } {
  const args: CliArgs = { list: false, help: false };
  const errors: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const [flag, inline] = eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    if (!BOOL_FLAGS.has(flag) && !VALUE_FLAGS.has(flag)) {
      if (!a.startsWith('-')) errors.push(`unknown argument ${clip(a)}; options start with --, see --help`);
      else {
        // A misspelt option's value belongs to it: "--sed 3" is one problem, not two.
        const next = argv[i + 1];
        const value = inline ?? (next !== undefined && !next.startsWith('-') ? argv[++i] : undefined);
        errors.push(`${clip(flag)}: unknown option${value === undefined ? '' : ` (with value ${clip(value)})`}; see --help`);
      }
      continue;
    }
    const canon = flag === '-h' ? '--help' : flag;
    if (seen.has(canon)) errors.push(`${flag}: given more than once`);
    seen.add(canon);
    if (BOOL_FLAGS.has(flag)) {
      if (inline !== undefined) errors.push(`${flag}: takes no value (got ${clip(inline)})`);
      else if (canon === '--list') args.list = true;
      else args.help = true;
      continue;
    }
    let v: string | undefined = inline;
    if (v === undefined) {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) {
        errors.push(`${flag}: needs a value`);
        continue;
      }
      v = next;
      i++;
    }
    if (v === '') {
      errors.push(`${flag}: needs a value, got an empty one`);
      continue;
    }
    switch (flag) {
      case '--preset':
        args.preset = v;
        break;
      case '--scenario':
        args.scenario = v;
        break;
      case '--trace':
        args.trace = v;
        break;
      case '--metrics':
        args.metrics = v;
        break;
      case '--import':
        args.import = v;
        break;
      case '--device':
        args.device = v;
        break;
      case '--sweep':
        args.sweep = v;
        break;
      case '--seeds':
        args.seeds = v;
        break;
      case '--shard':
        args.shard = v;
        break;
      case '--format':
        if (v === 'json' || v === 'csv') args.format = v;
        else errors.push(`--format: ${clip(v)} is not json or csv`);
        break;
      case '--jobs': {
        const n = Number(v);
        if (!/^\d+$/.test(v) || n < 1 || n > 256) errors.push(`--jobs: ${clip(v)} is not an integer in [1, 256]`);
        else args.jobs = n;
        break;
      }
      case '--seed': {
        const n = Number(v);
        if (!/^\d+$/.test(v) || n > 0xffffffff) errors.push(`--seed: ${clip(v)} is not an integer in [0, 4294967295]`);
        else args.seed = n;
        break;
      }
      case '--duration-ms': {
        const n = Number(v);
        if (!DECIMAL.test(v) || !(n >= 0.001 && n <= 600000)) errors.push(`--duration-ms: ${clip(v)} is not a number of ms in [0.001, 600000]`);
        else args.durationMs = n;
        break;
      }
    }
  }
  if (args.preset !== undefined && args.scenario !== undefined) errors.push('--preset and --scenario: give one of them, not both');
  if (args.trace !== undefined && args.trace === args.metrics) errors.push(`--trace and --metrics: both write ${clip(args.trace)}; give two files`);
  for (const f of ['trace', 'metrics'] as const)
    if (args.import !== undefined && args[f] === args.import) errors.push(`--import and --${f}: both name ${clip(args.import)}; the run would overwrite the trace it reads`);
  if (args.device !== undefined && args.import === undefined) errors.push('--device: only with --import');
  const sweeping = args.sweep !== undefined || args.seeds !== undefined;
  if (!sweeping)
    for (const [f, v] of [['--jobs', args.jobs], ['--format', args.format], ['--shard', args.shard]] as const)
      if (v !== undefined) errors.push(`${f}: only with --sweep or --seeds`);
  if (sweeping) {
    for (const [f, v] of [['--trace', args.trace], ['--metrics', args.metrics]] as const)
      if (v !== undefined) errors.push(`${f}: not with --sweep or --seeds (one file per run would be needed; run the point alone)`);
    if (args.seed !== undefined && args.seeds !== undefined) errors.push('--seed and --seeds: give one of them, not both');
    if (args.import !== undefined) errors.push('--import: not with --sweep or --seeds (replay one trace per run)');
  }
  return { args, errors };
}
