import { describe, expect, it } from 'vitest';
import { parseArgs } from './args.ts';
import { decodeHash } from '../url/codec.ts';
import { cliCommand } from '../url/cliCommand.ts';

describe('cliCommand', () => {
  it('keeps the scenario keys, drops the view keys, quotes for a shell', () => {
    expect(cliCommand('#v=2&p=cliff&cr=1&fc=5&pn=queues,iotlb&t=104000000')).toBe("npm run -s sim -- --scenario 'v=2&p=cliff&cr=1'");
    expect(cliCommand('#v=2&p=default&view=gallery')).toBe("npm run -s sim -- --scenario 'v=2&p=default'");
    expect(cliCommand("v=2&p=it's")).toBe("npm run -s sim -- --scenario 'v=2&p=it'\\''s'");
  });

  it('the CLI reads the same scenario back', () => {
    const hash = '#v=2&p=tiny-lazy&seed=7&mode=strict&cpus=3&fc=2&t=1234567';
    const cmd = cliCommand(hash);
    const arg = /--scenario '(.*)'$/.exec(cmd)![1];
    const { args, errors } = parseArgs(['--scenario', arg]);
    expect(errors).toEqual([]);
    expect(decodeHash(args.scenario!).scenario).toEqual(decodeHash(hash).scenario);
  });
});
