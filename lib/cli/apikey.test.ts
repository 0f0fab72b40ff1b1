import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../crypto/tokens';
import { createDb } from '../db';
import { parseConfig, setConfigForTests } from '../config';
import { runCliCaptured } from './test-support';

const PUBLIC_URL = 'https://id.example.com';
let dir: string;

const run = runCliCaptured;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'latchkey-cli-apikey-'));
  setConfigForTests(parseConfig({ LATCHKEY_DATA_DIR: dir, LATCHKEY_PUBLIC_URL: PUBLIC_URL }));
});
afterAll(() => {
  setConfigForTests(undefined);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('apikey usage errors (exit 2, nothing touched)', () => {
  it.each([
    [['apikey'], /missing subcommand for "apikey" \(expected create, revoke, list\)/],
    [['apikey', 'create', '--origin', 'https://id.example.com'], /missing required option --community/],
    [['apikey', 'create', '--community', 'c'], /missing required option --origin/],
    [['apikey', 'create', '--community', 'c', '--origin', 'https://id.example.com', '--level', 'x'], /unknown option --level/],
    [['apikey', 'revoke'], /missing argument <id>/],
    [['apikey', 'list', 'extra'], /unexpected argument "extra"/],
  ])('%j → %s', async (argv, message) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/Usage:/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('is listed in the help', async () => {
    const r = await run('help');
    for (const name of ['apikey create', 'apikey revoke', 'apikey list']) expect(r.stdout).toContain(`  ${name} `);
    expect((await run('help', 'apikey', 'create')).stdout).toMatch(/^Usage: npx latchkey apikey create --community <id> --origin <origin>\.\.\./);
  });
});

describe('apikey commands on a data folder', () => {
  let communityId: string;
  let keyId: string;
  let key: string;

  it('apikey list on a fresh folder says how to create one', async () => {
    const r = await run('apikey', 'list');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^No API keys yet\. Create one: npx latchkey apikey create/);
    const info = JSON.parse((await run('info', '--json')).stdout) as { tenants: Array<{ communities: Array<{ id: string }> }> };
    communityId = info.tenants[0]!.communities[0]!.id;
  });

  it('apikey create --json prints the key once, with the warning on stderr; only the hash is stored', async () => {
    const r = await run('apikey', 'create', '--community', communityId, '--origin', `${PUBLIC_URL}/`, '--label', 'shop', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/shown only once/);
    const out = JSON.parse(r.stdout) as { key: string; apiKey: Record<string, unknown> };
    expect(out.key).toMatch(/^lkk_[A-Za-z0-9_-]{43}$/);
    expect(out.apiKey).toMatchObject({ communityId, allowedOrigins: [PUBLIC_URL], label: 'shop', status: 'active', keyPrefix: out.key.slice(0, 12) });
    keyId = String(out.apiKey.id);
    key = out.key;
    const db = createDb(`file:${path.join(dir, 'latchkey.db')}`);
    try {
      expect((await db.apiKey.findUniqueOrThrow({ where: { id: keyId } })).secretHash).toBe(hashSecret(key));
    } finally {
      await db.$disconnect();
    }
  });

  it('apikey create prints the key with a warning', async () => {
    const r = await run('apikey', 'create', '--community', communityId, '--origin', PUBLIC_URL);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Created API key \\w+ \\(community ${communityId}, origins ${PUBLIC_URL}\\)\\.\\n\\n {2}lkk_[A-Za-z0-9_-]{43}\\n\\nStore this key now`));
  });

  it.each([
    [['--community', 'nope', '--origin', PUBLIC_URL], 'Community not found. (tenancy.community_not_found)'],
    [['--community', '__C__', '--origin', 'http://id.example.com'], '(tenancy.invalid_origin)'],
    [['--community', '__C__', '--origin', 'https://evil.example'], '(apikeys.origin_not_in_community)'],
  ])('apikey create %j fails with exit 1', async (args, message) => {
    const r = await run('apikey', 'create', ...args.map((a) => (a === '__C__' ? communityId : a)));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });

  it('apikey list shows prefixes and status, never keys', async () => {
    const list = JSON.parse((await run('apikey', 'list', '--json')).stdout) as Array<Record<string, unknown>>;
    expect(list).toHaveLength(2);
    expect(list[0]).toMatchObject({ id: keyId, status: 'active', label: 'shop' });
    const human = await run('apikey', 'list', '--community', communityId);
    expect(human.stdout).toMatch(/^ID\s+KEY\s+COMMUNITY\s+ORIGINS\s+STATUS\s+LAST USED\s+LABEL\n/);
    expect(human.stdout).toContain(`${key.slice(0, 12)}…`);
    for (const out of [human.stdout, JSON.stringify(list)]) expect(out).not.toContain(key);
    expect(JSON.parse((await run('apikey', 'list', '--community', 'other', '--json')).stdout)).toEqual([]);
  });

  it('apikey revoke revokes once; again is harmless; unknown ids fail', async () => {
    const r = await run('apikey', 'revoke', keyId);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^API key ${keyId} \\(lkk_\\S+…\\) is revoked since \\d{4}-`));
    const again = JSON.parse((await run('apikey', 'revoke', keyId, '--json')).stdout) as Record<string, unknown>;
    expect(again).toMatchObject({ id: keyId, status: 'revoked' });
    const missing = await run('apikey', 'revoke', 'nope');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('API key not found. (apikeys.not_found)');
  });
});
