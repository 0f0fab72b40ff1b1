import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from './fixtures';
import { setupLink, tenantWithCommunities } from './pages/admin-cli';
import { AdminSetupPage, uniqueAdmin } from './pages/admin-pages';
import { MetadataPage } from './pages/admin-metadata-pages';
import { screenshot } from './pages/screens';
import { createMdsTestCa, mdsPayload } from '../../lib/metadata/mds-test-support';

// The Authenticator metadata section in Chromium: a system admin creates and disables a record,
// imports an MDS3 BLOB (preview, then apply) and sets a community's AAGUID policy.

test('records, MDS import with preview, and an AAGUID policy', async ({ page, authenticator }) => {
  test.slow();
  expect(authenticator.authenticatorId).toBeTruthy();
  const acme = tenantWithCommunities('Acme', ['Web']);
  const ca = await createMdsTestCa('UI');
  // The server trusts the root in this file (e2e/support/server.ts sets LATCHKEY_MDS_ROOT_CERT_FILE).
  fs.writeFileSync(path.join(process.env.LATCHKEY_E2E_DATA_DIR!, 'mds-root.pem'), ca.rootPem);
  await new AdminSetupPage(page).enroll(setupLink(), uniqueAdmin('meta'));

  // Records: create one for a community, find it, disable it (confirmed).
  const metadata = new MetadataPage(page);
  await metadata.goto();
  const aaguid = crypto.randomUUID();
  await metadata.create({ appliesTo: `Web (${acme.name})`, aaguid: aaguid.toUpperCase(), name: 'Acme badge key' });
  await metadata.search.fill(aaguid.slice(0, 8));
  await expect(metadata.rows).toHaveCount(1);
  await metadata.row('Acme badge key').getByRole('button', { name: 'Disable Acme badge key' }).click();
  const confirm = page.getByRole('dialog', { name: 'Disable Acme badge key?' });
  await confirm.getByRole('button', { name: 'Disable record' }).click();
  await expect(metadata.row('Acme badge key')).toContainText('Disabled');
  await screenshot(page, 'admin-metadata-records', { phone: true });

  // MDS import: preview shows what changes; apply writes it.
  await metadata.tabs.getByRole('link', { name: 'MDS import' }).click();
  const a = crypto.randomUUID();
  const b = crypto.randomUUID();
  const jwt = await ca.sign(mdsPayload(77, [{ aaguid: a, description: 'MDS model A' }, { aaguid: b, description: 'MDS model B' }]));
  await page.getByLabel('MDS3 BLOB file').setInputFiles({ name: 'blob.jwt', mimeType: 'application/octet-stream', buffer: Buffer.from(jwt) });
  await page.getByRole('button', { name: 'Verify and preview' }).click();
  const summary = page.getByTestId('mds-summary');
  await expect(summary).toContainText('BLOB #77: what would change');
  await expect(page.getByTestId('mds-added')).toContainText('New models (2)');
  await screenshot(page, 'admin-metadata-import-preview', { phone: true });
  await page.getByRole('button', { name: 'Apply import' }).click();
  await page.getByRole('dialog', { name: 'Apply BLOB #77?' }).getByRole('button', { name: 'Apply import' }).click();
  await expect(summary).toContainText('BLOB #77 imported');

  // AAGUID policy: refuse model A at sign-in in Web.
  await metadata.tabs.getByRole('link', { name: 'AAGUID policy' }).click();
  await page.getByRole('combobox', { name: 'Community' }).selectOption({ label: `Web (${acme.name})` });
  const signIn = page.getByTestId('policy-authentication');
  await signIn.getByRole('radio', { name: /All except the listed/ }).check();
  await signIn.getByRole('combobox', { name: 'Add an authenticator' }).fill(a);
  await signIn.getByRole('button', { name: /^Add/ }).click();
  await expect(signIn).toContainText('MDS model A');
  await page.getByRole('button', { name: 'Save policy' }).click();
  await expect(metadata.console.toasts).toContainText('AAGUID policy of Web was saved');
  await screenshot(page, 'admin-metadata-policy', { phone: true });
});
