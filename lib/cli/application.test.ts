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
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'latchkey-cli-application-'));
  setConfigForTests(parseConfig({ LATCHKEY_DATA_DIR: dir, LATCHKEY_PUBLIC_URL: PUBLIC_URL }));
});
afterAll(() => {
  setConfigForTests(undefined);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('application usage errors (exit 2, nothing touched)', () => {
  it.each([
    [['application'], /missing subcommand for "application" \(expected create, list, key\)/],
    [['application', 'create', '--name', 'Shop'], /missing required option --community/],
    [['application', 'create', '--community', 'c'], /missing required option --name/],
    [['application', 'create', '--community', 'c', '--name', 'n', '--token-ttl', '1h'], /--token-ttl must be a number of seconds/],
    [['application', 'key'], /missing argument <applicationId>/],
  ])('%j → %s', async (argv, message) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('application commands on a data folder', () => {
  it('creates an application, lists it and makes a management key shown once', async () => {
    const empty = await run('application', 'list');
    expect(empty.code, empty.stderr).toBe(0);
    expect(empty.stdout).toContain('No applications yet');
    const info = JSON.parse((await run('info', '--json')).stdout) as { tenants: Array<{ communities: Array<{ id: string; isDefault: boolean }> }> };
    const communityId = info.tenants.flatMap((t) => t.communities).find((c) => c.isDefault)!.id;

    const created = await run('application', 'create', '--community', communityId, '--name', 'Shop', '--origin', PUBLIC_URL, '--no-sign-up', '--token-ttl', '900', '--json');
    expect(created.code, created.stderr).toBe(0);
    const app = JSON.parse(created.stdout) as { id: string };
    expect(app).toMatchObject({ communityId, name: 'Shop', origins: [PUBLIC_URL], allowSignUp: false, tokenTtlSeconds: 900, status: 'active' });

    const listed = await run('application', 'list');
    expect(listed.stdout).toMatch(new RegExp(`${app.id}\\s+Shop\\s+${communityId}\\s+${PUBLIC_URL}\\s+no\\s+900s\\s+active`));

    const keyed = await run('application', 'key', app.id, '--json');
    expect(keyed.code, keyed.stderr).toBe(0);
    expect(keyed.stderr).toContain('shown only once');
    const { key, apiKey } = JSON.parse(keyed.stdout) as { key: string; apiKey: { id: string; applicationId: string } };
    expect(apiKey.applicationId).toBe(app.id);
    const db = createDb(`file:${path.join(dir, 'latchkey.db')}`);
    try {
      expect((await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).secretHash).toBe(hashSecret(key));
    } finally {
      await db.$disconnect();
    }
  });

  it('exits 1 with the public message for an unknown community or application', async () => {
    const a = await run('application', 'create', '--community', 'nope', '--name', 'X');
    expect(a).toMatchObject({ code: 1 });
    expect(a.stderr).toContain('(tenancy.community_not_found)');
    const b = await run('application', 'key', 'nope');
    expect(b).toMatchObject({ code: 1 });
    expect(b.stderr).toContain('(applications.not_found)');
  });
});
