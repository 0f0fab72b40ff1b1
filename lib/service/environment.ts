import type { TConfig } from '../config';

/**
 * The `/environment` document: what a client needs to talk to this deployment. spec 004 refers to
 * `CaaS.environment.allowed_time_span` (seconds a `requestid.ts` may differ from now).
 */
export function describeEnvironment(config: Pick<TConfig, 'origin' | 'clockSkewSeconds' | 'envelopeCurve' | 'version'>) {
  return {
    name: 'latchkey',
    publicUrl: config.origin,
    version: config.version,
    allowed_time_span: config.clockSkewSeconds,
    envelope: { curve: config.envelopeCurve, cipher: 'aes-256-gcm' },
  };
}

/** The `/sd` service directory: a flat map of service name → base URL (WIRE-NOTES §1). */
export function serviceDirectory(config: Pick<TConfig, 'origin'>): Record<string, string> {
  const o = config.origin;
  return {
    webauthn: `${o}/webauthn`,
    authn: `${o}/authn`,
    adminconsole: `${o}/admin`,
  };
}
