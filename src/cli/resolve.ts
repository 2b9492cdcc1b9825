// The scenario a command line asks for: a preset or a URL hash, then --seed and --duration-ms.
// Pure (no files, no process), so every refusal is testable; each message names the flag.

import { decodeHash } from '../url/codec.ts';
import { DEFAULT_PRESET, findPreset, presetScenario } from '../sim/presets.ts';
import type { Scenario } from '../sim/scenario.ts';
import type { CliArgs } from './args.ts';

export interface Resolved {
  /** The summary's scenario name: the preset, or the hash as given (without '#'). */
  name: string;
  scenario: Scenario;
  errors: string[];
}

export function resolveScenario(args: CliArgs): Resolved {
  const errors: string[] = [];
  let name = args.preset ?? DEFAULT_PRESET;
  let scenario: Scenario;
  if (args.scenario !== undefined) {
    // The same decoder as the page: each rejected key is one message naming it.
    const d = decodeHash(args.scenario);
    errors.push(...d.errors.map((e) => `--scenario: ${e.replace(/\s*\n\s*/g, ' ')}`));
    scenario = d.scenario;
    name = args.scenario.replace(/^#/, '');
  } else if (findPreset(name)) {
    scenario = presetScenario(name);
  } else {
    errors.push(`--preset: unknown preset ${JSON.stringify(name.length > 60 ? `${name.slice(0, 60)}…` : name)}; see --list`);
    scenario = presetScenario(DEFAULT_PRESET);
  }
  // parseArgs checks both against the same ranges as validateScenario (resolve.test.ts proves it).
  if (args.seed !== undefined) scenario.seed = args.seed;
  if (args.durationMs !== undefined) scenario.durationMs = args.durationMs;
  return { name, scenario, errors };
}
