import { AppError } from '../errors';

const BASE64URL = /^[A-Za-z0-9_-]*$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * A binary field of a FIDO2 API 2.0 body as unpadded base64url. The dialect sends base64url
 * without padding, some clients standard base64 (WIRE-NOTES §2): both are accepted. Returns
 * undefined when the value is neither.
 */
export function toBase64url(value: string): string | undefined {
  if (BASE64URL.test(value)) return value;
  if (value.length % 4 === 0 && BASE64.test(value)) return value.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return undefined;
}

/**
 * Like {@link toBase64url} for a named field of the request, refusing anything else with a
 * validation error that names the field.
 * @throws AppError `request.validation_failed`
 */
export function requireBase64url(field: string, value: string): string {
  const out = toBase64url(value);
  if (out === undefined) {
    throw new AppError('request.validation_failed', { fields: { [field]: 'must be base64url or base64' }, publicMessage: `Validation error: ${field}: must be base64url or base64` });
  }
  return out;
}
