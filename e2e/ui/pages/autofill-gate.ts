import type { Page, Route } from '@playwright/test';

/**
 * Holds the sign-in page's passkey autofill back, so a test can drive the other ways in without
 * a race. Chromium's virtual authenticator answers a conditional (autofill) request at once, and
 * the page starts one on load; while the gate is closed, every usernameless
 * `authentication/options` request is left unanswered, so the autofill never reaches the browser.
 * Requests with a username (username-first) always pass. Open the gate before clicking
 * "Sign in with a passkey", whose request is usernameless too.
 */
export class AutofillGate {
  private closed = true;

  private constructor() {}

  /** `url`: the sign-in options endpoint (the hosted pages' by default; the console's is `**\/admin/api/session/options`). */
  static async install(page: Page, url = '**/api/authentication/options'): Promise<AutofillGate> {
    const gate = new AutofillGate();
    await page.route(url, (route) => gate.handle(route));
    return gate;
  }

  /** Usernameless option requests made from now on pass. */
  open() {
    this.closed = false;
  }

  /** Usernameless option requests made from now on are held (never answered). */
  close() {
    this.closed = true;
  }

  private async handle(route: Route) {
    const body = route.request().postDataJSON() as { username?: unknown } | null;
    if (this.closed && !body?.username) return; // left pending: the page's fetch never settles
    await route.continue();
  }
}
