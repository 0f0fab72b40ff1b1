/**
 * One error type, one code catalog, one status table (CONVENTIONS.md §3). Every surface renders
 * an AppError in its own format (lib/http); the public message comes from the catalog, never from
 * `detail` or `cause`, which go to logs and the audit trail only.
 */

export const ERROR_CATALOG = {
  // --- request plumbing ---
  'request.malformed_json': { status: 400, message: 'The request body is not valid JSON.' },
  'request.unsupported_media_type': { status: 415, message: 'The request body must be application/json.' },
  'request.body_too_large': { status: 413, message: 'The request body is too large.' },
  'request.validation_failed': { status: 400, message: 'Validation error.' },
  'request.not_found': { status: 404, message: 'Not found.' },
  'request.method_not_allowed': { status: 405, message: 'Method not allowed.' },
  // --- authentication of the caller (licenses, API keys, envelope) ---
  'auth.unauthenticated': { status: 401, message: 'Missing or invalid credentials.' },
  'auth.forbidden': { status: 403, message: 'Not permitted.' },
  // --- bearer tokens (FIDO2 API 2.0 jwtAccess) ---
  'tokens.insufficient_scope': { status: 403, message: 'The access token does not grant this operation.' },
  // The token a management caller asks about (mgmt/token/verify) is not valid for it: apart from
  // `auth.unauthenticated`, which says the caller's own API key was refused.
  'tokens.invalid': { status: 401, message: 'The access token is not valid.' },
  // --- ECDH + AES-256-GCM envelope (WIRE-NOTES §1). A failed decryption says nothing about whether
  // the key, the IV, the ciphertext or the tag was wrong (CONVENTIONS.md §4).
  'envelope.invalid_key': { status: 400, message: 'The public or private key is not valid.' },
  'envelope.decryption_failed': { status: 401, message: 'The encrypted data could not be read.' },
  // --- tenancy ---
  'tenancy.tenant_not_found': { status: 404, message: 'Tenant not found.' },
  'tenancy.community_not_found': { status: 404, message: 'Community not found.' },
  'tenancy.community_exists': { status: 409, message: 'A community with this name already exists in the tenant.' },
  'tenancy.invalid_origin': { status: 400, message: 'Each origin must be an https:// origin (http:// only for localhost) or android:apk-key-hash:.' },
  'tenancy.invalid_rp_id': { status: 400, message: 'The rpId must be a registrable domain that every web origin is equal to or a subdomain of.' },
  'tenancy.rp_id_change_unconfirmed': { status: 409, message: "Changing the rpId makes this community's existing passkeys stop working. Confirm the change (confirmRpIdChange: true) to go ahead." },
  // --- licenses ---
  'licenses.not_found': { status: 404, message: 'License not found.' },
  'licenses.invalid_auth_level': { status: 400, message: 'authLevel must be one of system, service, service_ext, app, app_ext.' },
  'licenses.level_not_grantable': { status: 403, message: 'Only system administrators can create system licenses.' },
  // --- API keys (spec 001 X-Api-Key) ---
  'apikeys.not_found': { status: 404, message: 'API key not found.' },
  'apikeys.origin_not_in_community': { status: 400, message: "Each allowed origin must be one of the community's origins or within its rpId." },
  // --- passkeys (WebAuthn ceremonies). Failures of verification share one public message: an
  // attacker learns nothing about which check failed (CONVENTIONS.md §4); the detail is logged.
  'passkeys.verification_failed': { status: 400, message: 'The passkey response could not be verified.' },
  'passkeys.challenge_invalid': { status: 400, message: 'This sign-in or registration attempt is not valid any more. Please try again.' },
  'passkeys.challenge_expired': { status: 400, message: 'This sign-in or registration attempt has expired. Please try again.' },
  'passkeys.credential_exists': { status: 409, message: 'This passkey is already registered.' },
  'passkeys.username_taken': { status: 409, message: 'This username is already taken.' },
  'passkeys.authenticator_not_allowed': { status: 403, message: 'This kind of passkey or security key is not allowed here.' },
  'passkeys.unknown_credential': { status: 401, message: 'This passkey is not registered here.' },
  'passkeys.user_disabled': { status: 403, message: 'This account is disabled.' },
  'passkeys.not_found': { status: 404, message: 'Passkey not found.' },
  // --- authenticator vendor metadata (spec 000 "Vendor Meta Data") ---
  'metadata.not_found': { status: 404, message: 'Vendor metadata record not found.' },
  'metadata.exists': { status: 409, message: 'A vendor metadata record for this AAGUID already exists.' },
  // Admin console: MDS3 BLOB import (a refused BLOB changes nothing) and the AAGUID policy editor.
  'metadata.mds_too_large': { status: 413, message: 'The MDS BLOB file is larger than 10 MB.' },
  'metadata.mds_malformed': { status: 400, message: 'The file is not an MDS3 BLOB: a signed JWT with an x5c certificate chain, a number, nextUpdate and entries.' },
  'metadata.mds_untrusted_chain': { status: 400, message: "The BLOB's certificate chain does not lead to the trusted FIDO Metadata Service root certificate." },
  'metadata.mds_bad_signature': { status: 400, message: "The BLOB's signature does not match its signing certificate." },
  'metadata.mds_changed': { status: 409, message: 'This file is not the one that was previewed. Preview it again before applying.' },
  'metadata.policy_conflict': { status: 409, message: 'Someone else saved this AAGUID policy in the meantime. Reload it and make your change again.' },
  // --- applications of the FIDO2 API 2.0 dialect (`app.id`) ---
  'applications.not_found': { status: 404, message: 'Application not found.' },
  'fido2.application_required': { status: 400, message: 'Name the application: send app.id in the body.' },
  // --- users, devices and profiles (FIDO2 API 2.0 profile and management) ---
  'users.not_found': { status: 404, message: 'User not found.' },
  'devices.not_found': { status: 404, message: 'Device not found.' },
  'profile.invalid_email': { status: 400, message: 'Enter a valid email address.' },
  'profile.invalid_phone': { status: 400, message: 'Enter the phone number in international E.164 form, such as +14161234567.' },
  'profile.consent_required': { status: 400, message: 'Verifying a phone number sends it a text message: messagingConsent must be true.' },
  'profile.email_not_found': { status: 404, message: 'This email address is not on the profile.' },
  // --- one-time codes. Every refused code gets the same answer, whether it was wrong, expired,
  // used, out of attempts, of another user or application (CONVENTIONS.md §4).
  'otp.invalid_code': { status: 400, message: 'The code is not valid or has expired. Request a new code.' },
  'otp.rate_limited': { status: 429, message: 'Too many codes were requested. Please wait a few minutes and try again.' },
  // --- outbound delivery (lib/messaging, lib/net) ---
  'messaging.delivery_failed': { status: 502, message: 'The message could not be sent. Please try again later.' },
  'messaging.message_not_found': { status: 404, message: 'Message not found.' },
  'net.target_refused': { status: 502, message: 'The outbound call was refused: its target is not allowed.' },
  'net.request_failed': { status: 502, message: 'The outbound call failed.' },
  // --- FIDO2 API 2.0 flows (/fido2/v2) ---
  'fido2.origin_not_allowed': { status: 403, message: 'This origin is not allowed to use this application.' },
  'fido2.sign_in_required': { status: 401, message: 'Sign in first: adding a passkey to an existing account, or where the application does not allow sign-up, needs a Bearer token with reg:write.' },
  // --- transaction confirmation (002 tx/init, tx/complete; evidence for audit) ---
  'transactions.not_found': { status: 404, message: 'Transaction not found.' },
  'transactions.user_not_found': { status: 404, message: 'No user by this name can confirm transactions here.' },
  'transactions.not_pending': { status: 400, message: 'This transaction was already confirmed or refused. Start a new one.' },
  'transactions.wrong_account': { status: 403, message: 'This passkey belongs to another account than the one asked to confirm the transaction.' },
  // --- admin console: administrators, invitations (setup links), their own passkeys. Out-of-scope
  // ids are "not found" (never 403: existence is not leaked); 403 only for what a role may not do at all.
  'admin.setup_link_invalid': { status: 404, message: 'This setup link is invalid, used or expired.' },
  'admin.not_found': { status: 404, message: 'Administrator not found.' },
  'admin.invitation_not_found': { status: 404, message: 'Invitation not found.' },
  'admin.role_not_grantable': { status: 403, message: "You can't grant a role above your own." },
  'admin.last_system_admin': { status: 409, message: "The last system administrator can't be demoted or removed. Make another administrator a system administrator first." },
  'admin.last_passkey': { status: 409, message: "You can't delete your only passkey. Add another passkey first, so you can still sign in." },
  // --- service ---
  'service.unavailable': { status: 503, message: 'The service is temporarily unavailable.' },
  'service.internal': { status: 500, message: 'Something went wrong on our side.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type TErrorCode = keyof typeof ERROR_CATALOG;

/** Status of each code: derived from the catalog, so a code without a status does not compile. */
export const ERROR_STATUS = Object.fromEntries(
  Object.entries(ERROR_CATALOG).map(([code, entry]) => [code, entry.status]),
) as Record<TErrorCode, number>;

export class AppError extends Error {
  readonly code: TErrorCode;
  readonly status: number;
  /** Internal detail for logs and the audit trail; never sent to clients. */
  readonly detail: string | undefined;
  /** Field-level problems that are safe to show (validation errors). */
  readonly fields: Record<string, string> | undefined;
  /** Public message override, for messages that are safe to show (validation summaries). */
  readonly publicMessage: string;

  constructor(code: TErrorCode, options: { detail?: string; cause?: unknown; fields?: Record<string, string>; publicMessage?: string } = {}) {
    super(options.detail ? `${code}: ${options.detail}` : code, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.detail = options.detail;
    this.fields = options.fields;
    this.publicMessage = options.publicMessage ?? ERROR_CATALOG[code].message;
  }

  /** Errors under 500 are safe to describe to the client (node-oidc-provider's `expose`). */
  get expose(): boolean {
    return this.status < 500;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** Any thrown value as an AppError; unknown errors become `service.internal`, keeping the cause. */
export function toAppError(e: unknown): AppError {
  return isAppError(e) ? e : new AppError('service.internal', { cause: e, detail: e instanceof Error ? e.message : String(e) });
}

/** Standard HTTP reason phrases for the statuses the catalog uses. */
export const HTTP_REASON: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};
