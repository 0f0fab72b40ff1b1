import { test, expect } from './fixtures';
import { setupLink, tenantWithCommunities } from './pages/admin-cli';
import { AdminSetupPage, AuditPage, DashboardPage, uniqueAdmin } from './pages/admin-pages';
import { screenshot } from './pages/screens';

// The Dashboard and the Audit log in Chromium: a system admin enrols, looks at the charts for a
// period, then filters the audit log (the form checks the range in the browser), opens an event
// and downloads the CSV export.

test.beforeEach(({ authenticator }) => {
  expect(authenticator.authenticatorId).toBeTruthy();
});

test('dashboard charts for a period; audit log filtered, an event opened, exported as CSV', async ({ page }) => {
  test.slow(); // a shared CI machine: the enrolment and two pages under load
  const acme = tenantWithCommunities('Acme', ['Web']);
  const root = uniqueAdmin('root');
  await new AdminSetupPage(page).enroll(setupLink(), root);

  const dashboard = new DashboardPage(page);
  await dashboard.goto();
  await expect(dashboard.chart('signIns').getByRole('img', { name: 'Sign-ins per day' })).toBeVisible();
  // All communities: the console's own enrolment and sign-in count for a system admin.
  await expect(dashboard.chart('registrations').getByTestId('chart-total')).not.toHaveText('0');
  await screenshot(page, 'admin-dashboard-all');
  await dashboard.period.selectOption({ label: 'Last 7 days' });
  await dashboard.community.selectOption({ label: `${acme.name} / Web` });
  await dashboard.showButton.click();
  await expect(page).toHaveURL(new RegExp(`communityId=${acme.communities.Web}&days=7`));
  await expect(page.getByTestId('dashboard-period')).toContainText('Web');
  await page.getByText('Show as table').click();
  await expect(page.getByRole('table', { name: /per day/ }).getByRole('row')).toHaveCount(8);
  await screenshot(page, 'admin-dashboard-community', { phone: true });

  const audit = new AuditPage(page);
  await audit.console.open('Audit log');
  await expect(audit.rows.first()).toBeVisible();
  // The range is checked with the endpoint's schema before anything is sent.
  await audit.field('From (UTC)').fill('2026-11-30T10:00');
  await audit.field('To (UTC)').fill('2026-11-29T10:00');
  await audit.applyButton.click();
  await expect(audit.filters.getByText('to must not be before from')).toBeVisible();
  await expect(audit.field('To (UTC)')).toBeFocused();
  await audit.field('From (UTC)').fill('');
  await audit.field('To (UTC)').fill('');
  await audit.field('Event type').fill('tenancy.');
  await audit.applyButton.click();
  await expect(page).toHaveURL(/type=tenancy\./);
  await expect(audit.rows.filter({ hasText: 'tenancy.community_created' }).first()).toBeVisible();
  await expect(audit.rows.filter({ hasNotText: 'tenancy.' })).toHaveCount(0);
  await audit.rows.first().getByRole('button', { name: /^Details/ }).click();
  await expect(audit.details.first()).toContainText('User agent');
  await expect(audit.details.first()).toContainText('"rpId"');
  await screenshot(page, 'admin-audit', { phone: true });

  const [download] = await Promise.all([page.waitForEvent('download'), audit.exportCsv.click()]);
  expect(download.suggestedFilename()).toMatch(/^latchkey-audit-\d{8}T\d{6}Z\.csv$/);
  const csv = await download.createReadStream().then(async (s) => {
    let text = '';
    for await (const chunk of s) text += String(chunk);
    return text;
  });
  expect(csv.split('\r\n')[0]).toBe('at,id,type,result,actor,subject,tenantId,communityId,ip,userAgent,detail');
  expect(csv).toContain('tenancy.community_created');
  // The export is in the log.
  await audit.goto('?type=audit.');
  await expect(audit.rows.first()).toContainText('audit.exported');
});
