import { expect, type Locator, type Page } from '@playwright/test';

/** The hosted account page: passkey list, add, rename, delete, sign out. */
export class AccountPage {
  constructor(
    readonly page: Page,
    readonly base = '',
  ) {}

  get path() {
    return `${this.base}/account`;
  }
  get heading() {
    return this.page.getByRole('heading', { level: 1, name: 'Your account' });
  }
  get passkeys() {
    return this.page.getByTestId('passkey-item');
  }
  get addButton() {
    return this.page.getByRole('button', { name: 'Add a passkey' });
  }
  get signOutButton() {
    return this.page.getByRole('button', { name: 'Sign out' });
  }
  /** The live region announcing what changed. */
  get status() {
    return this.page.getByTestId('passkeys-status');
  }
  get error() {
    // Inside the page's main content: Next.js adds an empty role=alert route announcer to every page.
    return this.page.getByRole('main').getByRole('alert');
  }
  get dialog() {
    return this.page.getByRole('dialog');
  }

  passkey(name: string): Locator {
    return this.passkeys.filter({ has: this.page.getByRole('heading', { level: 3, name, exact: true }) });
  }

  async goto() {
    await this.page.goto(this.path);
    await this.expectLoaded();
  }

  /** On the page, with the passkey list loaded. */
  async expectLoaded(count?: number) {
    await expect(this.page).toHaveURL(new RegExp(`${this.path}$`));
    await expect(this.heading).toBeVisible();
    await expect(this.page.getByText('Loading your passkeys…')).toHaveCount(0);
    if (count !== undefined) await expect(this.passkeys).toHaveCount(count);
  }

  /** Renames the passkey shown by `item` (a locator from `passkeys` or `passkey(name)`). */
  async rename(item: Locator, to: string) {
    await item.getByRole('button', { name: /^Rename/ }).click();
    const field = this.page.getByRole('textbox', { name: 'Passkey name' });
    await expect(field).toBeFocused();
    await field.fill(to);
    await field.press('Enter');
    await expect(this.passkey(to)).toBeVisible();
  }

  async openDelete(name: string) {
    await this.passkey(name).getByRole('button', { name: /^Delete/ }).click();
    await expect(this.dialog).toBeVisible();
  }

  async signOut() {
    await this.signOutButton.click();
    await expect(this.page).toHaveURL(new RegExp(`${this.base}/login$`));
  }
}
