import { z } from 'zod';
import type { TTx } from '../db';
import { AppError, isAppError } from '../errors';
import { parseInput } from '../errors/validation';
import { verifyJwtAccess, type TJwtAccessClaims } from './jwt-access';

export const ZTokenVerifyInput = z.object({ jwtAccess: z.string().min(1).max(8192) });

/**
 * An application's back end checks a jwtAccess a client presented (002 `POST mgmt/token/verify`,
 * body `{jwtAccess}`): valid when signed by the community, unexpired, issued to THIS application
 * (a token of another application is invalid for it) and its user still exists and is active.
 * Refusals are `tokens.invalid` (401), apart from the caller's own `auth.unauthenticated`.
 * @throws AppError `request.validation_failed`, `tokens.invalid`
 */
export async function verifyJwtAccessForApplication(options: { db: TTx; origin: string; application: { id: string; communityId: string }; input: unknown; now?: Date }): Promise<TJwtAccessClaims> {
  const { jwtAccess } = parseInput(ZTokenVerifyInput, options.input);
  let claims;
  try {
    claims = await verifyJwtAccess({ db: options.db, token: jwtAccess, origin: options.origin, appId: options.application.id, now: options.now });
  } catch (e) {
    if (isAppError(e) && e.code === 'auth.unauthenticated') throw new AppError('tokens.invalid', { detail: e.detail, cause: e });
    throw e;
  }
  const user = await options.db.user.findFirst({ where: { id: claims.sub, communityId: options.application.communityId, status: 'active' }, select: { id: true } });
  if (!user) throw new AppError('tokens.invalid', { detail: `user ${claims.sub} is gone or disabled` });
  return claims;
}
