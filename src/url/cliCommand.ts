// The command line equivalent of the scenario on screen (issue 18, "links and commands for a
// mailing list"): `npm run -s sim -- --scenario '…'` with the URL hash's scenario keys. The view keys
// (t, fc, pn, view, and the compare's cmp) are left out: the CLI accepts and ignores them (src/cli/args.ts), so they would
// only make the command longer.

import { VIEW_KEYS } from './view.ts';

/** A shell word in single quotes (a quote inside becomes '\''). */
function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** `npm run -s sim -- --scenario 'v=2&p=cliff&cr=1'` for a hash like `#v=2&p=cliff&cr=1&t=104000000`. */
export function cliCommand(hash: string): string {
  const parts = hash
    .replace(/^#/, '')
    .split('&')
    .filter((kv) => kv !== '' && !VIEW_KEYS.includes(kv.split('=')[0]));
  return `npm run -s sim -- --scenario ${shellQuote(parts.join('&'))}`;
}
