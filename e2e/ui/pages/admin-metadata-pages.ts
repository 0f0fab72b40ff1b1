import { expect, type Locator, type Page } from '@playwright/test';
import { AdminConsole } from './admin-pages';

/** The Authenticator metadata section: records, MDS import, AAGUID policy. */
export class MetadataPage {
  readonly console: AdminConsole;
  constructor(readonly page: Page) {
    this.console = new AdminConsole(page);
  }

  get rows() {
    return this.page.getByTestId('metadata-row');
  }
  get search() {
    return this.page.getByRole('searchbox', { name: 'Search records' });
  }
  get dialog() {
    return this.page.getByRole('dialog');
  }
  get tabs() {
    return this.page.getByRole('navigation', { name: 'Authenticator metadata' });
  }
  row(text: string): Locator {
    return this.rows.filter({ hasText: text });
  }

  async goto(path = '/admin/metadata') {
    await this.page.goto(path);
    await this.console.expectOn('Authenticator metadata');
  }

  /** Creates a record through the "New record" dialog. */
  async create(options: { appliesTo: string; aaguid: string; name: string }) {
    await this.page.getByRole('button', { name: 'New record' }).click();
    await expect(this.dialog).toBeVisible();
    await this.dialog.getByRole('combobox', { name: 'Applies to' }).selectOption({ label: options.appliesTo });
    await this.dialog.getByRole('textbox', { name: 'AAGUID' }).fill(options.aaguid);
    await this.dialog.getByRole('textbox', { name: 'Name' }).fill(options.name);
    await this.dialog.getByRole('button', { name: 'Create record' }).click();
    await expect(this.dialog).toBeHidden();
    await expect(this.row(options.name)).toBeVisible();
  }
}
