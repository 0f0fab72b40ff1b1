import path from 'node:path';
import { z } from 'zod';

/**
 * The one place that reads the environment (ARCHITECTURE.md "Configuration"). Values are parsed
 * and validated once; derived values (rpId, origin, SQLite file) are computed here too.
 */

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type TLogLevel = (typeof LOG_LEVELS)[number];

const ZBoolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const ZEnv = z.object({
  LATCHKEY_PUBLIC_URL: z
    .url({ protocol: /^https?$/, message: 'must be an absolute http(s) URL such as https://id.example.com' })
    .default('http://localhost:3000')
    .transform((v, ctx) => {
      const u = new URL(v);
      if (u.pathname !== '/' || u.search || u.hash) {
        ctx.addIssue({ code: 'custom', message: 'must be an origin without path, query or fragment' });
        return z.NEVER;
      }
      return u;
    }),
  LATCHKEY_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres:\/\/|postgresql:\/\/)/, 'must start with file:, postgres:// or postgresql://')
    .optional(),
  LATCHKEY_KEK: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes in base64 (openssl rand -base64 32)')
    .optional(),
  PORT: z.coerce.number({ message: 'must be a number' }).int().min(1).max(65535).default(3000),
  LATCHKEY_LOG_LEVEL: z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  LATCHKEY_CLOCK_SKEW_SECONDS: z.coerce.number({ message: 'must be a number' }).int().min(1).max(3600).default(60),
  LATCHKEY_ENVELOPE_CURVE: z.enum(['secp256k1', 'prime256v1'], { message: 'must be secp256k1 or prime256v1' }).default('secp256k1'),
  LATCHKEY_TRUST_PROXY: ZBoolean.default(false),
  LATCHKEY_BUILD_VERSION: z.string().optional(),
  // --- one-time codes (002 OTP, email/phone verification) ---
  LATCHKEY_OTP_TTL_SECONDS: z.coerce.number({ message: 'must be a number' }).int().min(30).max(3600).default(300),
  LATCHKEY_OTP_MAX_ATTEMPTS: z.coerce.number({ message: 'must be a number' }).int().min(1).max(20).default(5),
  LATCHKEY_OTP_RATE_LIMIT: z.coerce.number({ message: 'must be a number' }).int().min(1).max(1000).default(5),
  LATCHKEY_OTP_RATE_WINDOW_SECONDS: z.coerce.number({ message: 'must be a number' }).int().min(60).max(86_400).default(900),
  // --- delivery of codes (lib/messaging) ---
  LATCHKEY_SMTP_URL: z
    .url({ protocol: /^smtps?$/, message: 'must be an smtp:// or smtps:// URL such as smtps://user:password@mail.example.com:465' })
    .optional(),
  LATCHKEY_SMTP_FROM: z.email({ message: 'must be an email address such as no-reply@example.com' }).optional(),
  LATCHKEY_SMS_WEBHOOK_URL: z.url({ protocol: /^https?$/, message: 'must be an absolute http(s) URL' }).optional(),
  LATCHKEY_SMS_WEBHOOK_AUTHORIZATION: z.string().max(4096).optional(),
  LATCHKEY_ALLOW_PRIVATE_WEBHOOKS: ZBoolean.default(false),
  LATCHKEY_MDS_ROOT_CERT_FILE: z.string().optional(),
});

export type TConfig = {
  publicUrl: URL;
  /** Origin of the public URL, e.g. `https://id.example.com`. */
  origin: string;
  /** Host name of the public URL: the default community's rpId. */
  rpId: string;
  dataDir: string;
  databaseUrl: string;
  databaseProvider: 'sqlite' | 'postgresql';
  /** Key-encryption key from the environment; when absent, lib/crypto/kek generates one into dataDir. */
  kekFromEnv: Buffer | undefined;
  port: number;
  logLevel: TLogLevel;
  /** Allowed clock skew / `allowed_time_span` of enveloped requests, seconds. */
  clockSkewSeconds: number;
  envelopeCurve: 'secp256k1' | 'prime256v1';
  /** Trust X-Forwarded-For / X-Forwarded-Proto from a reverse proxy. */
  trustProxy: boolean;
  version: string;
  /** One-time codes: lifetime, guesses per code, and codes a user may request per window. */
  otp: TOtpSettings;
  /** How codes are delivered; without SMTP / a webhook, messages stay in the database outbox (and the log). */
  messaging: TMessagingSettings;
  /** PEM file of the root certificate MDS3 BLOB imports must chain to (default: the bundled FIDO root, lib/metadata/fido-mds-root-ca.ts). */
  mdsRootCertFile?: string;
};

export type TOtpSettings = { ttlSeconds: number; maxAttempts: number; rateLimit: number; rateWindowSeconds: number };

export type TMessagingSettings = {
  /** SMTP server URL (may carry credentials: never log it) and the From address. */
  smtp?: { url: string; from: string };
  /** SMS webhook: a JSON POST `{to, body}` with an optional Authorization header value. */
  smsWebhook?: { url: string; authorization?: string };
  /** Let outbound calls (the SMS webhook) reach private, loopback and link-local addresses. */
  allowPrivateTargets: boolean;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses a whole environment; throws ConfigError naming each bad variable and what is wrong. */
export function parseConfig(env: Record<string, string | undefined>): TConfig {
  // Empty strings count as unset, so `FOO= npm start` falls back to the default.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ZEnv.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${String(i.path[0] ?? '?')}: ${i.message}`));
  }
  const e = parsed.data;
  // SMTP without a sender address cannot send anything valid: refuse to start rather than fail per message.
  if (e.LATCHKEY_SMTP_URL && !e.LATCHKEY_SMTP_FROM) throw new ConfigError(['LATCHKEY_SMTP_FROM: is required when LATCHKEY_SMTP_URL is set']);
  if (e.LATCHKEY_SMS_WEBHOOK_AUTHORIZATION && !e.LATCHKEY_SMS_WEBHOOK_URL) throw new ConfigError(['LATCHKEY_SMS_WEBHOOK_AUTHORIZATION: is only used with LATCHKEY_SMS_WEBHOOK_URL']);
  const dataDir = path.resolve(e.LATCHKEY_DATA_DIR);
  const databaseUrl = e.DATABASE_URL ?? `file:${path.join(dataDir, 'latchkey.db')}`;
  return {
    publicUrl: e.LATCHKEY_PUBLIC_URL,
    origin: e.LATCHKEY_PUBLIC_URL.origin,
    rpId: e.LATCHKEY_PUBLIC_URL.hostname,
    dataDir,
    databaseUrl,
    databaseProvider: databaseUrl.startsWith('file:') ? 'sqlite' : 'postgresql',
    kekFromEnv: e.LATCHKEY_KEK ? Buffer.from(e.LATCHKEY_KEK, 'base64') : undefined,
    port: e.PORT,
    logLevel: e.LATCHKEY_LOG_LEVEL,
    clockSkewSeconds: e.LATCHKEY_CLOCK_SKEW_SECONDS,
    envelopeCurve: e.LATCHKEY_ENVELOPE_CURVE,
    trustProxy: e.LATCHKEY_TRUST_PROXY,
    version: e.LATCHKEY_BUILD_VERSION ?? 'dev',
    otp: { ttlSeconds: e.LATCHKEY_OTP_TTL_SECONDS, maxAttempts: e.LATCHKEY_OTP_MAX_ATTEMPTS, rateLimit: e.LATCHKEY_OTP_RATE_LIMIT, rateWindowSeconds: e.LATCHKEY_OTP_RATE_WINDOW_SECONDS },
    messaging: {
      ...(e.LATCHKEY_SMTP_URL && e.LATCHKEY_SMTP_FROM ? { smtp: { url: e.LATCHKEY_SMTP_URL, from: e.LATCHKEY_SMTP_FROM } } : {}),
      ...(e.LATCHKEY_SMS_WEBHOOK_URL
        ? { smsWebhook: { url: e.LATCHKEY_SMS_WEBHOOK_URL, ...(e.LATCHKEY_SMS_WEBHOOK_AUTHORIZATION ? { authorization: e.LATCHKEY_SMS_WEBHOOK_AUTHORIZATION } : {}) } }
        : {}),
      allowPrivateTargets: e.LATCHKEY_ALLOW_PRIVATE_WEBHOOKS,
    },
    mdsRootCertFile: e.LATCHKEY_MDS_ROOT_CERT_FILE ? path.resolve(e.LATCHKEY_MDS_ROOT_CERT_FILE) : undefined,
  };
}

let cached: TConfig | undefined;

/** The process configuration, read from the environment once. */
export function getConfig(): TConfig {
  cached ??= parseConfig({ ...process.env, LATCHKEY_BUILD_VERSION: process.env.LATCHKEY_BUILD_VERSION });
  return cached;
}

/** Test seam: replace the cached configuration (or clear it with undefined). */
export function setConfigForTests(config: TConfig | undefined): void {
  cached = config;
}

/** The documented variables, for the README table and `latchkey info`. */
export const CONFIG_VARIABLES = Object.keys(ZEnv.shape);
