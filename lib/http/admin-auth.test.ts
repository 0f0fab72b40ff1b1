import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseConfig, setConfigForTests } from '../config';
import { loadKeyEncryptionKey } from '../crypto/kek';
import { adminAuthOptions, adminCookieNames } from './admin-auth';
import { safeConsolePath } from './admin-page';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'latchkey-auth-'));
const useUrl = (url: string) => setConfigForTests(parseConfig({ LATCHKEY_PUBLIC_URL: url, LATCHKEY_DATA_DIR: dataDir }));

afterAll(() => {
  setConfigForTests(undefined);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('next-auth options of the console', () => {
  it('uses Secure, __Host- cookies on an https public URL, plain ones on http://localhost', () => {
    useUrl('https://id.example.com');
    const secure = adminAuthOptions();
    expect(secure.useSecureCookies).toBe(true);
    expect(secure.cookies?.sessionToken).toEqual({ name: '__Host-lk_admin_session', options: { httpOnly: true, sameSite: 'lax', path: '/', secure: true } });
    expect(secure.cookies?.csrfToken?.name).toBe('__Host-lk_admin_csrf');
    useUrl('http://localhost:3000');
    const plain = adminAuthOptions();
    expect(plain.cookies?.sessionToken).toEqual({ name: 'lk_admin_session', options: { httpOnly: true, sameSite: 'lax', path: '/', secure: false } });
    expect(adminCookieNames(false).session).toBe('lk_admin_session');
  });

  it('derives the secret from the key-encryption key: stable, not the key itself, no setting needed', () => {
    useUrl('http://localhost:3000');
    const a = adminAuthOptions().secret;
    expect(a).toMatch(/^[\w-]{43}$/);
    expect(adminAuthOptions().secret).toBe(a);
    const kek = loadKeyEncryptionKey({ kekFromEnv: undefined, dataDir });
    expect(a).not.toBe(kek.toString('base64url'));
  });

  it('sessions last at most 8 hours; JWT strategy; the console pages for sign-in and errors', () => {
    useUrl('http://localhost:3000');
    const o = adminAuthOptions();
    expect(o.session).toEqual({ strategy: 'jwt', maxAge: 8 * 3600 });
    expect(o.pages).toEqual({ signIn: '/admin/sign-in', signOut: '/admin/sign-in', error: '/admin/sign-in' });
    expect(o.providers.map((p) => (p as { options?: { id?: string } }).options?.id)).toEqual(['passkey', 'passkey-setup']);
  });

  it('redirects only within this site', async () => {
    useUrl('https://id.example.com');
    const redirect = adminAuthOptions().callbacks!.redirect!;
    const r = (url: string) => redirect({ url, baseUrl: 'http://localhost:3000' });
    expect(await r('/admin/admins')).toBe('/admin/admins');
    expect(await r('https://id.example.com/admin?x=1')).toBe('/admin?x=1');
    for (const evil of ['https://evil.example/admin', '//evil.example/x', 'http://localhost:3000', 'javascript:alert(1)']) expect(await r(evil)).toBe('/admin');
  });
});

describe('safeConsolePath', () => {
  it('returns to console pages only', () => {
    expect(safeConsolePath('/admin/admins')).toBe('/admin/admins');
    expect(safeConsolePath(['/admin/users?q=ada', '/x'])).toBe('/admin/users?q=ada');
    for (const bad of [undefined, '', '/', '//evil.example', 'https://evil.example/admin', '/admin/../c/x', '/admin/sign-in', '/admin/api/admins', '/adminx', '/admin\\evil']) {
      expect(safeConsolePath(bad as string | undefined), String(bad)).toBeUndefined();
    }
  });
});
