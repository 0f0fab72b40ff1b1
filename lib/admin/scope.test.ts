import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, TEST_PROVIDERS } from '../db/test-db';
import type { TDb } from '../db';
import type { TAdminGrant, TAdminPrincipal } from './principal';
import { toAdminPrincipal } from './principal';
import {
  assertCommunityInScope,
  assertRole,
  assertTenantInScope,
  canGrantRole,
  communityRowScopeWhere,
  communityScopeWhere,
  grantScopeWhere,
  isGrantInScope,
  tenantScopeWhere,
} from './scope';
import { seedAdminWorld, type TAdminWorld } from './test-support';

const system: TAdminPrincipal = { adminId: 'a-sys', userId: 'u-sys', role: 'system', communityIds: [] };
const tenantT: TAdminPrincipal = { adminId: 'a-ten', userId: 'u-ten', role: 'tenant', tenantId: 'T', communityIds: [] };
const communityC: TAdminPrincipal = { adminId: 'a-com', userId: 'u-com', role: 'community', tenantId: 'T', communityIds: ['c1', 'c2'] };

const grant = (role: TAdminGrant['role'], tenantId: string | null = null, communityIds: string[] = []): TAdminGrant => ({ role, tenantId, communityIds });

describe('scope rules (pure)', () => {
  it('ranks roles: nobody grants a role above their own', () => {
    expect([canGrantRole(system, 'system'), canGrantRole(system, 'tenant'), canGrantRole(system, 'community')]).toEqual([true, true, true]);
    expect([canGrantRole(tenantT, 'system'), canGrantRole(tenantT, 'tenant'), canGrantRole(tenantT, 'community')]).toEqual([false, true, true]);
    expect([canGrantRole(communityC, 'system'), canGrantRole(communityC, 'tenant'), canGrantRole(communityC, 'community')]).toEqual([false, false, true]);
  });

  it.each([
    ['system', system, grant('system'), true],
    ['system', system, grant('tenant', 'X'), true],
    ['system', system, grant('community', 'X', ['x1']), true],
    ['tenant', tenantT, grant('system'), false],
    ['tenant', tenantT, grant('tenant', 'T'), true],
    ['tenant', tenantT, grant('tenant', 'X'), false],
    ['tenant', tenantT, grant('community', 'T', ['c9']), true],
    ['tenant', tenantT, grant('community', 'X', ['x1']), false],
    ['community', communityC, grant('system'), false],
    ['community', communityC, grant('tenant', 'T'), false],
    ['community', communityC, grant('community', 'T', ['c1']), true],
    ['community', communityC, grant('community', 'T', ['c1', 'c2']), true],
    ['community', communityC, grant('community', 'T', ['c1', 'c3']), false],
    ['community', communityC, grant('community', 'T', []), false],
  ] as const)('a %s admin sees grant %j: %s', (_, principal, g, expected) => {
    expect(isGrantInScope(principal, g)).toBe(expected);
  });

  it('builds the where clauses per role', () => {
    expect(communityScopeWhere(system)).toEqual({ purpose: 'users' });
    expect(communityScopeWhere(tenantT)).toEqual({ purpose: 'users', tenantId: 'T' });
    expect(communityScopeWhere(communityC)).toEqual({ purpose: 'users', id: { in: ['c1', 'c2'] } });
    expect(communityRowScopeWhere(communityC)).toEqual({ community: { purpose: 'users', id: { in: ['c1', 'c2'] } } });
    expect(tenantScopeWhere(system)).toEqual({});
    expect(tenantScopeWhere(tenantT)).toEqual({ id: 'T' });
    expect(tenantScopeWhere(communityC)).toEqual({ id: { in: [] } });
    expect(grantScopeWhere(system)).toEqual({});
    expect(grantScopeWhere(tenantT)).toEqual({ role: { in: ['tenant', 'community'] }, tenantId: 'T' });
    expect(grantScopeWhere(communityC)).toEqual({ role: { in: ['community'] }, tenantId: 'T' });
    // A tenant admin without a tenant (never stored) administers nothing.
    expect(communityScopeWhere({ ...tenantT, tenantId: undefined })).toEqual({ id: { in: [] } });
  });

  it('refuses a feature by role with auth.forbidden (403)', () => {
    expect(() => assertRole(system, ['system'])).not.toThrow();
    expect(() => assertRole(tenantT, ['system'])).toThrow(expect.objectContaining({ code: 'auth.forbidden', status: 403 }));
    expect(() => assertRole(communityC, ['system', 'tenant'])).toThrow(expect.objectContaining({ code: 'auth.forbidden' }));
  });

  it('reads principals from rows without ever widening them', () => {
    expect(toAdminPrincipal({ id: 'a', userId: 'u', role: 'system', tenantId: 'T', communityIds: ['c'] })).toEqual({ adminId: 'a', userId: 'u', role: 'system', communityIds: [] });
    expect(toAdminPrincipal({ id: 'a', userId: 'u', role: 'tenant', tenantId: 'T', communityIds: ['c'] })).toEqual({ adminId: 'a', userId: 'u', role: 'tenant', tenantId: 'T', communityIds: [] });
    expect(toAdminPrincipal({ id: 'a', userId: 'u', role: 'owner', tenantId: 'T', communityIds: 'c' })).toEqual({ adminId: 'a', userId: 'u', role: 'community', tenantId: 'T', communityIds: [] });
  });
});

describe.each(TEST_PROVIDERS)('scope in queries on %s', (provider) => {
  let db: TDb;
  let close: () => Promise<void>;
  let w: TAdminWorld;
  let sys: TAdminPrincipal;
  let acmeAdmin: TAdminPrincipal;
  let webAdmin: TAdminPrincipal;

  beforeAll(async () => {
    ({ db, close } = await openTestDb(provider));
    w = await seedAdminWorld(db, crypto.randomBytes(32));
    sys = { ...system };
    acmeAdmin = { ...tenantT, tenantId: w.acme.id };
    webAdmin = { ...communityC, tenantId: w.acme.id, communityIds: [w.acme.web] };
  });
  afterAll(async () => close());

  it.each([
    ['system', () => sys, () => [w.defaultCommunityId, w.acme.web, w.acme.mobile, w.globex.shop], () => []],
    ['tenant', () => acmeAdmin, () => [w.acme.web, w.acme.mobile], () => [w.defaultCommunityId, w.globex.shop]],
    ['community', () => webAdmin, () => [w.acme.web], () => [w.acme.mobile, w.defaultCommunityId, w.globex.shop]],
  ] as const)('a %s admin reaches its communities, others are not found, the console never', async (_, principal, inside, outside) => {
    for (const communityId of inside()) {
      await expect(assertCommunityInScope({ db, principal: principal(), communityId })).resolves.toMatchObject({ id: communityId });
    }
    for (const communityId of [...outside(), w.consoleCommunityId, 'no-such-community']) {
      await expect(assertCommunityInScope({ db, principal: principal(), communityId })).rejects.toMatchObject({ code: 'tenancy.community_not_found', status: 404 });
    }
    const listed = await db.community.findMany({ where: communityScopeWhere(principal()), select: { id: true } });
    expect(listed.map((c) => c.id).sort()).toEqual([...inside()].sort());
    const users = await db.user.count({ where: communityRowScopeWhere(principal()) });
    expect(users).toBe(0);
  });

  it.each([
    ['system', () => sys, () => [w.defaultTenantId, w.acme.id, w.globex.id], () => []],
    ['tenant', () => acmeAdmin, () => [w.acme.id], () => [w.defaultTenantId, w.globex.id]],
    ['community', () => webAdmin, () => [], () => [w.acme.id, w.globex.id]],
  ] as const)('a %s admin administers its tenants, others are not found', async (_, principal, inside, outside) => {
    for (const tenantId of inside()) await expect(assertTenantInScope({ db, principal: principal(), tenantId })).resolves.toMatchObject({ id: tenantId });
    for (const tenantId of [...outside(), 'no-such-tenant']) {
      await expect(assertTenantInScope({ db, principal: principal(), tenantId })).rejects.toMatchObject({ code: 'tenancy.tenant_not_found', status: 404 });
    }
  });
});
