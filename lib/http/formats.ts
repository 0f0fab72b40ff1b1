import { AppError, HTTP_REASON } from '../errors';

/** The error formats of the surfaces (ARCHITECTURE.md "Each surface speaks its own error format"). */
export type TSurface = 'webauthn' | 'authn' | 'fido2' | 'problem' | 'admin' | 'hosted';

/**
 * The `msgCode` of a FIDO2 API 2.0 error: the 2026 OpenAPI (`AppError.msgCode`) allows only
 * `bad_request`, `unauthorized`, `forbidden`, `not_found` and `internal_error`, and SDKs
 * generated from it decode it as that enum, so it is the class of the status; `msg` carries the
 * catalog's message. Statuses the documents do not list (409, 413, 415, 429) are request
 * problems: `bad_request`.
 */
export type TFido2MsgCode = 'bad_request' | 'unauthorized' | 'forbidden' | 'not_found' | 'internal_error';

export function fido2MsgCode(status: number): TFido2MsgCode {
  if (status >= 500) return 'internal_error';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  return 'bad_request';
}

function reason(status: number): string {
  return HTTP_REASON[status] ?? 'Error';
}

/**
 * Renders an AppError in a surface's format. 5xx bodies carry only the catalog's generic message
 * (CONVENTIONS.md §4).
 */
export function renderError(surface: TSurface, error: AppError): Response {
  const status = error.status;
  const message = error.expose ? error.publicMessage : 'Something went wrong on our side.';
  // A refused oversized body may be partly unread: the connection can't be reused (RFC 9110 §15.5.14).
  const headers: Record<string, string> = status === 413 ? { 'cache-control': 'no-store', connection: 'close' } : { 'cache-control': 'no-store' };
  switch (surface) {
    case 'webauthn':
    case 'authn':
      // spec 000/004: {statusCode, error, message}
      return Response.json({ statusCode: status, error: reason(status), message }, { status, headers });
    case 'fido2':
      // spec 002: {msg, msgCode}
      return Response.json({ msg: message, msgCode: fido2MsgCode(status) }, { status, headers });
    case 'problem':
      // spec 001 / RFC 9457
      return new Response(JSON.stringify({ type: 'about:blank', title: reason(status), status, detail: message, code: error.code }), {
        status,
        headers: { ...headers, 'content-type': 'application/problem+json' },
      });
    case 'admin':
    case 'hosted':
      return Response.json({ error: { code: error.code, message, ...(error.fields && error.expose ? { fields: error.fields } : {}) } }, { status, headers });
  }
}
