import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createPostgresDatabase, startTestServer } from '../support/server';

const SETUP_LINK = /http:\/\/localhost:\d+\/admin\/setup\?token=[A-Za-z0-9_-]{43}/;

describe('first run and restart on the embedded SQLite default', () => {
  it('bootstraps once, prints a setup link once, and keeps everything across a restart', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'latchkey-life-'));
    const first = await startTestServer({ dataDir });
    const key1 = (await (await fetch(`${first.baseUrl}/webauthn/publickeys`)).json()).publicKey;
    await new Promise((r) => setTimeout(r, 200));
    expect(first.output()).toMatch(SETUP_LINK);
    await first.stop();

    expect(fs.existsSync(path.join(dataDir, 'kek.key'))).toBe(true);
    const db = new Database(path.join(dataDir, 'latchkey.db'), { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('select count(*) n from Tenant').get()).toEqual({ n: 1 });
    const community = db.prepare('select rpId, origins from Community where isDefault = 1').get() as { rpId: string; origins: string };
    expect(community.rpId).toBe('localhost');
    expect(JSON.parse(community.origins)).toEqual([first.baseUrl]);
    expect(db.prepare('select count(*) n from SigningKey').get()).toEqual({ n: 1 });
    const sealed = db.prepare('select encryptedPrivateKey from ServiceKeyPair').get() as { encryptedPrivateKey: string };
    expect(sealed.encryptedPrivateKey).not.toMatch(/BEGIN/);
    db.close();

    const second = await startTestServer({ dataDir });
    const key2 = (await (await fetch(`${second.baseUrl}/webauthn/publickeys`)).json()).publicKey;
    await second.stop();
    expect(key2).toBe(key1);
    expect(second.output()).not.toMatch(SETUP_LINK);
    const again = new Database(path.join(dataDir, 'latchkey.db'), { readonly: true });
    expect(again.prepare('select count(*) n from Tenant').get()).toEqual({ n: 1 });
    expect(again.prepare('select count(*) n from ServiceKeyPair').get()).toEqual({ n: 1 });
    again.close();
  });

  it('refuses to start on invalid configuration, naming the variable', async () => {
    await expect(startTestServer({ env: { LATCHKEY_LOG_LEVEL: 'loud' }, timeoutMs: 20_000 })).rejects.toThrow(/LATCHKEY_LOG_LEVEL: must be one of/);
  });
});

describe('PostgreSQL', () => {
  it('serves, survives a restart, and answers 503 truthfully when the database goes away', async () => {
    const database = await createPostgresDatabase('latchkey_life');
    try {
      const first = await startTestServer({ databaseUrl: database.url });
      const key1 = (await (await fetch(`${first.baseUrl}/authn/healthz`)).json()).publicKey;
      await first.stop();

      const second = await startTestServer({ databaseUrl: database.url, dataDir: first.dataDir });
      const health = await fetch(`${second.baseUrl}/authn/healthz`);
      expect(health.status).toBe(200);
      expect((await health.json()).publicKey).toBe(key1);

      await database.drop();
      const down = await fetch(`${second.baseUrl}/webauthn/healthz`);
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ status: 'database unreachable', code: '503' });
      await second.stop();
    } finally {
      await database.drop();
    }
  });
});
