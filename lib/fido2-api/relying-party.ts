import type { TDb, TTx } from '../db';
import type { TRequestMeta } from '../passkeys/audit-failure';
import { AppError, isAppError } from '../errors';
import { findActiveApplication } from '../applications/find-application';
import type { TApplicationDto } from '../applications/application';
import type { TRpOverride } from '../passkeys/rp';
import { normalizeOrigin } from '../tenancy/rp-settings';

/** An application of the call and the relying party its ceremonies run for. */
export type TFido2Target = { app: TApplicationDto; rp: TRpOverride };

/** What the complete calls (auth/complete, reg/complete) are given by their routes. */
export type TFido2CompleteOptions = {
  db: TDb;
  kek: Buffer;
  /** The service's public origin (the issuer of the jwtAccess). */
  origin: string;
  body: unknown;
  browserOrigin: string | null;
  meta?: TRequestMeta;
  now?: Date;
};

function webOrigin(header: string): string | undefined {
  try {
    const origin = normalizeOrigin(header);
    return /^https?:\/\//.test(origin) ? origin : undefined;
  } catch (e) {
    if (isAppError(e)) return undefined;
    throw e;
  }
}

/**
 * The relying party of a 002 ceremony: the community's rpId, and as expected origins the
 * application's origins — or the community's when the application lists none (each application
 * origin is within the community's rpId, checked when it was registered). A browser call
 * (`Origin` present) must come from one of them; calls without `Origin` (servers, native apps)
 * are not refused here, but the WebAuthn response itself must still name an expected origin.
 * @throws AppError `fido2.origin_not_allowed`, `tenancy.community_not_found`
 */
export async function relyingPartyOf(options: { db: TTx; app: TApplicationDto; browserOrigin: string | null }): Promise<TRpOverride> {
  const community = await options.db.community.findUnique({ where: { id: options.app.communityId }, select: { rpId: true, origins: true } });
  if (!community) throw new AppError('tenancy.community_not_found', { detail: options.app.communityId });
  const origins = options.app.origins.length > 0 ? options.app.origins : (community.origins as string[]);
  if (options.browserOrigin !== null) {
    const origin = webOrigin(options.browserOrigin);
    if (!origin || !origins.includes(origin)) {
      throw new AppError('fido2.origin_not_allowed', { detail: `Origin ${JSON.stringify(options.browserOrigin)} is not one of application ${options.app.id}'s origins` });
    }
  }
  return { rpId: community.rpId, origins };
}

/**
 * The active application `appId` names and its relying party, for a call from `browserOrigin`.
 * @throws AppError `applications.not_found`, `fido2.origin_not_allowed`, `tenancy.community_not_found`
 */
export async function resolveTarget(options: { db: TTx; appId: string; browserOrigin: string | null }): Promise<TFido2Target> {
  const app = await findActiveApplication({ db: options.db, applicationId: options.appId });
  return { app, rp: await relyingPartyOf({ db: options.db, app, browserOrigin: options.browserOrigin }) };
}
