import { describe, expect, it } from 'vitest';
import { assertRpIdCoversOrigins, normalizeOrigin } from './rp-settings';

const APK = 'android:apk-key-hash:' + 'A'.repeat(43);

describe('normalizeOrigin', () => {
  it.each([
    ['https://login.example.com/', 'https://login.example.com'],
    ['https://login.example.com:8443', 'https://login.example.com:8443'],
    ['http://localhost:3000', 'http://localhost:3000'],
    ['http://app.localhost', 'http://app.localhost'],
    [APK, APK],
  ])('accepts %s', (input, out) => expect(normalizeOrigin(input)).toBe(out));

  it.each(['http://example.com', 'https://example.com/path', 'https://u:p@example.com', 'nonsense', 'android:apk-key-hash:short', 'https://x.com?q=1'])(
    'rejects %s with tenancy.invalid_origin',
    (input) => expect(() => normalizeOrigin(input)).toThrow(expect.objectContaining({ code: 'tenancy.invalid_origin' })),
  );
});

describe('assertRpIdCoversOrigins', () => {
  it('accepts the rpId itself, subdomains and android origins', () => {
    expect(() => assertRpIdCoversOrigins('example.com', ['https://example.com', 'https://login.example.com', APK])).not.toThrow();
  });
  it.each([
    ['example.com', ['https://evil-example.com']],
    ['example.com', ['https://example.org']],
    ['login.example.com', ['https://example.com']],
    ['Bad_Host', ['https://bad_host']],
  ])('rejects rpId %s for %j with tenancy.invalid_rp_id', (rpId, origins) => {
    expect(() => assertRpIdCoversOrigins(rpId, origins)).toThrow(expect.objectContaining({ code: 'tenancy.invalid_rp_id' }));
  });
});
