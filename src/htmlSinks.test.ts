// Nothing from the URL or an imported file is ever inserted as HTML (issue 14, "Security"): the
// page builds its DOM with React (text is escaped) and textContent / replaceChildren; no source file
// uses an API that parses a string as HTML. e2e/security.spec.ts opens hostile links.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname);
const SINKS = /\b(innerHTML|outerHTML|insertAdjacentHTML|dangerouslySetInnerHTML|createContextualFragment|srcdoc)\b|document\.write|parseFromString\([^)]*text\/html|\.html\(/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return files(p);
    return /\.tsx?$/.test(n) && !/\.test\.tsx?$/.test(n) ? [p] : [];
  });
}

describe('HTML sinks', () => {
  it('the pattern catches each sink (so an empty result means something)', () => {
    for (const code of ['el.innerHTML = x', '<div dangerouslySetInnerHTML={x} />', 'el.insertAdjacentHTML("beforeend", x)', 'sel.html(x)', 'document.write(x)', 'new DOMParser().parseFromString(x, "text/html")'])
      expect(SINKS.test(code), code).toBe(true);
    expect(SINKS.test('el.textContent = x; el.replaceChildren(x)')).toBe(false);
  });

  it('no source file under src/ uses one', () => {
    const hits = files(ROOT)
      .filter((f) => SINKS.test(readFileSync(f, 'utf8')))
      .map((f) => relative(ROOT, f));
    expect(hits).toEqual([]);
  });
});
