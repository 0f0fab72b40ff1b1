import { expect } from 'vitest';
import type { TDb } from '../../lib/db';
import { ERROR_CATALOG, type TErrorCode } from '../../lib/errors';
import type { TAdminResponse } from './admin-client';

/**
 * Assertions shared by the console's API tests (and the outsider specs other pages add): an error
 * answer in the console's format, and "nothing changed" snapshots.
 */

/** An answer in the console's error format with exactly this status and code, not cached, no session cookie set. */
export function expectAdminError(res: TAdminResponse<unknown>, status: number, code: TErrorCode): void {
  expect({ status: res.status, body: res.body }).toMatchObject({ status, body: { error: { code } } });
  const error = (res.body as { error: Record<string, unknown> }).error;
  expect(Object.keys(error).filter((k) => k !== 'fields')).toEqual(['code', 'message']);
  if (code === 'request.validation_failed') expect(error.message).toMatch(/^Validation error/);
  else expect(error.message).toBe(ERROR_CATALOG[code].message);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(res.setCookies.filter((c) => /lk_admin_session=[^;]/.test(c))).toEqual([]);
}

/** Everything about the administrators a refused request must leave as it was. */
export async function consoleState(db: TDb) {
  const [admins, invitations, passkeys, sessions] = await Promise.all([
    db.admin.findMany({ orderBy: { id: 'asc' } }),
    db.adminSetupToken.findMany({ orderBy: { id: 'asc' } }),
    db.passkey.findMany({ where: { community: { purpose: 'console' } }, select: { id: true, userId: true, name: true, signCount: true }, orderBy: { id: 'asc' } }),
    db.session.findMany({ where: { community: { purpose: 'console' } }, select: { id: true, revokedAt: true }, orderBy: { id: 'asc' } }),
  ]);
  return { admins, invitations, passkeys, sessions };
}

/** Runs `act`, asserts the refusal in the console's format, and that the console's state did not change. */
export async function expectRefusedUnchanged(db: TDb, act: () => Promise<TAdminResponse<unknown>>, status: number, code: TErrorCode): Promise<void> {
  const before = await consoleState(db);
  expectAdminError(await act(), status, code);
  expect(await consoleState(db)).toEqual(before);
}
