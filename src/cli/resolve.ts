// The scenario a command line asks for: a preset or a URL hash, then --seed and --duration-ms.
// Pure (no files, no process), so every refusal is testable; each message names the flag.

import { decodeHash } from '../url/codec.ts';
import { canonicalPresetName, DEFAULT_PRESET, findPreset, presetScenario } from '../sim/presets.ts';
import type { Scenario } from '../sim/scenario.ts';
import type { CliArgs } from './args.ts';

export interface Resolved {
  /** The summary's scenario name: the preset, or the hash as given (without '#'). */
  name: string;
  scenario: Scenario;
  errors: string[];
}

/** The hash of a --scenario value: a whole Share link works too (its part after '#'). */
export function scenarioHash(arg: string): string {
  return arg.slice(arg.indexOf('#') + 1);
}

export function resolveScenario(args: CliArgs): Resolved {
  const errors: string[] = [];
  let name = args.preset ?? DEFAULT_PRESET;
  let scenario: Scenario;
  if (args.scenario !== undefined) {
    const hash = scenarioHash(args.scenario);
    // The same decoder as the page: each rejected key is one message naming it. The page goes on
    // without a bad key ("ignored"); the CLI refuses to run (exit 2), so it does not say that.
    const d = decodeHash(hash);
    if (hash.trim() !== '' && !hash.includes('=')) errors.push(`--scenario: ${JSON.stringify(clip(hash))} is not a scenario URL hash: give KEY=VALUE pairs joined by & (e.g. 'v=4&p=timeout-flood&mode=strict') or a Share link; see --help`);
    else errors.push(...d.errors.map((e) => `--scenario: ${e.replace(/\s*\n\s*/g, ' ').replace(/,? ignored$/, '')}`));
    scenario = d.scenario;
    name = hash;
  } else if (findPreset(name)) {
    // --preset cliff (an old name, PRESET_ALIASES) runs timeout-flood and is named so in the summary
    name = canonicalPresetName(name);
    scenario = presetScenario(name);
  } else {
    errors.push(`--preset: unknown preset ${JSON.stringify(clip(name))}; see --list`);
    scenario = presetScenario(DEFAULT_PRESET);
  }
  // parseArgs checks both against the same ranges as validateScenario (resolve.test.ts proves it).
  if (args.seed !== undefined) scenario.seed = args.seed;
  if (args.durationMs !== undefined) scenario.durationMs = args.durationMs;
  return { name, scenario, errors };
}

const clip = (x: string) => (x.length > 60 ? `${x.slice(0, 60)}…` : x);
