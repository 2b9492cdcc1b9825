// parseArgs for `npm run sim`: good arguments parsed; every bad form of every flag is one message
// that starts with the flag (or quotes the stray argument), and nothing is set from it.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArgs } from './args.ts';

const VALUE_FLAGS = ['--preset', '--scenario', '--seed', '--duration-ms', '--trace', '--metrics', '--sweep', '--seeds', '--jobs', '--format', '--shard'];

describe('parseArgs', () => {
  it('parses a full command line, with separate or inline values', () => {
    const a = parseArgs(['--preset', 'tiny-lazy', '--seed', '7', '--duration-ms', '2.5', '--trace', 't.jsonl', '--metrics', 'm.csv']);
    expect(a.errors).toEqual([]);
    expect(a.args).toEqual({ list: false, help: false, preset: 'tiny-lazy', seed: 7, durationMs: 2.5, trace: 't.jsonl', metrics: 'm.csv' });
    const b = parseArgs(['--scenario=#v=1&mode=strict', '--seed=4294967295', '--duration-ms=1e3']);
    expect(b.errors).toEqual([]);
    expect(b.args.scenario).toBe('#v=1&mode=strict');
    expect(b.args.seed).toBe(4294967295);
    expect(b.args.durationMs).toBe(1000);
    expect(parseArgs(['--duration-ms', '.5']).args.durationMs).toBe(0.5);
    expect(parseArgs(['--duration-ms', '0.001']).args.durationMs).toBe(0.001);
  });

  it('no arguments: nothing set, no errors', () => {
    expect(parseArgs([])).toEqual({ args: { list: false, help: false }, errors: [] });
  });

  it('--list and --help / -h are flags', () => {
    expect(parseArgs(['--list']).args.list).toBe(true);
    expect(parseArgs(['--help']).args.help).toBe(true);
    expect(parseArgs(['-h']).args.help).toBe(true);
  });

  it('--seed: every bad form is one message naming the flag and the range', () => {
    for (const v of ['-1', '1.5', 'abc', '4294967296', '0x10', '1e3', ' 7', '7 ', '+7', 'NaN', '٣']) {
      const { args, errors } = parseArgs(['--seed', v]);
      expect(errors, v).toEqual([`--seed: ${JSON.stringify(v)} is not an integer in [0, 4294967295]`]);
      expect(args.seed).toBeUndefined();
    }
  });

  it('--duration-ms: every bad form is one message naming the flag and the range', () => {
    for (const v of ['0', '-2', 'abc', '600001', 'Infinity', 'NaN', '0x10', '0.0001', ' 5', '5ms', '1e9', '1,5']) {
      const { args, errors } = parseArgs(['--duration-ms', v]);
      expect(errors, v).toEqual([`--duration-ms: ${JSON.stringify(v)} is not a number of ms in [0.001, 600000]`]);
      expect(args.durationMs).toBeUndefined();
    }
  });

  it('a value flag without its value (end of line, another flag, or empty) is one message naming it', () => {
    for (const f of VALUE_FLAGS) {
      expect(parseArgs([f]).errors).toEqual([`${f}: needs a value`]);
      expect(parseArgs([f, '--list']).errors).toEqual([`${f}: needs a value`]);
      expect(parseArgs([`${f}=`]).errors).toEqual([`${f}: needs a value, got an empty one`]);
      expect(parseArgs([f, '']).errors).toEqual([`${f}: needs a value, got an empty one`]);
    }
  });

  it('every flag given twice is named once', () => {
    for (const f of VALUE_FLAGS) expect(parseArgs([f, '1', `${f}=1`]).errors.filter((e) => e === `${f}: given more than once`)).toHaveLength(1);
    expect(parseArgs(['--list', '--list']).errors).toEqual(['--list: given more than once']);
    expect(parseArgs(['--help', '-h']).errors).toEqual(['-h: given more than once']);
  });

  it('--list and --help take no value', () => {
    expect(parseArgs(['--list=1']).errors).toEqual(['--list: takes no value (got "1")']);
    expect(parseArgs(['--help=yes']).errors).toEqual(['--help: takes no value (got "yes")']);
  });

  it('unknown options (with their value) and stray arguments: one message each, quoted', () => {
    expect(parseArgs(['--sed', '3']).errors).toEqual(['"--sed": unknown option (with value "3"); see --help']);
    expect(parseArgs(['--sed=3']).errors).toEqual(['"--sed": unknown option (with value "3"); see --help']);
    expect(parseArgs(['--verbose', '--list']).errors).toEqual(['"--verbose": unknown option; see --help']);
    expect(parseArgs(['-x']).errors).toEqual(['"-x": unknown option; see --help']);
    expect(parseArgs(['tiny-lazy']).errors).toEqual(['unknown argument "tiny-lazy"; options start with --, see --help']);
    const long = parseArgs([`--${'x'.repeat(5000)}`]).errors[0];
    expect(long.length).toBeLessThan(120);
  });

  it('conflicting flags: --preset with --scenario, --trace and --metrics on one file', () => {
    expect(parseArgs(['--preset', 'a', '--scenario', 'v=1']).errors).toEqual(['--preset and --scenario: give one of them, not both']);
    expect(parseArgs(['--trace', 'x', '--metrics', 'x']).errors).toEqual(['--trace and --metrics: both write "x"; give two files']);
  });

  it('sweep flags: kept as text for sweep.ts; --jobs and --format checked here', () => {
    const a = parseArgs(['--sweep', 'cpus=4,8', '--seeds', '1-3', '--jobs', '2', '--format', 'csv', '--shard', '1/4']);
    expect(a.errors).toEqual([]);
    expect(a.args).toMatchObject({ sweep: 'cpus=4,8', seeds: '1-3', jobs: 2, format: 'csv', shard: '1/4' });
    for (const v of ['0', '257', '1.5', 'x', '-1'])
      expect(parseArgs(['--seeds', '1', '--jobs', v]).errors, v).toEqual([`--jobs: ${JSON.stringify(v)} is not an integer in [1, 256]`]);
    expect(parseArgs(['--seeds', '1', '--format', 'xml']).errors).toEqual(['--format: "xml" is not json or csv']);
  });

  it('sweep flags: --jobs, --format, --shard need a sweep; --trace, --metrics and --seed do not go with one', () => {
    expect(parseArgs(['--jobs', '2', '--format', 'csv', '--shard', '0/2']).errors).toEqual([
      '--jobs: only with --sweep or --seeds',
      '--format: only with --sweep or --seeds',
      '--shard: only with --sweep or --seeds',
    ]);
    expect(parseArgs(['--sweep', 'cpus=4', '--trace', 't', '--metrics', 'm']).errors).toEqual([
      '--trace: not with --sweep or --seeds (one file per run would be needed; run the point alone)',
      '--metrics: not with --sweep or --seeds (one file per run would be needed; run the point alone)',
    ]);
    expect(parseArgs(['--seeds', '1-3', '--seed', '4']).errors).toEqual(['--seed and --seeds: give one of them, not both']);
    expect(parseArgs(['--sweep', 'cpus=4', '--seed', '4']).errors).toEqual([]);
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

  it('never throws on arbitrary argument lists, and every message is one line', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constantFrom('--seed', '--preset', '--list', '--duration-ms', '--seed=', '--=', '--', '-h', '\n'))), (argv) => {
        const { errors } = parseArgs(argv);
        for (const e of errors) expect(e).not.toMatch(/\n/);
      }),
    );
  });
});
