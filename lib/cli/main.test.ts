import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, setConfigForTests } from '../config';
import { createDb } from '../db';
import { enrollTestAdmin } from '../admin/test-support';
import { runCliCaptured } from './test-support';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PUBLIC_URL = 'https://id.example.com';

const tmpDirs: string[] = [];
function freshDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'latchkey-cli-'));
  tmpDirs.push(dir);
  return dir;
}

/** Points the CLI at a data folder, as LATCHKEY_DATA_DIR would. */
function useDataDir(dir: string): void {
  setConfigForTests(parseConfig({ LATCHKEY_DATA_DIR: dir, LATCHKEY_PUBLIC_URL: PUBLIC_URL }));
}

const run = runCliCaptured;

/** Runs a `--json` command that must succeed; returns the parsed stdout. */
async function runJson<T = Record<string, unknown>>(...argv: string[]): Promise<T> {
  const r = await run(...argv, '--json');
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as T;
}

afterAll(() => {
  setConfigForTests(undefined);
  for (const dir of tmpDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('usage errors (exit 2, nothing touched)', () => {
  let dir: string;
  beforeAll(() => {
    dir = freshDataDir();
    useDataDir(dir);
  });

  it.each([
    [[], /missing command/],
    [['bogus'], /unknown command "bogus"/],
    [['--json'], /expected a command before "--json"/],
    [['license'], /missing subcommand for "license" \(expected create, revoke, list\)/],
    [['license', 'burn'], /unknown subcommand "burn" for "license"/],
    [['info', '--verbose'], /unknown option --verbose/],
    [['info', 'extra'], /unexpected argument "extra"/],
    [['tenant', 'create'], /missing required option --name/],
    [['tenant', 'create', '--name'], /argument missing/],
    [['community', 'create', '--tenant', 't', '--name', 'n', '--rp-id', 'example.com'], /missing required option --origin/],
    [['license', 'create', '--community', 'c'], /missing required option --level/],
    [['license', 'create', '--level', 'app'], /missing required option --community/],
    [['license', 'revoke'], /missing argument <id>/],
    [['license', 'list', '--all'], /unknown option --all/],
    [['admin', 'setup-link', 'now'], /unexpected argument "now"/],
    [['admin', 'setup-link', '--role', 'owner'], /--role must be one of system, tenant, community/],
    [['admin', 'setup-link', '--role', 'tenant'], /--role tenant needs --tenant <id>/],
    [['admin', 'setup-link', '--role', 'community', '--tenant', 't'], /--role community needs at least one --community <id>/],
    [['admin', 'setup-link', '--tenant', 't'], /--tenant and --community go with --role tenant or community/],
    [['admin', 'setup-link', '--role', 'tenant', '--tenant', 't', '--community', 'c'], /--community goes with --role community/],
    [['admin', 'list', '--all'], /unknown option --all/],
    [['db', 'migrate', '--force'], /unknown option --force/],
    [['help', 'nothing'], /unknown command "nothing"/],
  ])('%j → %s', async (argv, message) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/Usage:/);
  });

  it('names the command in the usage it prints', async () => {
    const r = await run('license', 'create', '--level', 'app');
    expect(r.stderr).toContain('Usage: npx latchkey license create --level system|service|service_ext|app|app_ext --community <id>...');
  });

  it('does not create or migrate a database on a usage error', () => {
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('help (exit 0)', () => {
  it('lists every command', async () => {
    for (const argv of [['help'], ['--help'], ['-h']]) {
      const r = await run(...argv);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      for (const name of ['info', 'tenant create', 'community create', 'license create', 'license revoke', 'license list', 'admin setup-link', 'admin list', 'db migrate']) {
        expect(r.stdout).toContain(`  ${name} `);
      }
    }
  });

  it('shows one command or one group', async () => {
    expect((await run('help', 'community', 'create')).stdout).toMatch(/^Usage: npx latchkey community create --tenant <id>/);
    expect((await run('community', 'create', '--help')).stdout).toMatch(/^Usage: npx latchkey community create /);
    const group = await run('help', 'license');
    expect(group.code).toBe(0);
    expect(group.stdout).toContain('npx latchkey license revoke <id>');
  });
});

describe('commands on a data folder', () => {
  let dir: string;
  let defaultTenantId: string;
  let defaultCommunityId: string;
  beforeAll(() => {
    dir = freshDataDir();
    useDataDir(dir);
  });

  it('db migrate on a fresh folder applies the migrations, then finds nothing to do', async () => {
    const first = await run('db', 'migrate', '--json');
    expect(first.code).toBe(0);
    const parsed = JSON.parse(first.stdout) as { databaseProvider: string; applied: string[] };
    expect(parsed.databaseProvider).toBe('sqlite');
    expect(parsed.applied.length).toBeGreaterThan(0);
    expect(parsed.applied.every((m) => /^\d{14}_\w+$/.test(m))).toBe(true);
    // The first command on a fresh folder bootstraps it and says so on stderr, not stdout.
    expect(first.stderr).toMatch(/first run: created the default tenant/);
    expect(first.stderr).toContain(`one-time admin setup link (valid 24 h): ${PUBLIC_URL}/admin/setup?token=`);
    expect(fs.existsSync(path.join(dir, 'latchkey.db'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'kek.key'))).toBe(true);

    expect(await runJson('db', 'migrate')).toEqual({ databaseProvider: 'sqlite', applied: [] });
    const human = await run('db', 'migrate');
    expect(human).toEqual({ code: 0, stdout: 'The sqlite database is up to date.\n', stderr: '' });
  });

  it('info --json describes the service and the default tenant', async () => {
    const result = await runJson<{
      version: string; publicUrl: string; databaseProvider: string; dataDir: string; servicePublicKey: string;
      tenants: Array<{ id: string; name: string; isDefault: boolean; dnsNames: string[]; communities: Array<Record<string, unknown>> }>;
    }>('info');
    expect(result).toMatchObject({ publicUrl: PUBLIC_URL, databaseProvider: 'sqlite', dataDir: dir, version: expect.any(String) });
    expect(Buffer.from(result.servicePublicKey, 'base64')).toHaveLength(64);
    expect(result.tenants).toHaveLength(1);
    const [tenant] = result.tenants;
    expect(tenant).toMatchObject({ name: 'Default', isDefault: true, dnsNames: ['id.example.com'] });
    expect(tenant?.communities).toEqual([
      expect.objectContaining({ name: 'Default', isDefault: true, rpId: 'id.example.com', origins: [PUBLIC_URL], tenantId: tenant?.id }),
    ]);
    defaultTenantId = tenant?.id ?? '';
    defaultCommunityId = String(tenant?.communities[0]?.id);
  });

  it('info prints a readable summary; the bootstrap does not run twice', async () => {
    const r = await run('info');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`Public URL:          ${PUBLIC_URL}`);
    expect(r.stdout).toContain('Database:            sqlite');
    expect(r.stdout).toContain(`Default  id=${defaultTenantId}  (default)`);
    expect(r.stdout).toContain(`community Default  id=${defaultCommunityId}  (default)`);
  });

  let tenantId: string;
  it('tenant create', async () => {
    const tenant = await runJson('tenant', 'create', '--name', 'Acme', '--dns', 'acme.example', '--dns', 'Login.Acme.example');
    expect(tenant).toEqual({ id: expect.any(String), name: 'Acme', dnsNames: ['acme.example', 'login.acme.example'], isDefault: false, createdAt: expect.any(String) });
    tenantId = String(tenant.id);
    const human = await run('tenant', 'create', '--name', 'Globex');
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^Created tenant "Globex" \(id \w+\)\./);
  });

  let communityId: string;
  it('community create', async () => {
    const community = await runJson(
      'community', 'create', '--tenant', tenantId, '--name', 'Shop', '--rp-id', 'acme.example',
      '--origin', 'https://acme.example', '--origin', 'https://shop.acme.example/', '--rp-name', 'Acme Shop',
      '--user-verification', 'required', '--attestation', 'direct',
    );
    expect(community).toMatchObject({
      tenantId, name: 'Shop', rpId: 'acme.example', rpName: 'Acme Shop', isDefault: false,
      origins: ['https://acme.example', 'https://shop.acme.example'], userVerification: 'required', attestation: 'direct',
    });
    communityId = String(community.id);
    const human = await run('community', 'create', '--tenant', tenantId, '--name', 'Mobile', '--rp-id', 'acme.example', '--origin', 'https://m.acme.example');
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^Created community "Mobile" \(id \w+\) in tenant /);

    const info = await runJson<{ tenants: Array<{ id: string; communities: Array<{ name: string }> }> }>('info');
    expect(info.tenants.find((t) => t.id === tenantId)?.communities.map((c) => c.name)).toEqual(['Shop', 'Mobile']);
  });

  it.each([
    [['--tenant', 'nope', '--name', 'X', '--rp-id', 'acme.example', '--origin', 'https://acme.example'], 'Tenant not found. (tenancy.tenant_not_found)'],
    [['--name', 'X', '--rp-id', 'acme.example', '--origin', 'http://acme.example'], 'Each origin must be an https:// origin'],
    [['--name', 'X', '--rp-id', 'other.example', '--origin', 'https://acme.example'], '(tenancy.invalid_rp_id)'],
    [['--name', 'Shop', '--rp-id', 'acme.example', '--origin', 'https://acme.example'], '(tenancy.community_exists)'],
    [['--name', 'X', '--rp-id', 'acme.example', '--origin', 'https://acme.example', '--attestation', 'indirect'], 'Validation error: attestation:'],
  ])('community create %j fails with exit 1', async (args, message) => {
    const argv = args.includes('--tenant') ? args : ['--tenant', tenantId, ...args];
    const r = await run('community', 'create', ...argv);
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toContain(message);
  });

  let licenseId: string;
  let licenseKey: string;
  it('license create --json prints the key once, with the warning on stderr', async () => {
    const r = await run('license', 'create', '--level', 'app', '--community', communityId, '--label', 'shop backend', '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/shown only once/);
    const out = JSON.parse(r.stdout) as { key: string; license: Record<string, unknown> };
    expect(out.key).toMatch(/^lk_[A-Za-z0-9_-]{43}$/);
    expect(out.license).toEqual({
      id: expect.any(String), tenantId: null, keyPrefix: out.key.slice(0, 11), authLevel: 'app', communityIds: [communityId],
      label: 'shop backend', status: 'active', createdAt: expect.any(String), lastUsedAt: null, revokedAt: null,
    });
    licenseId = String(out.license.id);
    licenseKey = out.key;
  });

  it('license create prints the key with a warning', async () => {
    const r = await run('license', 'create', '--level', 'system');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Created license \w+ \(level system, communities \(all\)\)\.\n\n {2}lk_[A-Za-z0-9_-]{43}\n\n/);
    expect(r.stdout).toMatch(/Store this key now: it is shown only once/);
    const scoped = await run('license', 'create', '--level', 'service_ext', '--tenant', tenantId, '--community', communityId, '--json');
    expect(scoped.code).toBe(0);
    expect(JSON.parse(scoped.stdout)).toMatchObject({ license: { tenantId, authLevel: 'service_ext' } });
  });

  it.each([
    [['--level', 'root', '--community', 'x'], '(licenses.invalid_auth_level)'],
    [['--level', 'app', '--community', 'nope'], 'Community not found. (tenancy.community_not_found)'],
    [['--level', 'app', '--community', 'x', '--tenant', 'nope'], '(tenancy.tenant_not_found)'],
    [['--level', 'system', '--tenant', 'nope'], 'Validation error: communityIds: a tenant license must name at least one community'],
  ])('license create %j fails with exit 1', async (args, message) => {
    const r = await run('license', 'create', ...args);
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toContain(message);
  });

  it('license list shows prefixes and status, never keys', async () => {
    const list = await runJson<Array<Record<string, unknown>>>('license', 'list');
    expect(list).toHaveLength(3);
    expect(list[0]).toMatchObject({ id: licenseId, status: 'active', label: 'shop backend' });
    expect(JSON.stringify(list)).not.toContain(licenseKey);
    const human = await run('license', 'list');
    expect(human.code).toBe(0);
    expect(human.stdout.split('\n')[0]).toMatch(/^ID\s+KEY\s+LEVEL\s+COMMUNITIES\s+STATUS\s+LAST USED\s+LABEL$/);
    expect(human.stdout).toContain(`${licenseKey.slice(0, 11)}…`);
    expect(human.stdout).not.toContain(licenseKey);
  });

  it('license revoke, twice, then unknown id', async () => {
    const revoked = await runJson('license', 'revoke', licenseId);
    expect(revoked).toMatchObject({ id: licenseId, status: 'revoked', revokedAt: expect.any(String) });
    const again = await run('license', 'revoke', licenseId);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(`License ${licenseId} (${licenseKey.slice(0, 11)}…) is revoked since ${String(revoked.revokedAt)}.\n`);
    const list = await runJson<Array<{ id: string; status: string }>>('license', 'list');
    expect(list.find((l) => l.id === licenseId)?.status).toBe('revoked');

    const unknown = await run('license', 'revoke', 'nope');
    expect(unknown).toEqual({ code: 1, stdout: '', stderr: 'latchkey: License not found. (licenses.not_found)\n' });
  });

  it('admin setup-link prints a fresh one-time link for the public URL', async () => {
    const link = await runJson<{ url: string; expiresAt: string }>('admin', 'setup-link');
    expect(link.url).toMatch(new RegExp(`^${PUBLIC_URL}/admin/setup\\?token=[A-Za-z0-9_-]{43}$`));
    expect(new Date(link.expiresAt).getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);
    const human = await run('admin', 'setup-link');
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(new RegExp(`\\n {2}${PUBLIC_URL}/admin/setup\\?token=[A-Za-z0-9_-]{43}\\n`));
    expect(human.stdout).not.toContain(link.url);
  });

  it('admin setup-link --role tenant|community invites within a tenant', async () => {
    const tenantLink = await runJson<{ url: string; invitation: Record<string, unknown> }>('admin', 'setup-link', '--role', 'tenant', '--tenant', tenantId, '--label', 'Acme IT');
    expect(tenantLink.invitation).toMatchObject({ role: 'tenant', tenant: { id: tenantId, name: 'Acme' }, communities: [], label: 'Acme IT', createdBy: 'cli' });
    const communityLink = await runJson<{ url: string; invitation: Record<string, unknown> }>('admin', 'setup-link', '--role', 'community', '--community', communityId);
    expect(communityLink.invitation).toMatchObject({ role: 'community', tenant: { id: tenantId }, communities: [{ id: communityId, name: 'Shop' }] });
    const human = await run('admin', 'setup-link', '--role', 'community', '--community', communityId);
    expect(human.stdout).toMatch(/^One-time admin setup link for a community admin of Shop \(valid until /);
    for (const [args, message] of [
      [['--role', 'tenant', '--tenant', 'nope'], '(tenancy.tenant_not_found)'],
      [['--role', 'community', '--community', 'nope'], '(tenancy.community_not_found)'],
      [['--role', 'community', '--community', communityId, '--community', defaultCommunityId], 'Validation error: communityIds'],
    ] as const) {
      const r = await run('admin', 'setup-link', ...args);
      expect(r).toMatchObject({ code: 1, stdout: '' });
      expect(r.stderr).toContain(message);
    }
  });

  it('admin list shows the administrators', async () => {
    expect(await run('admin', 'list')).toEqual({ code: 0, stdout: 'No administrators yet. Create the first one: npx latchkey admin setup-link\n', stderr: '' });
    const link = await runJson<{ url: string }>('admin', 'setup-link', '--role', 'community', '--community', communityId);
    const db = createDb(`file:${path.join(dir, 'latchkey.db')}`);
    try {
      await enrollTestAdmin(db, { role: 'community', tenantId, communityIds: [communityId] }, { link: link.url, username: 'shopkeeper' });
    } finally {
      await db.$disconnect();
    }
    const list = await runJson<Array<Record<string, unknown>>>('admin', 'list');
    expect(list).toEqual([expect.objectContaining({ username: 'shopkeeper', role: 'community', communities: [{ id: communityId, name: 'Shop' }], passkeyCount: 1 })]);
    expect(list[0]).not.toHaveProperty('isYou');
    const human = await run('admin', 'list');
    expect(human.stdout.split('\n')[0]).toMatch(/^ID\s+USERNAME\s+NAME\s+ROLE\s+SCOPE\s+PASSKEYS\s+LAST SIGN-IN$/);
    expect(human.stdout).toMatch(/shopkeeper\s+Test shopkeeper\s+community\s+Shop\s+1\s+\d{4}-/);
  });
});

/** Runs bin/latchkey.mjs in a child process with only the given variables in its environment. */
function spawnCli(args: string[], options: { cwd: string; env: Record<string, string> }) {
  return promisify(execFile)(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'latchkey.mjs'), ...args], {
    cwd: options.cwd,
    env: { NODE_ENV: 'test', ...options.env },
  });
}

describe('bin/latchkey.mjs', () => {
  it('runs `info --json` in a child process against LATCHKEY_DATA_DIR', async () => {
    const dir = freshDataDir();
    // A minimal environment on purpose: the CLI must not depend on anything else being set.
    const { stdout, stderr } = await spawnCli(['info', '--json'], {
      cwd: os.tmpdir(),
      env: { LATCHKEY_DATA_DIR: dir, LATCHKEY_PUBLIC_URL: 'https://login.example.org' },
    });
    const out = JSON.parse(stdout) as { publicUrl: string; databaseProvider: string; dataDir: string; tenants: Array<{ communities: Array<{ rpId: string }> }> };
    expect(out).toMatchObject({ publicUrl: 'https://login.example.org', databaseProvider: 'sqlite', dataDir: dir });
    expect(out.tenants[0]?.communities[0]?.rpId).toBe('login.example.org');
    expect(stderr).toMatch(/first run/);
  });

  it('exits with 1 and names the variable on a configuration error', async () => {
    const child = spawnCli(['info'], { cwd: PROJECT_ROOT, env: { LATCHKEY_DATA_DIR: freshDataDir(), LATCHKEY_PUBLIC_URL: 'ftp://x' } });
    await expect(child).rejects.toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/Invalid configuration:\n\s+- LATCHKEY_PUBLIC_URL: /) });
  });

  it('exits with 2 on a usage error', async () => {
    const child = spawnCli(['frobnicate'], { cwd: PROJECT_ROOT, env: { LATCHKEY_DATA_DIR: freshDataDir() } });
    await expect(child).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('unknown command "frobnicate"') });
  });
});
