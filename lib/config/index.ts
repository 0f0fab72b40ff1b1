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
