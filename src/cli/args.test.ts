// parseArgs for `npm run sim` (README, "Command line"): good arguments parsed, bad ones reported.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArgs } from './args.ts';

describe('parseArgs', () => {
  it('parses a full command line, with separate or inline values', () => {
    const a = parseArgs(['--preset', 'tiny-lazy', '--seed', '7', '--duration-ms', '2.5', '--trace', 't.jsonl', '--metrics', 'm.csv']);
    expect(a.errors).toEqual([]);
    expect(a.args).toEqual({ list: false, help: false, preset: 'tiny-lazy', seed: 7, durationMs: 2.5, trace: 't.jsonl', metrics: 'm.csv' });
    const b = parseArgs(['--scenario=#v=1&mode=strict', '--seed=4294967295']);
    expect(b.errors).toEqual([]);
    expect(b.args.scenario).toBe('#v=1&mode=strict');
    expect(b.args.seed).toBe(4294967295);
  });

  it('no arguments: nothing set, no errors', () => {
    expect(parseArgs([])).toEqual({ args: { list: false, help: false }, errors: [] });
  });

  it('--list and --help / -h are flags', () => {
    expect(parseArgs(['--list']).args.list).toBe(true);
    expect(parseArgs(['--help']).args.help).toBe(true);
    expect(parseArgs(['-h']).args.help).toBe(true);
  });

  it('rejects bad seeds and durations with a message naming the flag and the range', () => {
    for (const v of ['-1', '1.5', 'abc', '4294967296', '', '0x10', '1e3']) {
      const { args, errors } = parseArgs(['--seed', v]);
      expect(errors.length, v).toBe(1);
      expect(errors[0]).toMatch(/^--seed/);
      expect(args.seed).toBeUndefined();
    }
    for (const v of ['0', '-2', 'abc', '600001', 'Infinity', 'NaN']) {
      const { args, errors } = parseArgs(['--duration-ms', v]);
      expect(errors.length, v).toBe(1);
      expect(errors[0]).toMatch(/^--duration-ms: .*\(0, 600000\]/);
      expect(args.durationMs).toBeUndefined();
    }
  });

  it('a flag without its value is an error (end of line or another flag)', () => {
    for (const f of ['--preset', '--scenario', '--seed', '--duration-ms', '--trace', '--metrics']) {
      expect(parseArgs([f]).errors).toEqual([`${f} needs a value`]);
      expect(parseArgs([f, '--list']).errors).toEqual([`${f} needs a value`]);
    }
  });

  it('unknown arguments and --preset with --scenario are errors', () => {
    expect(parseArgs(['--sed', '3']).errors).toEqual(['unknown argument "--sed"', 'unknown argument "3"']);
    expect(parseArgs(['tiny-lazy']).errors).toEqual(['unknown argument "tiny-lazy"']);
    expect(parseArgs(['--preset', 'a', '--scenario', 'v=1']).errors).toEqual(['give either --preset or --scenario, not both']);
  });

  it('any valid seed and duration parse back to the same number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 1, max: 600000 }), (seed, d) => {
        const { args, errors } = parseArgs(['--seed', String(seed), `--duration-ms=${d}`]);
        expect(errors).toEqual([]);
        expect([args.seed, args.durationMs]).toEqual([seed, d]);
      }),
    );
  });

  it('never throws on arbitrary argument lists', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constantFrom('--seed', '--preset', '--list', '--duration-ms', '--seed=', '--=', '--'))), (argv) => {
        const { errors } = parseArgs(argv);
        expect(Array.isArray(errors)).toBe(true);
      }),
    );
  });
});
