import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import type { TAdminDto, TInvitationDto } from '@/lib/admin/admin-dto';
import { ERROR_CATALOG } from '@/lib/errors';
import type { TUserStatus, TUserStatusInput } from '@/lib/users/admin-user-schema';
import { ApiError, NetworkError, requestJson } from '@/components/passkey/api';

/**
 * Typed client of the console's JSON endpoints (`/admin/api/...`) and of its next-auth sign-in
 * (`/api/auth`), for client components. Errors are ApiError `{status, code, message, fields}`
 * (the console's format), so forms can put `fields` next to their fields.
 */

export { ApiError, NetworkError };

const API = '/admin/api';

/** The console's sign-in page. */
export const ADMIN_SIGN_IN_PATH = '/admin/sign-in';

/**
 * A full page load (not a client-side navigation): after signing in or out, every console page
 * must be rendered again with the new cookie, and no cached one may survive.
 */
export function fullPageLoad(path: string): void {
  window.location.assign(path);
}

/** The session is gone: to the sign-in page. */
export function goToSignIn(): void {
  fullPageLoad(ADMIN_SIGN_IN_PATH);
}

export const adminApi = {
  signInOptions: (body: { username?: string }) => requestJson<{ options: PublicKeyCredentialRequestOptionsJSON }>(`${API}/session/options`, { method: 'POST', body }),
  setupOptions: (body: { token: string; username: string; displayName: string }) => requestJson<{ options: PublicKeyCredentialCreationOptionsJSON }>(`${API}/setup/options`, { method: 'POST', body }),
  session: () => requestJson<{ admin: { id: string; username: string; displayName: string } }>(`${API}/session`, { method: 'GET' }),
  signOut: () => requestJson<{ redirectTo: string }>(`${API}/session/sign-out`, { method: 'POST', body: {} }),
  invite: (body: unknown) => requestJson<{ url: string; invitation: TInvitationDto }>(`${API}/invitations`, { method: 'POST', body }),
  revokeInvitation: (id: string) => requestJson<void>(`${API}/invitations/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  changeRole: (id: string, body: unknown) => requestJson<{ admin: TAdminDto }>(`${API}/admins/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
  removeAdmin: (id: string) => requestJson<void>(`${API}/admins/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  setUserStatus: (id: string, body: TUserStatusInput) => requestJson<{ status: TUserStatus; sessionsRevoked: number }>(`${API}/users/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
  deleteUser: (id: string) => requestJson<{ removed: { passkeys: number; devices: number; sessions: number } }>(`${API}/users/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  revokeUserPasskey: (userId: string, passkeyId: string) => requestJson<{ remaining: number }>(`${API}/users/${encodeURIComponent(userId)}/passkeys/${encodeURIComponent(passkeyId)}`, { method: 'DELETE' }),
};

/**
 * Posts to a next-auth credentials provider the way next-auth's own client does (CSRF token from
 * `/api/auth/csrf`, a form post with `json=true`) and reads the outcome from the answer's `url`:
 * a failure carries the catalog code in its `error` parameter. The session cookie is set by the
 * answer (HttpOnly: never visible here).
 * @throws ApiError (the refusal, with the catalog's message) or NetworkError
 */
export async function nextAuthSignIn(provider: 'passkey' | 'passkey-setup', fields: Record<string, string>): Promise<void> {
  let res: Response;
  try {
    const { csrfToken } = await requestJson<{ csrfToken: string }>('/api/auth/csrf', { method: 'GET' });
    res = await fetch(`/api/auth/callback/${provider}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ ...fields, csrfToken, callbackUrl: '/admin', json: 'true' }),
    });
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw new NetworkError(e);
  }
  const body = (await res.json().catch(() => undefined)) as { url?: unknown; error?: { code?: string; message?: string } } | undefined;
  if (body?.error?.code) throw new ApiError(res.status, body.error.code, body.error.message ?? 'Sign-in failed.');
  const url = typeof body?.url === 'string' ? new URL(body.url, window.location.origin) : undefined;
  const code = url?.searchParams.get('error') ?? (url?.searchParams.get('csrf') ? 'auth.forbidden' : !res.ok || !url ? 'service.internal' : undefined);
  if (code) {
    const message = code in ERROR_CATALOG ? ERROR_CATALOG[code as keyof typeof ERROR_CATALOG].message : 'Sign-in failed. Try again.';
    throw new ApiError(res.ok ? 401 : res.status, code, message);
  }
}
