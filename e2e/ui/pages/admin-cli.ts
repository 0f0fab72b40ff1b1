import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * The operator CLI (`npx latchkey …`) against the UI test server's data folder: setup links,
 * tenants and communities for the console's browser tests.
 */
function latchkey(...args: string[]): unknown {
  const dataDir = process.env.LATCHKEY_E2E_DATA_DIR;
  const baseURL = process.env.LATCHKEY_E2E_BASE_URL;
  if (!dataDir || !baseURL) throw new Error('LATCHKEY_E2E_DATA_DIR / LATCHKEY_E2E_BASE_URL are not set (the UI global setup sets them)');
  const cli = spawnSync(process.execPath, ['bin/latchkey.mjs', ...args, '--json'], {
    env: { ...process.env, LATCHKEY_DATA_DIR: dataDir, DATABASE_URL: `file:${path.join(dataDir, 'latchkey.db')}`, LATCHKEY_PUBLIC_URL: new URL(baseURL).origin },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (cli.status !== 0) throw new Error(`latchkey ${args.join(' ')} failed (${cli.status}):\n${cli.stdout}\n${cli.stderr}`);
  return JSON.parse(cli.stdout);
}

/** A fresh one-time setup link (a system admin's unless told otherwise). */
export function setupLink(options: { role?: 'system' | 'tenant' | 'community'; tenantId?: string; communityIds?: string[] } = {}): string {
  const args = ['admin', 'setup-link', '--role', options.role ?? 'system'];
  if (options.tenantId) args.push('--tenant', options.tenantId);
  for (const c of options.communityIds ?? []) args.push('--community', c);
  return (latchkey(...args) as { url: string }).url;
}

/** A tenant with communities on the test server's origin (names made unique). */
export function tenantWithCommunities(name: string, communities: string[]): { id: string; name: string; communities: Record<string, string> } {
  const unique = `${name} ${Date.now().toString(36).slice(-4)}${Math.random().toString(36).slice(2, 5)}`;
  const tenant = latchkey('tenant', 'create', '--name', unique) as { id: string };
  const origin = new URL(process.env.LATCHKEY_E2E_BASE_URL!).origin;
  const ids: Record<string, string> = {};
  for (const c of communities) ids[c] = (latchkey('community', 'create', '--tenant', tenant.id, '--name', c, '--rp-id', new URL(origin).hostname, '--origin', origin) as { id: string }).id;
  return { id: tenant.id, name: unique, communities: ids };
}
