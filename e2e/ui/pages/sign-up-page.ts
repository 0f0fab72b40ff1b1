import { expect, type Page } from '@playwright/test';

/** The hosted sign-up page (`/register` or `/c/{id}/register`). */
export class SignUpPage {
  constructor(
    readonly page: Page,
    readonly base = '',
  ) {}

  get path() {
    return `${this.base}/register`;
  }
  get heading() {
    return this.page.getByRole('heading', { level: 1, name: 'Create your account' });
  }
  get username() {
    return this.page.getByRole('textbox', { name: 'Username' });
  }
  get displayName() {
    return this.page.getByRole('textbox', { name: 'Display name' });
  }
  get submitButton() {
    return this.page.getByRole('button', { name: 'Create account with a passkey' });
  }
  get error() {
    // Inside the page's main content: Next.js adds an empty role=alert route announcer to every page.
    return this.page.getByRole('main').getByRole('alert');
  }

  async goto() {
    await this.page.goto(this.path);
    await expect(this.heading).toBeVisible();
    // Enabled once the page has hydrated: typing earlier could be lost.
    await expect(this.submitButton).toBeEnabled();
  }

  async fill(user: { username: string; displayName: string }) {
    await this.username.fill(user.username);
    await this.displayName.fill(user.displayName);
  }

  /** Fills the form, creates the passkey and waits for the account page. */
  async signUp(user: { username: string; displayName: string }) {
    await this.goto();
    await this.fill(user);
    await this.submitButton.click();
    await expect(this.page).toHaveURL(new RegExp(`${this.base}/account$`));
  }
}

let counter = 0;
/** A username no other test uses. */
export function uniqueUser(prefix = 'user'): { username: string; displayName: string } {
  counter += 1;
  const id = `${Date.now().toString(36)}${counter}${Math.random().toString(36).slice(2, 5)}`;
  return { username: `${prefix}-${id}`, displayName: `Test ${prefix} ${counter}` };
}
