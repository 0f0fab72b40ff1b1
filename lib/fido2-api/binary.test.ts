import { describe, expect, it } from 'vitest';
import { requireBase64url, toBase64url } from './binary';

describe('toBase64url', () => {
  const bytes = Buffer.from([0xfb, 0xff, 0xbf, 0x00, 0x01]);
  it('keeps base64url and converts standard base64 (padded or not multiple of 4)', () => {
    expect(toBase64url(bytes.toString('base64url'))).toBe('-_-_AAE');
    expect(toBase64url(bytes.toString('base64'))).toBe('-_-_AAE');
    expect(toBase64url('')).toBe('');
  });
  it.each(['a b', 'abc$', '+/+/A', '====', 'ab=c'])('refuses %j', (value) => {
    expect(toBase64url(value)).toBeUndefined();
  });
});

describe('requireBase64url', () => {
  it('names the field in the validation error', () => {
    expect(() => requireBase64url('keyHandle', 'not base64!')).toThrow(expect.objectContaining({ code: 'request.validation_failed', fields: { keyHandle: 'must be base64url or base64' } }));
    expect(requireBase64url('x', 'AAE=')).toBe('AAE');
  });
});
