import { expect, type Locator, type Page } from '@playwright/test';

/** The console's setup-link page (`/admin/setup?token=…`). */
export class AdminSetupPage {
  constructor(readonly page: Page) {}

  get username() {
    return this.page.getByRole('textbox', { name: 'Username' });
  }
  get displayName() {
    return this.page.getByRole('textbox', { name: 'Your name' });
  }
  get submit() {
    return this.page.getByRole('button', { name: 'Create passkey and sign in' });
  }
  get error() {
    return this.page.getByRole('main').getByRole('alert');
  }

  async goto(link: string) {
    await this.page.goto(link);
    await expect(this.page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(this.submit).toBeEnabled();
  }

  /** Opens the link, creates the passkey and lands on the dashboard. */
  async enroll(link: string, admin: { username: string; displayName: string }) {
    await this.goto(link);
    await this.username.fill(admin.username);
    await this.displayName.fill(admin.displayName);
    await this.submit.click();
    // A full page load after the passkey ceremony and the sign-in: give a busy machine time.
    await expect(this.page).toHaveURL(/\/admin$/, { timeout: 20_000 });
    await new AdminConsole(this.page).expectOn('Dashboard');
  }
}

/** The console's sign-in page. */
export class AdminSignInPage {
  constructor(readonly page: Page) {}

  get heading() {
    return this.page.getByRole('heading', { level: 1, name: 'Sign in' });
  }
  get username() {
    return this.page.getByRole('textbox', { name: 'Username' });
  }
  get passkeyButton() {
    return this.page.getByRole('button', { name: 'Sign in with a passkey' });
  }
  get error() {
    return this.page.getByRole('main').getByRole('alert');
  }

  async goto() {
    await this.page.goto('/admin/sign-in');
    await this.expectLoaded();
  }

  async expectLoaded() {
    await expect(this.page).toHaveURL(/\/admin\/sign-in(\?.*)?$/);
    await expect(this.heading).toBeVisible();
    await expect(this.passkeyButton).toBeEnabled();
  }
}

/** The console frame: navigation, header, sign-out. */
export class AdminConsole {
  constructor(readonly page: Page) {}

  get nav() {
    return this.page.getByRole('navigation', { name: 'Console' });
  }
  get menuButton() {
    return this.page.getByRole('button', { name: 'Menu' });
  }
  get signOutButton() {
    return this.page.getByRole('button', { name: 'Sign out' });
  }
  get adminName() {
    return this.page.getByTestId('admin-name');
  }
  get toasts() {
    return this.page.getByTestId('toasts');
  }

  /** On a console page whose navigation entry is `section` (marked current). */
  async expectOn(section: string) {
    await expect(this.page.getByRole('link', { name: section, exact: true }).and(this.page.locator('[aria-current="page"]')).first()).toBeAttached();
    await expect(this.page.getByRole('heading', { level: 1 })).toBeVisible();
  }

  async open(section: string) {
    await this.nav.getByRole('link', { name: section, exact: true }).click();
    await this.expectOn(section);
  }

  async signOut() {
    await this.signOutButton.click();
    await new AdminSignInPage(this.page).expectLoaded();
  }
}

/** The Admins page. */
export class AdminsPage {
  readonly console: AdminConsole;
  constructor(readonly page: Page) {
    this.console = new AdminConsole(page);
  }

  get rows() {
    return this.page.getByTestId('admin-row');
  }
  get search() {
    return this.page.getByRole('searchbox', { name: 'Search administrators' });
  }
  get summary() {
    return this.page.getByTestId('table-summary');
  }
  get inviteButton() {
    return this.page.getByRole('button', { name: 'Invite administrator' });
  }
  get dialog() {
    return this.page.getByRole('dialog');
  }
  row(username: string): Locator {
    return this.rows.filter({ hasText: username });
  }

  async goto() {
    await this.page.goto('/admin/admins');
    await this.console.expectOn('Admins');
  }

  /** Invites an administrator through the dialog; returns the setup link shown once. */
  async invite(options: { role: string; tenant?: string; communities?: string[]; note?: string }): Promise<string> {
    await this.inviteButton.click();
    await expect(this.dialog).toBeVisible();
    await this.dialog.getByRole('combobox', { name: 'Role' }).selectOption({ label: options.role });
    if (options.tenant) await this.dialog.getByRole('combobox', { name: 'Tenant' }).selectOption({ label: options.tenant });
    for (const c of options.communities ?? []) await this.dialog.getByRole('checkbox', { name: c }).check();
    if (options.note) await this.dialog.getByRole('textbox', { name: 'Note (optional)' }).fill(options.note);
    await this.dialog.getByRole('button', { name: 'Create invitation link' }).click();
    const link = this.dialog.getByRole('textbox', { name: 'One-time setup link' });
    await expect(link).toBeVisible();
    return link.inputValue();
  }
}

/** My account: the administrator's passkeys (the hosted passkey list, over the console's endpoints). */
export class AdminAccountPage {
  readonly console: AdminConsole;
  constructor(readonly page: Page) {
    this.console = new AdminConsole(page);
  }

  get passkeys() {
    return this.page.getByTestId('passkey-item');
  }
  get addButton() {
    return this.page.getByRole('button', { name: 'Add a passkey' });
  }
  get status() {
    return this.page.getByTestId('passkeys-status');
  }
  get dialog() {
    return this.page.getByRole('dialog');
  }
  passkey(name: string): Locator {
    return this.passkeys.filter({ has: this.page.getByRole('heading', { level: 3, name, exact: true }) });
  }

  async goto(count?: number) {
    await this.page.goto('/admin/account');
    await this.expectLoaded(count);
  }

  async expectLoaded(count?: number) {
    await this.console.expectOn('My account');
    await expect(this.page.getByText('Loading your passkeys…')).toHaveCount(0);
    if (count !== undefined) await expect(this.passkeys).toHaveCount(count);
  }
}

let counter = 0;
/** A username no other test uses. */
export function uniqueAdmin(prefix = 'admin'): { username: string; displayName: string } {
  counter += 1;
  const id = `${Date.now().toString(36)}${counter}${Math.random().toString(36).slice(2, 5)}`;
  return { username: `${prefix}-${id}`, displayName: `${prefix[0]!.toUpperCase()}${prefix.slice(1)} ${counter}` };
}

/** The Users list (`/admin/users`). */
export class UsersPage {
  readonly console: AdminConsole;
  constructor(readonly page: Page) {
    this.console = new AdminConsole(page);
  }

  get rows() {
    return this.page.getByTestId('user-row');
  }
  get search() {
    return this.page.getByRole('searchbox', { name: 'Search users' });
  }
  get community() {
    return this.page.getByRole('combobox', { name: 'Community' });
  }
  get summary() {
    return this.page.getByTestId('table-summary');
  }
  row(username: string): Locator {
    return this.rows.filter({ hasText: username });
  }

  async goto(query = '') {
    await this.page.goto(`/admin/users${query}`);
    await this.console.expectOn('Users');
  }

  /** Opens a user's page from the list. */
  async open(username: string): Promise<UserPage> {
    await this.row(username).getByRole('link', { name: username }).click();
    const user = new UserPage(this.page);
    await expect(this.page.getByRole('heading', { level: 2, name: 'Passkeys' })).toBeVisible();
    return user;
  }
}

/** One user's page (`/admin/users/{id}`). */
export class UserPage {
  readonly console: AdminConsole;
  constructor(readonly page: Page) {
    this.console = new AdminConsole(page);
  }

  get passkeys() {
    return this.page.getByTestId('user-passkey');
  }
  get events() {
    return this.page.getByTestId('user-event');
  }
  get confirmDialog() {
    return this.page.getByRole('dialog');
  }
  button(name: string | RegExp) {
    return this.page.getByRole('main').getByRole('button', { name });
  }
}

/** Tenants & communities: the list, and a community's settings page. */
export class TenantsPage {
  readonly console: AdminConsole;
  constructor(readonly page: Page) {
    this.console = new AdminConsole(page);
  }

  get rows() {
    return this.page.getByTestId('tenant-row');
  }
  get search() {
    return this.page.getByRole('searchbox', { name: 'Search tenants and communities' });
  }
  get dialog() {
    return this.page.getByRole('dialog');
  }
  row(name: string): Locator {
    return this.rows.filter({ hasText: name });
  }

  async goto() {
    await this.page.goto('/admin/tenants');
    await this.console.expectOn('Tenants & communities');
  }

  /** Opens a community's settings from its tenant's row. */
  async openCommunity(tenant: string, community: string) {
    await this.row(tenant).getByRole('link', { name: community, exact: true }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: community })).toBeVisible();
  }
}

/** Applications: the list and an application's page. */
export class ApplicationsPage {
  readonly console: AdminConsole;
  constructor(readonly page: Page) {
    this.console = new AdminConsole(page);
  }

  get rows() {
    return this.page.getByTestId('application-row');
  }
  get dialog() {
    return this.page.getByRole('dialog');
  }

  async goto() {
    await this.page.goto('/admin/applications');
    await this.console.expectOn('Applications');
  }

  /** Creates an application through the dialog and lands on its page. */
  async create(options: { community: string; name: string; origins?: string[] }) {
    await this.page.getByRole('button', { name: 'New application' }).click();
    await this.dialog.getByRole('combobox', { name: 'Community' }).selectOption({ label: options.community });
    await this.dialog.getByRole('textbox', { name: 'Name' }).fill(options.name);
    if (options.origins) await this.dialog.getByRole('textbox', { name: 'Origins' }).fill(options.origins.join('\n'));
    await this.dialog.getByRole('button', { name: 'Create application' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: options.name })).toBeVisible({ timeout: 15_000 });
  }
}

/** The dashboard (`/admin`): the view form and the charts. */
export class DashboardPage {
  readonly console: AdminConsole;
  constructor(readonly page: Page) {
    this.console = new AdminConsole(page);
  }

  get community() {
    return this.page.getByRole('combobox', { name: 'Community' });
  }
  get period() {
    return this.page.getByRole('combobox', { name: 'Period' });
  }
  get showButton() {
    return this.page.getByRole('button', { name: 'Show', exact: true });
  }
  chart(name: 'signIns' | 'registrations' | 'failures'): Locator {
    return this.page.getByTestId(`chart-${name}`);
  }

  async goto(query = '') {
    await this.page.goto(`/admin${query}`);
    await this.console.expectOn('Dashboard');
  }
}

/** The audit log (`/admin/audit`): filters, events with their details, export links. */
export class AuditPage {
  readonly console: AdminConsole;
  constructor(readonly page: Page) {
    this.console = new AdminConsole(page);
  }

  get rows() {
    return this.page.getByTestId('audit-row');
  }
  /** The opened details of events (a full-width row under each event). */
  get details() {
    return this.page.locator('[data-testid="audit-detail"]:not([hidden])');
  }
  get filters() {
    return this.page.getByRole('form', { name: 'Filter events' });
  }
  field(label: string): Locator {
    return this.filters.getByLabel(label, { exact: true });
  }
  get applyButton() {
    return this.filters.getByRole('button', { name: 'Apply filters' });
  }
  get exportCsv() {
    return this.page.getByRole('link', { name: 'Export CSV' });
  }

  async goto(query = '') {
    await this.page.goto(`/admin/audit${query}`);
    await this.console.expectOn('Audit log');
  }
}
