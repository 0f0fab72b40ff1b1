import type { TDb } from '../db';
import { createSoftAuthenticator, type TSoftAuthenticator } from '../../e2e/support/soft-authenticator';
import { createCommunity } from '../tenancy/create-community';
import { createTenant } from '../tenancy/create-tenant';
import { bootstrap } from '../tenancy/bootstrap';
import { createSetupLink } from './create-setup-link';
import { enrollAdminWithPasskey } from './finish-admin-enrollment';
import { startAdminEnrollment } from './start-admin-enrollment';
import type { TAdminGrant, TAdminPrincipal } from './principal';

/** Test helper (not a test): the console on https://id.example.com, and tenants to administer. */
export const CONSOLE_ORIGIN = 'https://id.example.com';
export const CONFIG = { origin: CONSOLE_ORIGIN, rpId: 'id.example.com', envelopeCurve: 'secp256k1' as const };

export type TAdminWorld = {
  defaultTenantId: string;
  defaultCommunityId: string;
  consoleCommunityId: string;
  /** Acme with communities Web and Mobile; Globex with Shop. */
  acme: { id: string; web: string; mobile: string };
  globex: { id: string; shop: string };
  bootstrapLink: string;
};

export async function seedAdminWorld(db: TDb, kek: Buffer): Promise<TAdminWorld> {
  const boot = await bootstrap({ db, config: CONFIG, kek });
  const community = (tenantId: string, name: string) =>
    createCommunity({ db, input: { tenantId, name, rpId: 'example.com', origins: [`https://${name.toLowerCase()}.example.com`] }, actor: 'test' }).then((c) => c.id);
  const acme = (await createTenant({ db, input: { name: 'Acme' }, actor: 'test' })).id;
  const globex = (await createTenant({ db, input: { name: 'Globex' }, actor: 'test' })).id;
  return {
    defaultTenantId: boot.tenantId,
    defaultCommunityId: boot.communityId,
    consoleCommunityId: boot.consoleCommunityId,
    acme: { id: acme, web: await community(acme, 'Web'), mobile: await community(acme, 'Mobile') },
    globex: { id: globex, shop: await community(globex, 'Shop') },
    bootstrapLink: boot.setupLink ?? '',
  };
}

export function tokenOf(url: string): string {
  return new URL(url).searchParams.get('token') ?? '';
}

let n = 0;
/** A unique username. */
export function uniqueUsername(prefix = 'admin'): string {
  n += 1;
  return `${prefix}${n}-${Math.random().toString(36).slice(2, 7)}`;
}

export type TTestAdmin = { principal: TAdminPrincipal; sessionToken: string; authenticator: TSoftAuthenticator; username: string };

/** An administrator made the real way: a setup link, then enrolment with a software authenticator. */
export async function enrollTestAdmin(db: TDb, grant: TAdminGrant, options: { username?: string; link?: string } = {}): Promise<TTestAdmin> {
  const link = options.link ?? (await createSetupLink({ db, origin: CONSOLE_ORIGIN, actor: 'test', ...grant })).url;
  const username = options.username ?? uniqueUsername(grant.role);
  const authenticator = createSoftAuthenticator();
  const { options: creation } = await startAdminEnrollment({ db, token: tokenOf(link), input: { username, displayName: `Test ${username}` } });
  const response = authenticator.register(creation, { origin: CONSOLE_ORIGIN });
  const session = await enrollAdminWithPasskey({ db, token: tokenOf(link), response });
  return { principal: session.principal, sessionToken: session.token, authenticator, username };
}

export const SYSTEM: TAdminGrant = { role: 'system', tenantId: null, communityIds: [] };

/**
 * Principals of the world's administrators, without enrolment (for use-case tests that only need
 * the scope): a system admin, Acme's tenant admin, the community admin of Acme/Web, Globex's
 * tenant admin. Audit events name them `admin:sys`, `admin:acme`, `admin:web`, `admin:globex`.
 */
export function worldPrincipals(w: TAdminWorld): Record<'system' | 'acme' | 'web' | 'globex', TAdminPrincipal> {
  return {
    system: { adminId: 'sys', userId: 'u-sys', role: 'system', communityIds: [] },
    acme: { adminId: 'acme', userId: 'u-acme', role: 'tenant', tenantId: w.acme.id, communityIds: [] },
    web: { adminId: 'web', userId: 'u-web', role: 'community', tenantId: w.acme.id, communityIds: [w.acme.web] },
    globex: { adminId: 'globex', userId: 'u-globex', role: 'tenant', tenantId: w.globex.id, communityIds: [] },
  };
}
