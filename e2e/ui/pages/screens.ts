import type { Page } from '@playwright/test';

/** A phone; LATCHKEY_E2E_PHONE_WIDTH=360 checks the narrowest supported width. */
export const PHONE_VIEWPORT = { width: Number(process.env.LATCHKEY_E2E_PHONE_WIDTH) || 390, height: 844 };

/**
 * Saves a full-page screenshot of the current state to `test-results/screens/<name>.png`;
 * with `phone`, also a phone-sized one (390 px wide) as `<name>-phone.png` (the viewport is restored after).
 * `fullPage: false` captures the viewport only: right for an open modal dialog, whose backdrop
 * covers the viewport, not the whole page.
 */
export async function screenshot(page: Page, name: string, options: { phone?: boolean; fullPage?: boolean } = {}) {
  const fullPage = options.fullPage ?? true;
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage, animations: 'disabled', caret: 'hide' });
  if (!options.phone) return;
  const original = page.viewportSize();
  await page.setViewportSize(PHONE_VIEWPORT);
  await page.screenshot({ path: `test-results/screens/${name}-phone.png`, fullPage, animations: 'disabled', caret: 'hide' });
  if (original) await page.setViewportSize(original);
}
