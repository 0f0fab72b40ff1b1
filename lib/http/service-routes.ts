import { AppError } from '../errors';
import { getConfig } from '../config';
import { getDb } from '../db';
import { checkHealth } from '../service/health';
import { describeEnvironment, serviceDirectory } from '../service/environment';
import { getServicePublicKey } from '../envelope/service-key';
import { defineRoute, type TRouteContext } from './route';
import type { TSurface } from './formats';

/**
 * The service endpoints shared by /webauthn (spec 000) and /authn (spec 004): healthz,
 * publickeys, environment, sd, and the not-found answer for unknown paths under the surface.
 */
export function serviceRoutes(surface: TSurface) {
  const notFound = defineRoute(surface, async () => {
    throw new AppError('request.not_found');
  });
  return {
    healthz: defineRoute(surface, async () => {
      const { httpStatus, body } = await checkHealth({ db: getDb(), version: getConfig().version });
      return Response.json(body, { status: httpStatus });
    }),
    publickeys: defineRoute(surface, async () => {
      const publicKey = await getServicePublicKey(getDb());
      if (!publicKey) throw new AppError('request.not_found', { detail: 'no service key pair' });
      return { publicKey };
    }),
    environment: defineRoute(surface, async () => describeEnvironment(getConfig())),
    sd: defineRoute(surface, async () => serviceDirectory(getConfig())),
    notFound,
  };
}

export type { TRouteContext };

export const webauthnService = serviceRoutes('webauthn');
export const authnService = serviceRoutes('authn');
