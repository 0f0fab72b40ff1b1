import { expect, type Page } from '@playwright/test';

/** The hosted sign-in page (`/login` or `/c/{id}/login`). */
export class SignInPage {
  constructor(
    readonly page: Page,
    /** '' for the default community, `/c/{communityId}` for another one. */
    readonly base = '',
  ) {}

  get path() {
    return `${this.base}/login`;
  }
  get heading() {
    return this.page.getByRole('heading', { level: 1, name: 'Sign in' });
  }
  get username() {
    return this.page.getByRole('textbox', { name: 'Username' });
  }
  get continueButton() {
    return this.page.getByRole('button', { name: 'Continue' });
  }
  get passkeyButton() {
    return this.page.getByRole('button', { name: 'Sign in with a passkey' });
  }
  get error() {
    // Inside the page's main content: Next.js adds an empty role=alert route announcer to every page.
    return this.page.getByRole('main').getByRole('alert');
  }
  get createAccountLink() {
    return this.page.getByRole('link', { name: 'Create an account' });
  }

  async goto() {
    await this.page.goto(this.path);
    await this.expectLoaded();
  }

  async expectLoaded() {
    await expect(this.page).toHaveURL(new RegExp(`${this.path}$`));
    await expect(this.heading).toBeVisible();
    // The buttons are enabled once the page has hydrated.
    await expect(this.passkeyButton).toBeEnabled();
  }
}
