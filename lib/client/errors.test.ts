import { describe, expect, it } from 'vitest';
import { errorFromProblem, errorFromWebauthnBody, LatchkeyApiError, LatchkeyProblemError, parseBody } from './errors';

describe('error parsing', () => {
  it('reads the 000 error format {statusCode, error, message}', () => {
    const body = { statusCode: 401, error: 'Unauthorized', message: 'Missing or invalid credentials.' };
    const e = errorFromWebauthnBody(401, body);
    expect(e).toBeInstanceOf(LatchkeyApiError);
    expect(e).toBeInstanceOf(Error);
    expect({ status: e.status, error: e.error, message: e.message, body: e.body, name: e.name }).toEqual({
      status: 401,
      error: 'Unauthorized',
      message: 'Missing or invalid credentials.',
      body,
      name: 'LatchkeyApiError',
    });
  });

  it('still gives a usable error for bodies that are not the 000 format', () => {
    expect(errorFromWebauthnBody(502, '<html>bad gateway</html>')).toMatchObject({ status: 502, error: 'Bad Gateway', message: '<html>bad gateway</html>' });
    expect(errorFromWebauthnBody(503, undefined)).toMatchObject({ status: 503, error: 'Service Unavailable', message: 'HTTP 503 Service Unavailable' });
    expect(errorFromWebauthnBody(418, 'x'.repeat(500)).message).toHaveLength(201);
    expect(errorFromWebauthnBody(400, { status: 'failed', errorMessage: 'nope' })).toMatchObject({ error: 'Bad Request', message: 'nope' });
  });

  it('reads RFC 9457 problem documents of spec 001', () => {
    const body = { type: 'about:blank', title: 'Forbidden', status: 403, detail: 'Not permitted.', code: 'auth.forbidden' };
    const e = errorFromProblem(403, body);
    expect(e).toBeInstanceOf(LatchkeyProblemError);
    expect(e).toBeInstanceOf(LatchkeyApiError);
    expect(e).toMatchObject({ status: 403, error: 'auth.forbidden', message: 'Not permitted.', type: 'about:blank', title: 'Forbidden', detail: 'Not permitted.', code: 'auth.forbidden', name: 'LatchkeyProblemError' });
    // Without code and detail: the title stands in.
    expect(errorFromProblem(404, { title: 'Not Found' })).toMatchObject({ error: 'Not Found', message: 'Not Found', code: undefined, type: 'about:blank' });
    // Not a problem document: a plain API error.
    const plain = errorFromProblem(500, 'oops');
    expect(plain).not.toBeInstanceOf(LatchkeyProblemError);
    expect(plain).toMatchObject({ status: 500, error: 'Internal Server Error', message: 'oops' });
  });

  it('parses bodies leniently', () => {
    expect(parseBody('')).toBeUndefined();
    expect(parseBody('{"a":1}')).toEqual({ a: 1 });
    expect(parseBody('not json')).toBe('not json');
  });
});
