/**
 * Human messages for everything that can go wrong in a passkey ceremony on the hosted pages:
 * errors the browser raises (DOMException names, and the `WebAuthnError` codes that
 * @simplewebauthn/browser derives from them) and the error codes of the hosted JSON endpoints.
 *
 * Pure functions over plain values (no React, no DOM access), so every surface that shows a
 * passkey error says the same thing.
 */

export type TCeremony = 'registration' | 'authentication' | 'management';

export type TErrorContext = {
  ceremony: TCeremony;
  /** The relying-party ID the page's passkeys are scoped to (for the security error). */
  rpId: string;
  /** The community's display name ("your passkey for Acme"). */
  siteName: string;
  /**
   * `conditional` for passkey autofill: a browser-side failure there is never shown, because the
   * user did not ask for anything (the autofill request simply ends).
   */
  mediation?: 'modal' | 'conditional';
  /** A username-first sign-in: a NotAllowedError then usually means "no passkey for that name here". */
  usernameFirst?: boolean;
  /** Nobody can sign up here (the admin console: by invitation only), so don't suggest it. */
  noSignUp?: boolean;
};

export type THumanError = {
  /** A stable code: the server's error code, or a `client.*` code for browser-side failures. */
  code: string;
  message: string;
  /** Field-level messages (request.validation_failed, passkeys.username_taken). */
  fields?: Record<string, string>;
  /** True when nothing should be shown: the page itself cancelled the ceremony. */
  silent: boolean;
};

/** The shape of an error answer of the hosted endpoints, as the API client throws it. */
export type TServerErrorLike = { source: 'server'; status: number; code: string; message: string; fields?: Record<string, string> };

/** Error codes for failures detected in the browser (not sent by the server). */
export const CLIENT_ERROR = {
  cancelled: 'client.cancelled',
  aborted: 'client.aborted',
  alreadyRegistered: 'client.already_registered',
  security: 'client.security_error',
  noCredential: 'client.no_credential',
  noPasskeyForUsername: 'client.no_passkey_for_username',
  unsupported: 'client.unsupported',
  noDiscoverable: 'client.no_discoverable_credential_support',
  noUserVerification: 'client.no_user_verification_support',
  noAlgorithm: 'client.no_supported_algorithm',
  authenticator: 'client.authenticator_error',
  network: 'client.network',
  unknown: 'client.unknown',
} as const;

export function isServerError(error: unknown): error is TServerErrorLike {
  return typeof error === 'object' && error !== null && (error as { source?: unknown }).source === 'server' && typeof (error as { code?: unknown }).code === 'string';
}

function nameOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const name = (value as { name?: unknown }).name;
  return typeof name === 'string' ? name : undefined;
}

function codeOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const code = (value as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

function messageOf(value: unknown): string {
  if (typeof value !== 'object' || value === null) return '';
  const message = (value as { message?: unknown }).message;
  return typeof message === 'string' ? message : '';
}

/**
 * The DOMException name behind a browser failure: `WebAuthnError` keeps the original exception as
 * `cause` (and copies its name), a bare DOMException has it as `name`.
 */
export function browserErrorName(error: unknown): string | undefined {
  const cause = typeof error === 'object' && error !== null ? (error as { cause?: unknown }).cause : undefined;
  return nameOf(cause) ?? nameOf(error);
}

/** True when the page itself aborted the ceremony (a newer ceremony, or leaving the page). */
export function isCeremonyAborted(error: unknown): boolean {
  return codeOf(error) === 'ERROR_CEREMONY_ABORTED' || browserErrorName(error) === 'AbortError';
}

function human(code: string, message: string, extra: Partial<THumanError> = {}): THumanError {
  return { code, message, silent: false, ...extra };
}

/** The message for a browser-side failure of `startRegistration` / `startAuthentication`. */
export function describeBrowserError(error: unknown, ctx: TErrorContext): THumanError {
  const code = codeOf(error);
  const name = browserErrorName(error);
  const silent = ctx.mediation === 'conditional';
  const make = (c: string, message: string) => human(c, message, { silent });

  if (isCeremonyAborted(error)) return human(CLIENT_ERROR.aborted, 'The passkey request was stopped.', { silent: true });

  switch (code) {
    case 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED':
      return make(CLIENT_ERROR.alreadyRegistered, alreadyRegisteredMessage(ctx));
    case 'ERROR_INVALID_DOMAIN':
    case 'ERROR_INVALID_RP_ID':
      return make(CLIENT_ERROR.security, securityMessage(ctx));
    case 'ERROR_AUTHENTICATOR_MISSING_DISCOVERABLE_CREDENTIAL_SUPPORT':
      return make(CLIENT_ERROR.noDiscoverable, "This authenticator can't store a passkey that signs you in without a username. Use another device, password manager or security key.");
    case 'ERROR_AUTHENTICATOR_MISSING_USER_VERIFICATION_SUPPORT':
    case 'ERROR_AUTO_REGISTER_USER_VERIFICATION_FAILURE':
      return make(CLIENT_ERROR.noUserVerification, `This authenticator can't verify it's you (with a PIN, fingerprint or face), which ${ctx.siteName} requires. Use another device or security key.`);
    case 'ERROR_MALFORMED_PUBKEYCREDPARAMS':
    case 'ERROR_AUTHENTICATOR_NO_SUPPORTED_PUBKEYCREDPARAMS_ALG':
      return make(CLIENT_ERROR.noAlgorithm, `This authenticator doesn't support the signature algorithms ${ctx.siteName} accepts. Use another device or security key.`);
    case 'ERROR_AUTHENTICATOR_GENERAL_ERROR':
      return make(CLIENT_ERROR.authenticator, "Your authenticator couldn't complete the request. Try again, or use another device.");
    case 'ERROR_INVALID_USER_ID_LENGTH':
      return make(CLIENT_ERROR.unknown, `${ctx.siteName} sent a passkey request your browser can't use. Try again later.`);
    default:
      break;
  }

  switch (name) {
    case 'NotAllowedError':
      return make(CLIENT_ERROR.cancelled, cancelledMessage(ctx));
    case 'InvalidStateError':
      return make(CLIENT_ERROR.alreadyRegistered, alreadyRegisteredMessage(ctx));
    case 'SecurityError':
      return make(CLIENT_ERROR.security, securityMessage(ctx));
    case 'NotSupportedError':
      return make(CLIENT_ERROR.noAlgorithm, `This authenticator doesn't support the signature algorithms ${ctx.siteName} accepts. Use another device or security key.`);
    case 'ConstraintError':
      return make(CLIENT_ERROR.noUserVerification, `This authenticator can't meet ${ctx.siteName}'s requirements (a passkey with a PIN, fingerprint or face). Use another device or security key.`);
    case 'UnknownError':
    case 'OperationError':
      return make(CLIENT_ERROR.authenticator, "Your authenticator couldn't complete the request. Try again, or use another device.");
    default:
      break;
  }

  // @simplewebauthn/browser throws plain Errors for these two before calling the browser.
  const message = messageOf(error);
  if (/not supported in this browser|does not support WebAuthn/i.test(message)) return make(CLIENT_ERROR.unsupported, unsupportedMessage());
  return make(CLIENT_ERROR.unknown, 'Something went wrong with the passkey request. Try again.');
}

/** The message for an error answer of the hosted endpoints. */
export function describeServerError(error: Pick<TServerErrorLike, 'code' | 'message' | 'fields' | 'status'>, ctx: TErrorContext): THumanError {
  const { code } = error;
  switch (code) {
    case 'request.validation_failed':
      return human(code, 'Check the highlighted fields and try again.', { fields: error.fields ?? {} });
    case 'passkeys.username_taken':
      return human(code, 'This username is already taken.', { fields: { username: 'This username is already taken. Choose another one, or sign in if it is yours.' } });
    case 'passkeys.verification_failed':
      return human(code, ctx.ceremony === 'authentication' ? "We couldn't verify your passkey. Try again." : "We couldn't verify the new passkey, so it wasn't saved. Try again.");
    case 'passkeys.challenge_invalid':
      return human(code, 'This passkey request is no longer valid (it was already used or replaced). Try again.');
    case 'passkeys.challenge_expired':
      return human(code, 'The passkey request expired before it was completed. Try again.');
    case 'passkeys.credential_exists':
      return human(code, alreadyRegisteredMessage(ctx));
    case 'passkeys.authenticator_not_allowed':
      return human(code, `${ctx.siteName} doesn't accept this type of authenticator. Use another device, password manager or security key.`);
    case 'passkeys.unknown_credential':
      return human(code, noCredentialMessage(ctx));
    case 'passkeys.user_disabled':
      return human(code, 'This account is disabled. Contact your administrator.');
    case 'auth.unauthenticated':
      return human(code, 'You are signed out. Sign in again to continue.');
    case 'passkeys.not_found':
    case 'request.not_found':
      return human(code, 'This passkey no longer exists. The list has been refreshed.');
    case 'service.unavailable':
      return human(code, 'The service is temporarily unavailable. Try again in a moment.');
    default:
      break;
  }
  if (error.status >= 500) return human(code, 'Something went wrong on our side. Try again in a moment.');
  return human(code, error.message || 'The request could not be completed. Try again.');
}

/** One entry point for any failure of a passkey action: server answer, network or browser. */
export function describePasskeyError(error: unknown, ctx: TErrorContext): THumanError {
  if (isServerError(error)) return describeServerError(error, ctx);
  if (codeOf(error) === CLIENT_ERROR.network) return human(CLIENT_ERROR.network, "We couldn't reach the server. Check your connection and try again.");
  if (codeOf(error) === CLIENT_ERROR.noCredential) return human(CLIENT_ERROR.noCredential, noCredentialMessage(ctx));
  // The server answers an unknown username with a decoy credential (no account enumeration), so
  // "no such user" and "no passkey on this device" look the same here, by design.
  if (ctx.usernameFirst && ctx.ceremony === 'authentication' && browserErrorName(error) === 'NotAllowedError' && !isCeremonyAborted(error)) {
    return human(CLIENT_ERROR.noPasskeyForUsername, 'No passkey was used.', {
      fields: { username: `We couldn't sign you in with a passkey for this username on this device. Check the username${ctx.noSignUp ? ' or try another device.' : ', try another device, or create an account.'}` },
    });
  }
  return describeBrowserError(error, ctx);
}

export function cancelledMessage(ctx: Pick<TErrorContext, 'ceremony' | 'siteName'>): string {
  return ctx.ceremony === 'authentication'
    ? `Sign-in was cancelled or timed out. Try again, or use a device that has a passkey for ${ctx.siteName}.`
    : 'Creating the passkey was cancelled or timed out. Nothing was saved: try again when you are ready.';
}

export function alreadyRegisteredMessage(ctx: Pick<TErrorContext, 'siteName'>): string {
  return `This passkey is already registered: this device or password manager already has a passkey for your ${ctx.siteName} account. Use a different one to add another passkey.`;
}

export function securityMessage(ctx: Pick<TErrorContext, 'rpId'>): string {
  return `Security error: this site isn't allowed to use passkeys for ${ctx.rpId}. Contact the site's administrator.`;
}

/** The passkey the browser offered is not (or no longer) registered: the device has none for this site. */
export function noCredentialMessage(ctx: Pick<TErrorContext, 'siteName' | 'noSignUp'>): string {
  return `This device has no passkey for ${ctx.siteName}: the passkey you chose isn't registered here (it may have been deleted). Use another passkey${ctx.noSignUp ? '.' : ', or create an account.'}`;
}

export function unsupportedMessage(): string {
  return "This browser doesn't support passkeys. Use an up-to-date version of Chrome, Edge, Safari or Firefox.";
}
