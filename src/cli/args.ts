// Command-line arguments of `npm run sim` (README, "Command line"). Parsing is pure so it can be
// tested; errors are messages, and main.ts exits 2 on them.

export interface CliArgs {
  list: boolean;
  help: boolean;
  preset?: string;
  scenario?: string;
  seed?: number;
  durationMs?: number;
  trace?: string;
  metrics?: string;
}

export const USAGE = `usage: npm run sim -- [--preset NAME | --scenario HASH] [--seed N] [--duration-ms N]
                      [--trace FILE.jsonl] [--metrics FILE.csv]
       npm run sim -- --list

  --preset NAME       run a named preset (see --list); default: "default"
  --scenario HASH     a scenario URL hash (v=2&p=…&mode=…), with or without '#';
                      view keys (t, fc, pn, view) are accepted and ignored
  --seed N            override the seed (integer 0..4294967295)
  --duration-ms N     override the simulated duration (ms, > 0)
  --trace FILE        write every trace event as JSON Lines
  --metrics FILE      write per-millisecond metrics as CSV
  --list              list presets, one per line, name first
Prints one JSON summary on stdout.`;

export function parseArgs(argv: readonly string[]): { args: CliArgs; errors: string[] } {
  const args: CliArgs = { list: false, help: false };
  const errors: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string | undefined => {
      if (inline !== undefined) return inline;
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('--')) {
        errors.push(`${flag} needs a value`);
        return undefined;
      }
      i++;
      return v;
    };
    switch (flag) {
      case '--list':
        args.list = true;
        break;
      case '--help':
      case '-h':
        args.help = true;
        break;
      case '--preset':
        args.preset = value();
        break;
      case '--scenario':
        args.scenario = value();
        break;
      case '--trace':
        args.trace = value();
        break;
      case '--metrics':
        args.metrics = value();
        break;
      case '--seed': {
        const v = value();
        if (v === undefined) break;
        const n = Number(v);
        if (!/^\d+$/.test(v) || n > 0xffffffff) errors.push(`--seed: "${v}" is not an integer in [0, 4294967295]`);
        else args.seed = n;
        break;
      }
      case '--duration-ms': {
        const v = value();
        if (v === undefined) break;
        const n = Number(v);
        if (!Number.isFinite(n) || n <= 0 || n > 600000) errors.push(`--duration-ms: "${v}" is not a number in (0, 600000]`);
        else args.durationMs = n;
        break;
      }
      default:
        errors.push(`unknown argument "${a}"`);
    }
  }
  if (args.preset !== undefined && args.scenario !== undefined) errors.push('give either --preset or --scenario, not both');
  return { args, errors };
}
