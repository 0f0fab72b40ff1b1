import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { createDb, type TDb } from '../../lib/db';
import { createSetupLink } from '../../lib/admin/create-setup-link';
import type { TAdminDto, TInvitationDto } from '../../lib/admin/admin-dto';
import type { TPage } from '../../lib/admin/list-query';
import type { TScopeOptions } from '../../lib/admin/list-scope-options';
import type { TAdminRole } from '../../lib/admin/principal';
import type { TPasskeyDto } from '../../lib/passkeys/passkey-dto';
import type { TUserListItemDto, TUserOverviewDto } from '../../lib/users/admin-user-dto';
import type { TUserStatus } from '../../lib/users/admin-user-schema';
import type { TAaguidPolicyDto } from '../../lib/metadata/get-aaguid-policy';
import type { TMdsImportSummary } from '../../lib/metadata/import-mds-blob';
import type { TMetadataRecordDetailDto, TMetadataRecordDto } from '../../lib/metadata/metadata-record';
import type { TAuditPage } from '../../lib/audit/list-audit-events';
import type { TDashboard } from '../../lib/audit/get-dashboard';
import { createCommunity } from '../../lib/tenancy/create-community';
import { createTenant } from '../../lib/tenancy/create-tenant';
import { CookieJar, expectOk, type THostedResponse, type TRequestOptions } from './hosted-client';
import { createSoftAuthenticator, type TSoftAuthenticator } from './soft-authenticator';
import type { TAdminLicenseDto } from '../../lib/licenses/admin-license';
import type { TAdminApiKeyDto } from '../../lib/apikeys/admin-api-key';
import type { TAdminTransactionDto, TAdminTransactionRowDto } from '../../lib/transactions/admin-transactions';
import type { TAdminOutboxMessageDto, TAdminOutboxRowDto } from '../../lib/messaging/admin-outbox';
import type { TTenantListItem } from '../../lib/tenancy/admin-tenants';
import type { TCommunitySettingsDto } from '../../lib/tenancy/community-settings';
import type { TAdminApplicationDto } from '../../lib/applications/admin-applications';
import type { TApiKeyDto } from '../../lib/apikeys/api-key';

/**
 * A typed HTTP client for the admin console (`/admin/api/...` and the next-auth endpoints under
 * `/api/auth`) with a cookie jar, for API tests: it signs an administrator in the way the
 * console's pages do — options from the console, a real assertion or attestation from the software
 * authenticator, then next-auth's credentials callback with its CSRF token — and keeps the session
 * cookie. Like hosted-client, every call returns status, headers and body instead of throwing
 * (`expectOk` for happy paths), and POSTs carry `Origin: <baseUrl>` like a same-origin page.
 *
 * For outsider specs, `createAdminTestKit` makes administrators of any role and scope:
 *
 *   const kit = createAdminTestKit({ baseUrl: inject('baseUrl'), databaseUrl: inject('databaseUrl') });
 *   const acme = await kit.seedTenant('Acme', ['Web', 'Mobile']);
 *   const web = await kit.signInAs('community', { communityIds: [acme.communities.Web] });
 *   const res = await web.client.request('GET', `/admin/api/…/${otherCommunityId}`);   // expect 404
 *   await kit.close();
 */

/** The console's error format: `{error: {code, message, fields?}}`. */
export type TAdminErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };
export type TAdminResponse<T> = THostedResponse<T>;

export type TSessionBody = {
  admin: { id: string; username: string; displayName: string; role: TAdminRole; tenantId: string | null; communityIds: string[] };
  expiresAt: string;
  absoluteExpiresAt: string;
};

/** The answer of next-auth's credentials callback: `{url}`; a failure names the error code in `url`'s `error` parameter. */
export type TNextAuthCallbackBody = { url: string };

export type TAdminClientOptions = {
  baseUrl: string;
  /** Origin header on state-changing requests: default `baseUrl` (same-origin page); `null` sends none. */
  origin?: string | null;
  jar?: CookieJar;
};

export type TAdminClient = ReturnType<typeof createAdminClient>;

/** The error code of a next-auth callback answer (`undefined` when it signed in). */
export function nextAuthError(res: TAdminResponse<TNextAuthCallbackBody>): string | undefined {
  const url = (res.body as TNextAuthCallbackBody | undefined)?.url;
  if (typeof url !== 'string') return `http ${res.status}`;
  const parsed = new URL(url, 'http://x');
  return parsed.searchParams.get('error') ?? (parsed.searchParams.get('csrf') ? 'csrf' : undefined);
}

/** A console API path with a list query (`q`, `page`, filters). */
export function withQuery(path: string, query: Record<string, string | number>): string {
  const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
  return qs ? `${path}?${qs}` : path;
}

export function createAdminClient(options: TAdminClientOptions) {
  const jar = options.jar ?? new CookieJar();
  const origin = options.origin === undefined ? options.baseUrl : options.origin;
  const sessionCookieName = new URL(options.baseUrl).protocol === 'https:' ? '__Host-lk_admin_session' : 'lk_admin_session';

  /** Any request; `path` is absolute (`/admin/api/admins`) or relative to `/admin/api/`. */
  async function request<T>(method: string, path: string, init: TRequestOptions & { form?: Record<string, string> } = {}): Promise<TAdminResponse<T>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    let body: BodyInit | undefined = init.body;
    if (body === undefined && init.form !== undefined) {
      body = new URLSearchParams(init.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else if (body === undefined && init.json !== undefined) {
      body = JSON.stringify(init.json);
      headers['content-type'] = 'application/json';
    }
    if (origin && method !== 'GET' && method !== 'HEAD') headers.origin = origin;
    const cookie = init.noCookies ? undefined : jar.header();
    if (cookie) headers.cookie = cookie;
    for (const [name, value] of Object.entries(init.headers ?? {})) {
      if (value === null) delete headers[name.toLowerCase()];
      else headers[name.toLowerCase()] = value;
    }
    const url = path.startsWith('http') ? path : `${options.baseUrl}${path.startsWith('/') ? path : `/admin/api/${path}`}`;
    const res = await fetch(url, { method, headers, body, redirect: 'manual' });
    const setCookies = res.headers.getSetCookie();
    if (!init.noCookies) jar.store(setCookies);
    const text = await res.text();
    let parsed: unknown = undefined;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    return { status: res.status, ok: res.ok, headers: res.headers, setCookies, body: parsed as T | TAdminErrorBody | undefined, data: parsed as T };
  }

  /** next-auth's CSRF token (double-submit: the cookie goes into the jar). */
  async function csrfToken(): Promise<string> {
    return expectOk(await request<{ csrfToken: string }>('GET', '/api/auth/csrf')).csrfToken;
  }

  /** POST to a next-auth credentials provider, as the console's pages do. */
  async function credentialsCallback(provider: 'passkey' | 'passkey-setup', fields: Record<string, string>, init: { csrf?: string | null } = {}) {
    const csrf = init.csrf === undefined ? await csrfToken() : init.csrf;
    return request<TNextAuthCallbackBody>('POST', `/api/auth/callback/${provider}`, { form: { ...(csrf === null ? {} : { csrfToken: csrf }), ...fields, callbackUrl: '/admin', json: 'true' } });
  }

  const client = {
    baseUrl: options.baseUrl,
    /** The origin the console's pages run on (what a browser writes into clientDataJSON). */
    origin: options.baseUrl,
    jar,
    sessionCookieName,
    request,
    csrfToken,
    credentialsCallback,
    /** The session cookie's value (the encrypted next-auth JWT), if signed in. */
    sessionCookie: () => jar.get(sessionCookieName),

    signInOptions: (input: { username?: string } | Record<string, unknown> = {}, init?: TRequestOptions) =>
      request<{ options: PublicKeyCredentialRequestOptionsJSON }>('POST', 'session/options', { json: input, ...init }),
    setupOptions: (input: { token: string; username?: unknown; displayName?: unknown } | Record<string, unknown>, init?: TRequestOptions) =>
      request<{ options: PublicKeyCredentialCreationOptionsJSON }>('POST', 'setup/options', { json: input, ...init }),
    session: (init?: TRequestOptions) => request<TSessionBody>('GET', 'session', init),
    signOut: (init?: TRequestOptions) => request<{ redirectTo: string }>('POST', 'session/sign-out', init),

    listAdmins: (query: Record<string, string | number> = {}, init?: TRequestOptions) =>
      request<TPage<TAdminDto>>('GET', withQuery('admins', query), init),
    changeRole: (adminId: string, input: unknown, init?: TRequestOptions) => request<{ admin: TAdminDto }>('PATCH', `admins/${encodeURIComponent(adminId)}`, { json: input, ...init }),
    removeAdmin: (adminId: string, init?: TRequestOptions) => request<undefined>('DELETE', `admins/${encodeURIComponent(adminId)}`, init),
    listInvitations: (init?: TRequestOptions) => request<{ invitations: TInvitationDto[] }>('GET', 'invitations', init),
    invite: (input: unknown, init?: TRequestOptions) => request<{ url: string; invitation: TInvitationDto }>('POST', 'invitations', { json: input, ...init }),
    revokeInvitation: (invitationId: string, init?: TRequestOptions) => request<undefined>('DELETE', `invitations/${encodeURIComponent(invitationId)}`, init),
    scope: (init?: TRequestOptions) => request<TScopeOptions>('GET', 'scope', init),

    listPasskeys: (init?: TRequestOptions) => request<{ passkeys: TPasskeyDto[] }>('GET', 'account/passkeys', init),
    addPasskeyOptions: (init?: TRequestOptions) => request<{ options: PublicKeyCredentialCreationOptionsJSON }>('POST', 'account/registration/options', { json: {}, ...init }),
    addPasskeyVerify: (response: unknown, init?: TRequestOptions) => request<{ passkey: TPasskeyDto }>('POST', 'account/registration/verify', { json: { response }, ...init }),
    renamePasskey: (passkeyId: string, name: unknown, init?: TRequestOptions) => request<{ passkey: TPasskeyDto }>('PATCH', `account/passkeys/${encodeURIComponent(passkeyId)}`, { json: { name }, ...init }),
    deletePasskey: (passkeyId: string, init?: TRequestOptions) => request<undefined>('DELETE', `account/passkeys/${encodeURIComponent(passkeyId)}`, init),

    /** Sign-in in one go: options (usernameless unless `username`), the authenticator's assertion, next-auth's callback. */
    async signIn(authenticator: TSoftAuthenticator, input: { username?: string } = {}): Promise<{ response: AuthenticationResponseJSON; result: TAdminResponse<TNextAuthCallbackBody> }> {
      const { options: requestOptions } = expectOk(await client.signInOptions(input));
      const response = authenticator.authenticate(requestOptions, { origin: client.origin });
      return { response, result: await credentialsCallback('passkey', { response: JSON.stringify(response) }) };
    },

    /** Enrolment from a setup link (URL or token) in one go; signs the new administrator in. */
    async enroll(link: string, authenticator: TSoftAuthenticator, input: { username: string; displayName: string }): Promise<{ response: RegistrationResponseJSON; result: TAdminResponse<TNextAuthCallbackBody> }> {
      const token = link.includes('token=') ? (new URL(link).searchParams.get('token') ?? '') : link;
      const { options: creation } = expectOk(await client.setupOptions({ token, ...input }));
      const response = authenticator.register(creation, { origin: client.origin });
      return { response, result: await credentialsCallback('passkey-setup', { token, response: JSON.stringify(response) }) };
    },

    /** Adds a passkey to the signed-in administrator in one go. */
    async addPasskey(authenticator: TSoftAuthenticator) {
      const { options: creation } = expectOk(await client.addPasskeyOptions());
      return client.addPasskeyVerify(authenticator.register(creation, { origin: client.origin }));
    },

    // Users (app/(admin)/admin/api/users)
    listUsers: (query: Record<string, string | number> = {}, init?: TRequestOptions) =>
      request<TPage<TUserListItemDto>>('GET', withQuery('users', query), init),
    getUser: (userId: string, init?: TRequestOptions) => request<TUserOverviewDto>('GET', `users/${encodeURIComponent(userId)}`, init),
    setUserStatus: (userId: string, input: unknown, init?: TRequestOptions) => request<{ status: TUserStatus; sessionsRevoked: number }>('PATCH', `users/${encodeURIComponent(userId)}`, { json: input, ...init }),
    deleteUser: (userId: string, init?: TRequestOptions) => request<{ removed: { passkeys: number; devices: number; sessions: number } }>('DELETE', `users/${encodeURIComponent(userId)}`, init),
    revokeUserPasskey: (userId: string, passkeyId: string, init?: TRequestOptions) =>
      request<{ remaining: number }>('DELETE', `users/${encodeURIComponent(userId)}/passkeys/${encodeURIComponent(passkeyId)}`, init),
    // Licenses & API keys, Transactions, OTP outbox (docs/admin/licenses.md, docs/admin/activity.md).
    listLicenses: (query: Record<string, string | number> = {}, init?: TRequestOptions) => request<TPage<TAdminLicenseDto>>('GET', withQuery('licenses', query), init),
    createLicense: (input: unknown, init?: TRequestOptions) => request<{ license: TAdminLicenseDto; key: string }>('POST', 'licenses', { json: input, ...init }),
    revokeLicense: (licenseId: string, init?: TRequestOptions) => request<{ license: TAdminLicenseDto }>('POST', `licenses/${encodeURIComponent(licenseId)}/revoke`, { json: {}, ...init }),
    listApiKeys: (query: Record<string, string | number> = {}, init?: TRequestOptions) => request<TPage<TAdminApiKeyDto>>('GET', withQuery('api-keys', query), init),
    createApiKey: (input: unknown, init?: TRequestOptions) => request<{ apiKey: TAdminApiKeyDto; key: string }>('POST', 'api-keys', { json: input, ...init }),
    revokeApiKey: (apiKeyId: string, init?: TRequestOptions) => request<{ apiKey: TAdminApiKeyDto }>('POST', `api-keys/${encodeURIComponent(apiKeyId)}/revoke`, { json: {}, ...init }),
    listTransactions: (query: Record<string, string | number> = {}, init?: TRequestOptions) => request<TPage<TAdminTransactionRowDto>>('GET', withQuery('transactions', query), init),
    getTransaction: (transactionId: string, init?: TRequestOptions) => request<{ transaction: TAdminTransactionDto }>('GET', `transactions/${encodeURIComponent(transactionId)}`, init),
    listOutbox: (query: Record<string, string | number> = {}, init?: TRequestOptions) => request<TPage<TAdminOutboxRowDto>>('GET', withQuery('outbox', query), init),
    getOutboxMessage: (messageId: string, init?: TRequestOptions) => request<{ message: TAdminOutboxMessageDto }>('GET', `outbox/${encodeURIComponent(messageId)}`, init),
    // --- Tenants & communities, Applications (docs/admin/tenants.md, applications.md) ---
    listTenants: (query: Record<string, string | number> = {}, init?: TRequestOptions) =>
      request<TPage<TTenantListItem>>('GET', withQuery('tenants', query), init),
    createTenant: (input: unknown, init?: TRequestOptions) => request<{ tenant: { id: string; name: string } }>('POST', 'tenants', { json: input, ...init }),
    renameTenant: (tenantId: string, input: unknown, init?: TRequestOptions) => request<{ tenant: { id: string; name: string } }>('PATCH', `tenants/${encodeURIComponent(tenantId)}`, { json: input, ...init }),
    createCommunity: (input: unknown, init?: TRequestOptions) => request<{ community: TCommunitySettingsDto }>('POST', 'communities', { json: input, ...init }),
    getCommunity: (communityId: string, init?: TRequestOptions) => request<{ community: TCommunitySettingsDto }>('GET', `communities/${encodeURIComponent(communityId)}`, init),
    renameCommunity: (communityId: string, input: unknown, init?: TRequestOptions) => request<{ community: TCommunitySettingsDto }>('PATCH', `communities/${encodeURIComponent(communityId)}`, { json: input, ...init }),
    updateRelyingParty: (communityId: string, input: unknown, init?: TRequestOptions) =>
      request<{ community: TCommunitySettingsDto }>('PUT', `communities/${encodeURIComponent(communityId)}/relying-party`, { json: input, ...init }),
    updateBranding: (communityId: string, input: unknown, init?: TRequestOptions) => request<{ community: TCommunitySettingsDto }>('PUT', `communities/${encodeURIComponent(communityId)}/branding`, { json: input, ...init }),
    listApplications: (query: Record<string, string | number> = {}, init?: TRequestOptions) =>
      request<TPage<TAdminApplicationDto>>('GET', withQuery('applications', query), init),
    createApplication: (input: unknown, init?: TRequestOptions) => request<{ application: TAdminApplicationDto }>('POST', 'applications', { json: input, ...init }),
    getApplication: (applicationId: string, init?: TRequestOptions) => request<{ application: TAdminApplicationDto }>('GET', `applications/${encodeURIComponent(applicationId)}`, init),
    updateApplication: (applicationId: string, input: unknown, init?: TRequestOptions) => request<{ application: TAdminApplicationDto }>('PATCH', `applications/${encodeURIComponent(applicationId)}`, { json: input, ...init }),
    setApplicationStatus: (applicationId: string, status: unknown, init?: TRequestOptions) =>
      request<{ application: TAdminApplicationDto }>('PUT', `applications/${encodeURIComponent(applicationId)}/status`, { json: { status }, ...init }),
    listApplicationKeys: (applicationId: string, init?: TRequestOptions) => request<{ keys: TApiKeyDto[] }>('GET', `applications/${encodeURIComponent(applicationId)}/keys`, init),
    createApplicationKey: (applicationId: string, input: unknown = {}, init?: TRequestOptions) =>
      request<{ apiKey: TApiKeyDto; key: string }>('POST', `applications/${encodeURIComponent(applicationId)}/keys`, { json: input, ...init }),
    revokeApplicationKey: (applicationId: string, keyId: string, init?: TRequestOptions) =>
      request<{ key: TApiKeyDto }>('DELETE', `applications/${encodeURIComponent(applicationId)}/keys/${encodeURIComponent(keyId)}`, init),
    // Authenticator metadata (docs/admin/metadata.md).
    listMetadataRecords: (query: Record<string, string | number> = {}, init?: TRequestOptions) =>
      request<TPage<TMetadataRecordDto>>('GET', withQuery('metadata/records', query), init),
    metadataRecord: (recordId: string, init?: TRequestOptions) => request<{ record: TMetadataRecordDetailDto }>('GET', `metadata/records/${encodeURIComponent(recordId)}`, init),
    createMetadataRecord: (input: unknown, init?: TRequestOptions) => request<{ record: TMetadataRecordDetailDto }>('POST', 'metadata/records', { json: input, ...init }),
    updateMetadataRecord: (recordId: string, input: unknown, init?: TRequestOptions) =>
      request<{ record: TMetadataRecordDetailDto }>('PATCH', `metadata/records/${encodeURIComponent(recordId)}`, { json: input, ...init }),
    /** The BLOB as the raw body (a string or bytes), or a FormData with `file`. */
    previewMds: (blob: string | Uint8Array | FormData, init?: TRequestOptions) =>
      request<TMdsImportSummary>('POST', 'metadata/mds/preview', { body: blob as BodyInit, ...(blob instanceof FormData ? {} : { headers: { 'content-type': 'application/jwt' } }), ...init }),
    applyMds: (blob: string | Uint8Array | FormData, sha256?: string, init?: TRequestOptions) =>
      request<TMdsImportSummary>('POST', `metadata/mds/apply${sha256 === undefined ? '' : `?sha256=${encodeURIComponent(sha256)}`}`, {
        body: blob as BodyInit,
        ...(blob instanceof FormData ? {} : { headers: { 'content-type': 'application/jwt' } }),
        ...init,
      }),
    aaguidPolicy: (communityId: string, init?: TRequestOptions) => request<TAaguidPolicyDto>('GET', `metadata/policy/${encodeURIComponent(communityId)}`, init),
    saveAaguidPolicy: (communityId: string, input: unknown, init?: TRequestOptions) => request<TAaguidPolicyDto>('PUT', `metadata/policy/${encodeURIComponent(communityId)}`, { json: input, ...init }),
    // --- Audit log and Dashboard (docs/admin/audit.md, dashboard.md) ---
    listAuditEvents: (query: Record<string, string | number> = {}, init?: TRequestOptions) => request<TAuditPage>('GET', withQuery('audit', query), init),
    /** The export's body: parsed JSON for `format=json`, the CSV text for `format=csv`. */
    exportAudit: (query: Record<string, string | number> = {}, init?: TRequestOptions) => request<unknown>('GET', withQuery('audit/export', query), init),
    dashboard: (query: Record<string, string | number> = {}, init?: TRequestOptions) => request<TDashboard>('GET', withQuery('dashboard', query), init),
  };
  return client;
}

export type TSignedInAdmin = {
  client: TAdminClient;
  authenticator: TSoftAuthenticator;
  username: string;
  admin: TSessionBody['admin'];
};

export type TAdminScope = { tenantId?: string; communityIds?: string[] };

let counter = 0;

/**
 * Administrators of any role for API tests, against the test server's own database (the API global
 * setup provides `baseUrl` and `databaseUrl`): setup links are made directly in the database,
 * then enrolled and signed in over HTTP.
 */
export function createAdminTestKit(options: { baseUrl: string; databaseUrl: string }) {
  const db: TDb = createDb(options.databaseUrl);

  const kit = {
    db,
    baseUrl: options.baseUrl,
    /** A client without a session. */
    anonymous: (clientOptions: Partial<TAdminClientOptions> = {}) => createAdminClient({ baseUrl: options.baseUrl, ...clientOptions }),

    /** A one-time setup link (URL) for a grant, made the way the CLI makes one. */
    async setupLink(role: TAdminRole = 'system', scope: TAdminScope = {}, extra: { now?: Date; label?: string } = {}): Promise<string> {
      let tenantId = scope.tenantId ?? null;
      if (role === 'community' && !tenantId && scope.communityIds?.length) {
        tenantId = (await db.community.findUniqueOrThrow({ where: { id: scope.communityIds[0]! }, select: { tenantId: true } })).tenantId;
      }
      const link = await createSetupLink({ db, origin: options.baseUrl, actor: 'test', role, tenantId: role === 'system' ? null : tenantId, communityIds: role === 'community' ? (scope.communityIds ?? []) : [], label: extra.label, now: extra.now });
      return link.url;
    },

    /** A new administrator of this role and scope, enrolled and signed in (its client keeps the cookie). */
    async signInAs(role: TAdminRole, scope: TAdminScope = {}, extra: { username?: string } = {}): Promise<TSignedInAdmin> {
      const link = await kit.setupLink(role, scope);
      counter += 1;
      const username = extra.username ?? `${role}-${Date.now().toString(36)}${counter}${Math.random().toString(36).slice(2, 6)}`;
      const client = kit.anonymous();
      const authenticator = createSoftAuthenticator();
      const { result } = await client.enroll(link, authenticator, { username, displayName: `Test ${username}` });
      const error = nextAuthError(result);
      if (error) throw new Error(`enrolment of a ${role} admin failed: ${error}`);
      const admin = expectOk(await client.session()).admin;
      return { client, authenticator, username, admin };
    },

    /** A tenant with communities (all on the server's origin), made with the tenancy use-cases. */
    async seedTenant(name: string, communityNames: string[] = ['Web']): Promise<{ id: string; communities: Record<string, string> }> {
      const unique = `${name} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
      const tenant = await createTenant({ db, input: { name: unique }, actor: 'test' });
      const host = new URL(options.baseUrl).hostname;
      const communities: Record<string, string> = {};
      for (const c of communityNames) communities[c] = (await createCommunity({ db, input: { tenantId: tenant.id, name: c, rpId: host, origins: [options.baseUrl] }, actor: 'test' })).id;
      return { id: tenant.id, communities };
    },

    /**
     * The world most console specs start from: tenants Acme (Web, Mobile) and Globex (Shop), a
     * system admin, Acme's tenant admin, the community admin of Acme/Web and Globex's tenant admin.
     */
    async seedWorld() {
      const acme = await kit.seedTenant('Acme', ['Web', 'Mobile']);
      const globex = await kit.seedTenant('Globex', ['Shop']);
      const [root, acmeAdmin, webAdmin, globexAdmin] = await Promise.all([
        kit.signInAs('system'),
        kit.signInAs('tenant', { tenantId: acme.id }),
        kit.signInAs('community', { communityIds: [acme.communities.Web!] }),
        kit.signInAs('tenant', { tenantId: globex.id }),
      ]);
      return { acme, globex, root, acmeAdmin, webAdmin, globexAdmin };
    },

    close: () => db.$disconnect(),
  };
  return kit;
}

export type TAdminTestKit = ReturnType<typeof createAdminTestKit>;
