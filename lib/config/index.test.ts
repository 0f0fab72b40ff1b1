import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './index';

describe('parseConfig', () => {
  it('gives the embedded defaults with no environment', () => {
    const c = parseConfig({});
    expect(c.origin).toBe('http://localhost:3000');
    expect(c.rpId).toBe('localhost');
    expect(c.dataDir).toBe(path.resolve('./data'));
    expect(c.databaseUrl).toBe(`file:${path.resolve('./data/latchkey.db')}`);
    expect(c.databaseProvider).toBe('sqlite');
    expect(c.port).toBe(3000);
    expect(c.logLevel).toBe('info');
    expect(c.clockSkewSeconds).toBe(60);
    expect(c.envelopeCurve).toBe('secp256k1');
    expect(c.kekFromEnv).toBeUndefined();
    expect(c.trustProxy).toBe(false);
  });

  it('reads every variable', () => {
    const kek = Buffer.alloc(32, 7).toString('base64');
    const c = parseConfig({
      LATCHKEY_PUBLIC_URL: 'https://id.example.com',
      LATCHKEY_DATA_DIR: '/var/lib/latchkey',
      DATABASE_URL: 'postgresql://u@db/latchkey',
      LATCHKEY_KEK: kek,
      PORT: '8080',
      LATCHKEY_LOG_LEVEL: 'debug',
      LATCHKEY_CLOCK_SKEW_SECONDS: '120',
      LATCHKEY_TRUST_PROXY: 'true',
      LATCHKEY_BUILD_VERSION: 'v1.abc.1',
    });
    expect(c.rpId).toBe('id.example.com');
    expect(c.origin).toBe('https://id.example.com');
    expect(c.databaseProvider).toBe('postgresql');
    expect(c.kekFromEnv).toEqual(Buffer.alloc(32, 7));
    expect(c.port).toBe(8080);
    expect(c.logLevel).toBe('debug');
    expect(c.clockSkewSeconds).toBe(120);
    expect(c.trustProxy).toBe(true);
    expect(c.version).toBe('v1.abc.1');
  });

  it('reads the OTP and delivery settings, defaulting to the database outbox', () => {
    const d = parseConfig({});
    expect(d.otp).toEqual({ ttlSeconds: 300, maxAttempts: 5, rateLimit: 5, rateWindowSeconds: 900 });
    expect(d.messaging).toEqual({ allowPrivateTargets: false });
    const c = parseConfig({
      LATCHKEY_OTP_TTL_SECONDS: '120',
      LATCHKEY_OTP_MAX_ATTEMPTS: '3',
      LATCHKEY_OTP_RATE_LIMIT: '10',
      LATCHKEY_OTP_RATE_WINDOW_SECONDS: '600',
      LATCHKEY_SMTP_URL: 'smtps://user:pw@mail.example.com:465',
      LATCHKEY_SMTP_FROM: 'no-reply@example.com',
      LATCHKEY_SMS_WEBHOOK_URL: 'https://sms.example.com/send',
      LATCHKEY_SMS_WEBHOOK_AUTHORIZATION: 'Bearer abc',
      LATCHKEY_ALLOW_PRIVATE_WEBHOOKS: 'true',
    });
    expect(c.otp).toEqual({ ttlSeconds: 120, maxAttempts: 3, rateLimit: 10, rateWindowSeconds: 600 });
    expect(c.messaging).toEqual({
      smtp: { url: 'smtps://user:pw@mail.example.com:465', from: 'no-reply@example.com' },
      smsWebhook: { url: 'https://sms.example.com/send', authorization: 'Bearer abc' },
      allowPrivateTargets: true,
    });
  });

  it.each([
    [{ LATCHKEY_SMTP_URL: 'smtp://mail.example.com' }, /LATCHKEY_SMTP_FROM: is required when LATCHKEY_SMTP_URL is set/],
    [{ LATCHKEY_SMTP_URL: 'http://mail.example.com', LATCHKEY_SMTP_FROM: 'a@b.example' }, /LATCHKEY_SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/],
    [{ LATCHKEY_SMTP_URL: 'smtp://mail.example.com', LATCHKEY_SMTP_FROM: 'nobody' }, /LATCHKEY_SMTP_FROM: must be an email address/],
    [{ LATCHKEY_SMS_WEBHOOK_URL: 'ftp://x.example' }, /LATCHKEY_SMS_WEBHOOK_URL: must be an absolute http\(s\) URL/],
    [{ LATCHKEY_SMS_WEBHOOK_AUTHORIZATION: 'Bearer x' }, /LATCHKEY_SMS_WEBHOOK_AUTHORIZATION: is only used with LATCHKEY_SMS_WEBHOOK_URL/],
    [{ LATCHKEY_ALLOW_PRIVATE_WEBHOOKS: 'sure' }, /LATCHKEY_ALLOW_PRIVATE_WEBHOOKS: must be true or false/],
    [{ LATCHKEY_OTP_TTL_SECONDS: '5' }, /LATCHKEY_OTP_TTL_SECONDS/],
    [{ LATCHKEY_OTP_MAX_ATTEMPTS: '0' }, /LATCHKEY_OTP_MAX_ATTEMPTS/],
    [{ LATCHKEY_OTP_RATE_LIMIT: 'many' }, /LATCHKEY_OTP_RATE_LIMIT: must be a number/],
  ])('refuses bad delivery settings %j', (env, message) => {
    expect(() => parseConfig(env)).toThrow(message);
  });

  it('treats empty strings as unset', () => {
    expect(parseConfig({ PORT: '', LATCHKEY_PUBLIC_URL: '' }).port).toBe(3000);
  });

  it.each([
    ['LATCHKEY_PUBLIC_URL', 'not a url', /LATCHKEY_PUBLIC_URL: must be an absolute http\(s\) URL/],
    ['LATCHKEY_PUBLIC_URL', 'ftp://x.example', /LATCHKEY_PUBLIC_URL/],
    ['LATCHKEY_PUBLIC_URL', 'https://x.example/app', /LATCHKEY_PUBLIC_URL: must be an origin without path/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL: must start with file:, postgres:\/\/ or postgresql:\/\//],
    ['LATCHKEY_KEK', 'c2hvcnQ=', /LATCHKEY_KEK: must be 32 bytes/],
    ['PORT', 'eighty', /PORT: must be a number/],
    ['PORT', '70000', /PORT/],
    ['LATCHKEY_LOG_LEVEL', 'loud', /LATCHKEY_LOG_LEVEL: must be one of debug, info, warn, error/],
    ['LATCHKEY_CLOCK_SKEW_SECONDS', '0', /LATCHKEY_CLOCK_SKEW_SECONDS/],
    ['LATCHKEY_TRUST_PROXY', 'maybe', /LATCHKEY_TRUST_PROXY: must be true or false/],
  ])('rejects %s=%s naming the variable', (name, value, message) => {
    expect(() => parseConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => parseConfig({ [name]: value })).toThrow(message);
  });

  it('lists every problem at once', () => {
    try {
      parseConfig({ PORT: 'x', LATCHKEY_LOG_LEVEL: 'y' });
      expect.unreachable();
    } catch (e) {
      expect((e as ConfigError).problems).toHaveLength(2);
    }
  });
});
