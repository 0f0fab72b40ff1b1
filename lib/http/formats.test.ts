import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { fido2MsgCode, renderError } from './formats';

describe('renderError', () => {
  const e = new AppError('auth.forbidden', { detail: 'license lacks community c1' });

  it('renders {statusCode, error, message} for webauthn and authn', async () => {
    for (const s of ['webauthn', 'authn'] as const) {
      const r = renderError(s, e);
      expect(r.status).toBe(403);
      expect(r.headers.get('cache-control')).toBe('no-store');
      expect(await r.json()).toEqual({ statusCode: 403, error: 'Forbidden', message: 'Not permitted.' });
    }
  });

  it('renders {msg, msgCode} for fido2, msgCode from the 2026 OpenAPI enum', async () => {
    expect(await renderError('fido2', e).json()).toEqual({ msg: 'Not permitted.', msgCode: 'forbidden' });
    const cases: Array<[ConstructorParameters<typeof AppError>[0], string]> = [
      ['request.validation_failed', 'bad_request'],
      ['passkeys.credential_exists', 'bad_request'],
      ['request.body_too_large', 'bad_request'],
      ['otp.rate_limited', 'bad_request'],
      ['auth.unauthenticated', 'unauthorized'],
      ['tokens.insufficient_scope', 'forbidden'],
      ['applications.not_found', 'not_found'],
      ['service.internal', 'internal_error'],
      ['messaging.delivery_failed', 'internal_error'],
    ];
    for (const [code, msgCode] of cases) {
      const r = renderError('fido2', new AppError(code));
      expect((await r.json()) as unknown).toMatchObject({ msgCode });
      expect(fido2MsgCode(r.status)).toBe(msgCode);
    }
  });

  it('renders RFC 9457 problem+json', async () => {
    const r = renderError('problem', e);
    expect(r.headers.get('content-type')).toBe('application/problem+json');
    expect(await r.json()).toEqual({ type: 'about:blank', title: 'Forbidden', status: 403, detail: 'Not permitted.', code: 'auth.forbidden' });
  });

  it('renders admin errors with fields', async () => {
    const v = new AppError('request.validation_failed', { fields: { name: 'required' }, publicMessage: 'Validation error: name: required' });
    expect(await renderError('admin', v).json()).toEqual({ error: { code: 'request.validation_failed', message: 'Validation error: name: required', fields: { name: 'required' } } });
  });

  it('never leaks internal detail in a 5xx body', async () => {
    const internal = new AppError('service.internal', { detail: 'connection string postgres://secret', publicMessage: 'postgres://secret' });
    const body = await renderError('webauthn', internal).text();
    expect(body).not.toContain('secret');
    expect(JSON.parse(body)).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'Something went wrong on our side.' });
  });
});
