/**
 * Dashboard and audit log benchmark (`npm run bench:dashboard`; no build needed). See
 * docs/benchmarks.md for the figures.
 *
 * Seeds a temporary SQLite database (the embedded default) with BENCH_EVENTS audit events (default
 * 200,000) spread over 90 days and two communities (sign-ins, registrations, failures with
 * reasons, other events) and BENCH_PASSKEYS passkeys (default 20,000, mixed models and backup
 * states), then times the use-cases the pages and endpoints call, in process (no HTTP):
 *   - getDashboard for 7, 30 and 90 days, all communities (system admin) and one community;
 *   - listAuditEvents: the first page, a page 200 pages deep by keyset cursor, a filtered page;
 *   - exportAuditEvents as CSV of the newest 100,000 events, read to the end (bytes, time, heap).
 * Each timing is the median of BENCH_RUNS runs (default 3). The database is deleted afterwards.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb } from '../../lib/db';
import { migrateDatabase } from '../../lib/db/migrate';
import { createTenant } from '../../lib/tenancy/create-tenant';
import { createCommunity } from '../../lib/tenancy/create-community';
import type { TAdminPrincipal } from '../../lib/admin/principal';
import { getDashboard } from '../../lib/audit/get-dashboard';
import { listAuditEvents } from '../../lib/audit/list-audit-events';
import { exportAuditEvents } from '../../lib/audit/export-audit-events';
import BUNDLED from '../../lib/metadata/aaguids.json';

const env = process.env;
const EVENTS = Number(env.BENCH_EVENTS ?? 200_000);
const PASSKEYS = Number(env.BENCH_PASSKEYS ?? 20_000);
const RUNS = Number(env.BENCH_RUNS ?? 3);
const DAY = 86_400_000;

async function median(label: string, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const m = times[Math.floor(times.length / 2)]!;
  console.log(`  ${label.padEnd(58)} ${m.toFixed(0).padStart(7)} ms   (runs: ${times.map((x) => x.toFixed(0)).join(', ')})`);
  return m;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'latchkey-bench-dashboard-'));
  const url = `file:${path.join(dir, 'bench.db')}`;
  try {
    await migrateDatabase({ url, migrationsRoot: path.resolve(import.meta.dirname, '..', '..', 'prisma') });
    const db = createDb(url);
    const tenant = await createTenant({ db, input: { name: 'Bench' }, actor: 'bench' });
    const community = (name: string) => createCommunity({ db, input: { tenantId: tenant.id, name, rpId: 'example.com', origins: [`https://${name.toLowerCase()}.example.com`] }, actor: 'bench' }).then((c) => c.id);
    const communities = [await community('Web'), await community('Mobile')];

    console.log(`Seeding ${EVENTS.toLocaleString('en')} audit events and ${PASSKEYS.toLocaleString('en')} passkeys into ${url} …`);
    let t = performance.now();
    const now = Date.now();
    const aaguids = Object.keys(BUNDLED).slice(0, 30);
    const reasons = ['passkeys.unknown_credential', 'passkeys.challenge_expired', 'passkeys.verification_failed', 'passkeys.authenticator_not_allowed'];
    const BATCH = 5_000;
    for (let i = 0; i < EVENTS; i += BATCH) {
      const data = Array.from({ length: Math.min(BATCH, EVENTS - i) }, (_, j) => {
        const n = i + j;
        const kind = n % 20;
        const type = kind < 12 ? 'passkeys.authenticated' : kind < 15 ? 'passkeys.registered' : kind < 17 ? 'passkeys.authentication_failed' : kind < 18 ? 'passkeys.registration_failed' : 'users.deleted';
        const failed = type.endsWith('_failed');
        return {
          at: new Date(now - Math.floor(((n * 7919) % EVENTS) / EVENTS * 90 * DAY)),
          type,
          actor: `user:u${n % 5000}`,
          result: failed ? 'failure' : 'success',
          tenantId: tenant.id,
          communityId: communities[n % 2]!,
          subject: `p${n % 20000}`,
          ip: `203.0.113.${n % 250}`,
          userAgent: 'Mozilla/5.0 (bench) "quoted", =formula',
          detail: failed ? { code: reasons[n % reasons.length], reason: 'bench' } : { aaguid: aaguids[n % aaguids.length], synced: n % 3 === 0 },
        };
      });
      await db.auditEvent.createMany({ data });
    }
    const users = await Promise.all(
      Array.from({ length: 2 }, (_, c) => db.user.create({ data: { communityId: communities[c]!, username: `bench${c}`, displayName: 'Bench', userHandle: crypto.randomUUID() } })),
    );
    for (let i = 0; i < PASSKEYS; i += BATCH) {
      const data = Array.from({ length: Math.min(BATCH, PASSKEYS - i) }, (_, j) => {
        const n = i + j;
        const u = users[n % 2]!;
        return { communityId: u.communityId, userId: u.id, credentialId: `cred${n}`, publicKey: 'pk', alg: -7, aaguid: aaguids[Math.floor(Math.sqrt(n)) % aaguids.length]!, backupEligible: n % 3 !== 0, backupState: n % 3 === 1, name: 'Passkey' };
      });
      await db.passkey.createMany({ data });
    }
    console.log(`  seeded in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const system: TAdminPrincipal = { adminId: 'bench', userId: 'bench', role: 'system', communityIds: [] };
    const web: TAdminPrincipal = { adminId: 'bench-web', userId: 'bench', role: 'community', tenantId: tenant.id, communityIds: [communities[0]!] };

    console.log(`\nDashboard (median of ${RUNS})`);
    for (const days of [7, 30, 90]) await median(`getDashboard, all communities, ${days} days`, () => getDashboard({ db, principal: system, query: { days } }));
    await median('getDashboard, one community (community admin), 90 days', () => getDashboard({ db, principal: web, query: { days: 90, communityId: communities[0]! } }));

    console.log(`\nAudit log pages (25 events, median of ${RUNS})`);
    await median('listAuditEvents, first page', () => listAuditEvents({ db, principal: system, query: {} }));
    let cursor: string | null = null;
    for (let p = 0; p < 200; p++) cursor = (await listAuditEvents({ db, principal: system, query: cursor ? { cursor } : {} })).nextCursor;
    await median('listAuditEvents, page 201 (keyset cursor)', () => listAuditEvents({ db, principal: system, query: { cursor: cursor! } }));
    await median('listAuditEvents, community admin, failures of passkeys.', () => listAuditEvents({ db, principal: web, query: { type: 'passkeys.', result: 'failure' } }));
    await median('listAuditEvents, user + 30-day range', () => listAuditEvents({ db, principal: system, query: { actor: 'user:u42', from: new Date(now - 30 * DAY).toISOString().slice(0, 16) } }));

    console.log('\nExport (CSV, newest 100,000 events, read to the end)');
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let heapPeak = heapBefore;
    t = performance.now();
    const file = await exportAuditEvents({ db, principal: system, query: { format: 'csv' } });
    let bytes = 0;
    let rows = -1;
    for await (const chunk of file.chunks) {
      bytes += Buffer.byteLength(chunk);
      rows += chunk.split('\r\n').length - 1;
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    }
    const ms = performance.now() - t;
    console.log(`  ${rows.toLocaleString('en')} rows, ${(bytes / 1e6).toFixed(1)} MB in ${(ms / 1000).toFixed(2)} s (${Math.round(rows / (ms / 1000)).toLocaleString('en')} rows/s); heap grew by at most ${((heapPeak - heapBefore) / 1e6).toFixed(0)} MB`);
    await db.$disconnect();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
