import { AppError } from '../errors';
import type { TRpSettings } from './rp';

export type TClientData = { type: string; challenge: string; origin: string; crossOrigin?: boolean; topOrigin?: string };

/**
 * Decodes `clientDataJSON` (WebAuthn §5.8.1) far enough to find the ceremony it answers.
 * Everything in it is verified again by the library; this only reads.
 * @throws AppError `passkeys.verification_failed`
 */
export function readClientData(clientDataJSON: unknown): TClientData {
  if (typeof clientDataJSON !== 'string' || clientDataJSON.length > 8192) {
    throw new AppError('passkeys.verification_failed', { detail: 'clientDataJSON missing or too long' });
  }
  try {
    const parsed = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8')) as Partial<TClientData>;
    if (typeof parsed.challenge !== 'string' || typeof parsed.type !== 'string' || typeof parsed.origin !== 'string') throw new Error('fields');
    return parsed as TClientData;
  } catch {
    throw new AppError('passkeys.verification_failed', { detail: 'clientDataJSON is not valid' });
  }
}

/**
 * WebAuthn L3 §7.1 step 10 / §7.2 step 14: the RP must decide whether it accepts a ceremony run
 * in a cross-origin iframe. @simplewebauthn/server does not check `crossOrigin`, and only checks
 * `topOrigin` when asked, so both are checked here: refused unless the community allows
 * cross-origin use, and then only for a listed top origin.
 * @throws AppError `passkeys.verification_failed`
 */
export function assertCrossOriginAllowed(rp: TRpSettings, clientData: TClientData): void {
  const cross = clientData.crossOrigin === true;
  if (!cross && clientData.topOrigin === undefined) return;
  if (!rp.allowCrossOrigin) {
    throw new AppError('passkeys.verification_failed', { detail: `cross-origin ceremony refused (crossOrigin=${cross}, topOrigin=${clientData.topOrigin})` });
  }
  if (clientData.topOrigin !== undefined && !rp.allowedTopOrigins.includes(clientData.topOrigin)) {
    throw new AppError('passkeys.verification_failed', { detail: `top origin ${clientData.topOrigin} not allowed` });
  }
}
