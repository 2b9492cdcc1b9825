// Shared by every e2e file: a test fails if the page logged a console error or threw.

import { expect, test } from '@playwright/test';

/** Registers beforeEach/afterEach hooks in the calling spec file that fail a test on page errors. */
export function failOnConsoleErrors(): void {
  let consoleErrors: string[] = [];
  test.beforeEach(({ page }) => {
    consoleErrors = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
  });
  test.afterEach(() => {
    expect(consoleErrors, 'console errors').toEqual([]);
  });
}
