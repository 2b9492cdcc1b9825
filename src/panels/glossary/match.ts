// Finding glossary terms in a text: whole words, case-sensitive, the longest spelling first (so
// "counter reuse" wins over "counter" and "fq_flush_timeout" over "timeout").

import { TERMS, type Term } from './terms.ts';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const BY_SPELLING = new Map<string, Term>(TERMS.flatMap((t) => t.match.map((m) => [m, t] as const)));

// Not inside a longer word or identifier: no letter, digit, '_', '-' or '.' on either side.
const RE = new RegExp(
  `(?<![\\w.-])(${[...BY_SPELLING.keys()]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|')})(?![\\w-])`,
  'g',
);

export type TextPart = string | { term: Term; text: string };

/** Splits `text` into plain parts and the first occurrence of each term (not those in `skip`). */
export function splitTerms(text: string, skip: readonly string[] = []): TextPart[] {
  const seen = new Set(skip);
  const out: TextPart[] = [];
  let last = 0;
  for (const m of text.matchAll(RE)) {
    const term = BY_SPELLING.get(m[1])!;
    if (seen.has(term.id)) continue;
    seen.add(term.id);
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push({ term, text: m[1] });
    last = m.index + m[1].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** The ids of every term that occurs in `text` (all occurrences, not only the first). */
export function termsIn(text: string): Set<string> {
  const ids = new Set<string>();
  for (const m of text.matchAll(RE)) ids.add(BY_SPELLING.get(m[1])!.id);
  return ids;
}
