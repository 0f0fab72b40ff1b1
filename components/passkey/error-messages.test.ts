import { describe, expect, it } from 'vitest';
import { CLIENT_ERROR, describePasskeyError, type TErrorContext } from './error-messages';

const auth: TErrorContext = { ceremony: 'authentication', rpId: 'acme.example', siteName: 'Acme' };
const reg: TErrorContext = { ...auth, ceremony: 'registration' };
const dom = (name: string) => Object.assign(new Error(name), { name });
const wrapped = (code: string, name: string) => Object.assign(new Error(code), { code, cause: dom(name) });
const server = (code: string, status = 400, fields?: Record<string, string>) => ({ source: 'server' as const, status, code, message: 'server text', fields });

describe('describePasskeyError', () => {
  it('maps browser failures to human messages', () => {
    expect(describePasskeyError(dom('NotAllowedError'), auth)).toMatchObject({ code: CLIENT_ERROR.cancelled, message: expect.stringMatching(/cancelled or timed out/), silent: false });
    expect(describePasskeyError(dom('NotAllowedError'), reg).message).toMatch(/Nothing was saved/);
    expect(describePasskeyError(wrapped('ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED', 'InvalidStateError'), reg).code).toBe(CLIENT_ERROR.alreadyRegistered);
    expect(describePasskeyError(dom('SecurityError'), auth)).toMatchObject({ code: CLIENT_ERROR.security, message: expect.stringContaining('acme.example') });
    expect(describePasskeyError(dom('NotSupportedError'), reg).code).toBe(CLIENT_ERROR.noAlgorithm);
    expect(describePasskeyError(new Error('WebAuthn is not supported in this browser'), auth).code).toBe(CLIENT_ERROR.unsupported);
    expect(describePasskeyError(new Error('weird'), auth).code).toBe(CLIENT_ERROR.unknown);
  });

  it('keeps page-initiated aborts and autofill failures silent', () => {
    expect(describePasskeyError(wrapped('ERROR_CEREMONY_ABORTED', 'AbortError'), auth).silent).toBe(true);
    expect(describePasskeyError(dom('NotAllowedError'), { ...auth, mediation: 'conditional' }).silent).toBe(true);
  });

  it('says a username-first failure on the username field, without telling whether the account exists', () => {
    const human = describePasskeyError(dom('NotAllowedError'), { ...auth, usernameFirst: true });
    expect(human.code).toBe(CLIENT_ERROR.noPasskeyForUsername);
    expect(human.fields?.username).toMatch(/couldn't sign you in with a passkey for this username on this device/);
  });

  it('maps server codes, with field messages where they belong', () => {
    expect(describePasskeyError(server('passkeys.username_taken', 409), reg).fields?.username).toMatch(/already taken/);
    expect(describePasskeyError(server('request.validation_failed', 400, { username: 'bad' }), reg).fields).toEqual({ username: 'bad' });
    expect(describePasskeyError(server('passkeys.unknown_credential', 401), auth).message).toMatch(/Acme/);
    expect(describePasskeyError(server('passkeys.challenge_expired'), auth).message).toMatch(/expired/);
    expect(describePasskeyError(server('passkeys.authenticator_not_allowed', 403), reg).message).toMatch(/doesn't accept/);
    expect(describePasskeyError(server('service.internal', 500), auth).message).toMatch(/on our side/);
    expect(describePasskeyError(server('something.else', 400), auth).message).toBe('server text');
  });

  it('suggests signing up only where one can (not in the admin console)', () => {
    expect(describePasskeyError(server('passkeys.unknown_credential', 401), auth).message).toMatch(/or create an account\.$/);
    const invitationOnly = { ...auth, noSignUp: true };
    expect(describePasskeyError(server('passkeys.unknown_credential', 401), invitationOnly).message).toMatch(/Use another passkey\.$/);
    expect(describePasskeyError(dom('NotAllowedError'), { ...invitationOnly, usernameFirst: true }).fields?.username).not.toMatch(/create an account/);
  });
});
