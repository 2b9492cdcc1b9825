// The scenario form is folded into one line of the page header (src/ui/ScenarioBar.tsx): a test that
// changes a control opens it first, as a user would.

import { expect, type Page } from '@playwright/test';

export async function openScenarioForm(page: Page): Promise<void> {
  const toggle = page.getByRole('button', { name: /Change the scenario|Hide the form/ });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await expect(page.locator('#scenario-form')).toBeVisible();
}
