import { expect, type Page } from '@playwright/test';
import { AdminConsole } from './admin-pages';

/** Licenses & API keys (`/admin/licenses`, `/admin/licenses/api-keys`). */
export class LicensesPage {
  readonly console: AdminConsole;
  constructor(readonly page: Page) {
    this.console = new AdminConsole(page);
  }

  get dialog() {
    return this.page.getByRole('dialog');
  }
  get licenseRows() {
    return this.page.getByTestId('license-row');
  }
  get apiKeyRows() {
    return this.page.getByTestId('api-key-row');
  }
  get tabs() {
    return this.page.getByRole('navigation', { name: 'Key types' });
  }

  async goto(tab: 'licenses' | 'api-keys' = 'licenses') {
    await this.page.goto(tab === 'licenses' ? '/admin/licenses' : '/admin/licenses/api-keys');
    await this.console.expectOn('Licenses & API keys');
  }

  /** Reads the key from the "shown once" panel and closes the dialog. */
  async takeSecret(label: string): Promise<string> {
    const field = this.dialog.getByRole('textbox', { name: label });
    await expect(field).toBeVisible();
    const value = await field.inputValue();
    await this.dialog.getByRole('button', { name: 'Done' }).click();
    await expect(this.dialog).toBeHidden();
    return value;
  }

  /** Revokes through the confirmation dialog. */
  async revoke(row: ReturnType<Page['getByTestId']>, confirmLabel: string) {
    await row.getByRole('button', { name: /^Revoke/ }).click();
    const confirm = this.page.getByRole('dialog');
    await confirm.getByRole('button', { name: confirmLabel }).click();
    await expect(row).toContainText('Revoked');
  }
}

/** Transactions and OTP outbox (read-only lists with filters and detail pages). */
export class ActivityPage {
  readonly console: AdminConsole;
  constructor(readonly page: Page) {
    this.console = new AdminConsole(page);
  }

  filter(name: string) {
    return this.page.getByRole('combobox', { name });
  }
  rows(testId: 'transaction-row' | 'message-row') {
    return this.page.getByTestId(testId);
  }

  async goto(section: 'Transactions' | 'OTP outbox') {
    await this.page.goto(section === 'Transactions' ? '/admin/transactions' : '/admin/outbox');
    await this.console.expectOn(section);
  }
}
