/**
 * WebAuthn service API benchmark (`npm run bench:webauthn-api`; run `npm run build` first). See
 * docs/benchmarks.md.
 *
 * Complete spec 000 sign-ins (assertion options → sign with the software authenticator →
 * assertion result) through the client SDK (lib/client) over HTTP against the production build
 * (`next start`) on a fresh SQLite data folder, enveloped (ECDH + AES-256-GCM, WIRE-NOTES §1)
 * versus plain `/u1`, in one run and on one server:
 *   1. a license (and a spec 001 API key) is created on the server's database;
 *   2. BENCH_USERS users (default 1,000) register a passkey each through the `/u1` API;
 *   3. a smoke check: one sign-in per family, a spec 001 registration + sign-in with the minimal
 *      client, and a refused call surfacing as a typed LatchkeyApiError;
 *   4. a warm-up per family, then closed-loop phases of BENCH_DURATION_MS (default 10 s) at
 *      BENCH_CONCURRENCY (default 16) in the order enveloped, u1, u1, enveloped (the drift of the
 *      machine over the run weighs on both families alike).
 * Printed per phase: throughput, p50/p99 latency, server CPU per sign-in (the server's process
 * tree), client CPU per sign-in (this process) and CPU used by other processes; then the
 * envelope's cost: the throughput lost and the server CPU added, as a share of u1.
 *
 * The load generator is this process: it shares the two cores with the server. Talks to 127.0.0.1
 * only; every loop is bounded by time; the data folder is deleted at the end.
 *
 * Environment (optional): BENCH_USERS=1000 BENCH_CONCURRENCY=16 BENCH_DURATION_MS=10000
 * BENCH_WARMUP_MS=2000
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { createApiKey } from '../../lib/apikeys/create-api-key';
import { createLatchkeyClient, createMinimalApiClient, LatchkeyApiError, type TWebauthnFamily, type TWebauthnTarget } from '../../lib/client';
import { createDb } from '../../lib/db';
import { createLicense } from '../../lib/licenses/create-license';
import { startTestServer } from '../support/server';
import { createSoftAuthenticator } from '../support/soft-authenticator';
import { cpuMsOf, machineCpu, processTree } from './proc-stats';
import { closedLoop, familyCalls, quantile, signIn, type TBenchUser, type TPhaseResult } from './webauthn-api-load';

const USERS = Number(process.env.BENCH_USERS ?? 1_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 10_000);
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 2_000);
/** Registrations in flight while seeding. */
const SEED_CONCURRENCY = 8;
const ORDER: TWebauthnFamily[] = ['enveloped', 'u1', 'u1', 'enveloped'];
const TARGET_ENVELOPE_SHARE = 0.2;

const log = (line = '') => console.log(line);
const fixed = (v: number, digits = 1) => v.toFixed(digits);

type TMeasured = TPhaseResult & { family: TWebauthnFamily; serverCpuMs: number; clientCpuMs: number; otherCores: number };

async function main(): Promise<void> {
  const runStarted = performance.now();
  log(`WebAuthn service API benchmark: ${USERS} users, concurrency ${CONCURRENCY}, ${DURATION_MS / 1000} s per phase (${ORDER.join(', ')})`);
  log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}`);

  const server = await startTestServer();
  const db = createDb(server.databaseUrl);
  try {
    const origin = server.baseUrl;
    const community = await db.community.findFirstOrThrow({ where: { isDefault: true }, select: { id: true, tenantId: true } });
    const target: TWebauthnTarget = { tenantId: community.tenantId, communityId: community.id, dns: 'localhost' };
    const { key: licenseKey } = await createLicense({ db, input: { authLevel: 'app', communityIds: [community.id] }, actor: 'bench' });
    const { key: apiKey } = await createApiKey({ db, input: { communityId: community.id, allowedOrigins: [origin], label: 'bench' }, actor: 'bench' });
    const client = createLatchkeyClient({ baseUrl: server.baseUrl, licenseKey, appId: 'com.example.latchkey-bench' });

    // --- seed users through the /u1 API ---
    const seedStarted = performance.now();
    const users: TBenchUser[] = [];
    let seeded = 0;
    await Promise.all(
      Array.from({ length: SEED_CONCURRENCY }, async () => {
        while (seeded < USERS) {
          const username = `bench-${seeded++}-${crypto.randomBytes(3).toString('hex')}`;
          const authenticator = createSoftAuthenticator();
          const options = await client.u1.attestationOptions({ ...target, username, displayName: username });
          await client.u1.attestationResult(options.sessionInfo, { ...target, ...authenticator.register(options, { origin }) });
          users.push({ username, authenticator });
        }
      }),
    );
    log(`seeded ${users.length} users with a passkey each through /webauthn/u1 in ${fixed((performance.now() - seedStarted) / 1000)} s`);

    // --- smoke check: both families, spec 001, typed errors ---
    for (const family of ['enveloped', 'u1'] as const) await signIn(familyCalls(client, family), target, users[0]!, origin);
    const minimal = createMinimalApiClient({ baseUrl: server.baseUrl, apiKey, origin });
    const minimalAuth = createSoftAuthenticator();
    const reg = await minimal.registrationRequest({ userName: `bench-001-${crypto.randomBytes(3).toString('hex')}` });
    const registered = await minimal.registrationResponse({ session: reg.session, publicKeyCredential: minimalAuth.register(reg.publicKeyCredentialCreationOptions, { origin }) });
    const auth = await minimal.authenticationRequest();
    const signedIn = await minimal.authenticationResponse({ session: auth.session, publicKeyCredential: minimalAuth.authenticate(auth.publicKeyCredentialRequestOptions, { origin }) });
    if (!registered.verified || signedIn.userId !== registered.userId) throw new Error('spec 001 smoke check failed');
    const refused = await createLatchkeyClient({ baseUrl: server.baseUrl, licenseKey: 'lk_unknown', appId: 'bench' })
      .assertionOptions(target)
      .then(() => undefined, (e: unknown) => e);
    if (!(refused instanceof LatchkeyApiError) || refused.status !== 401) throw new Error(`expected a LatchkeyApiError 401, got ${String(refused)}`);
    log('smoke check: enveloped and u1 sign-ins, spec 001 registration + sign-in, LatchkeyApiError 401 for an unknown license: ok');

    // --- warm-up ---
    for (const family of ['enveloped', 'u1'] as const) {
      const warm = await closedLoop({ calls: familyCalls(client, family), target, users, origin, concurrency: CONCURRENCY, durationMs: WARMUP_MS });
      if (warm.errors > 0) throw new Error(`warm-up (${family}): ${warm.errors} errors, first: ${warm.firstError}`);
    }

    // --- measured phases ---
    const serverPids = () => processTree(server.process.pid!);
    const measured: TMeasured[] = [];
    log();
    log('phase  family      sign-ins  sign-ins/s  p50 ms  p99 ms  server CPU ms/sign-in  client CPU ms/sign-in  other cores');
    for (const [i, family] of ORDER.entries()) {
      const pids = serverPids();
      const server0 = cpuMsOf(pids);
      const client0 = process.cpuUsage();
      const machine0 = machineCpu();
      const result = await closedLoop({ calls: familyCalls(client, family), target, users, origin, concurrency: CONCURRENCY, durationMs: DURATION_MS });
      const serverCpuMs = cpuMsOf(pids) - server0;
      const clientUsage = process.cpuUsage(client0);
      const clientCpuMs = (clientUsage.user + clientUsage.system) / 1000;
      const machine1 = machineCpu();
      const busyCores = ((machine1.busy - machine0.busy) / Math.max(1, machine1.total - machine0.total)) * os.cpus().length;
      const otherCores = Math.max(0, busyCores - (serverCpuMs + clientCpuMs) / result.elapsedMs);
      const m: TMeasured = { ...result, family, serverCpuMs, clientCpuMs, otherCores };
      measured.push(m);
      const n = Math.max(1, m.signIns);
      log(
        `${String(i + 1).padEnd(6)} ${family.padEnd(10)} ${String(m.signIns).padStart(9)} ${fixed((m.signIns * 1000) / m.elapsedMs).padStart(11)} ${fixed(quantile(m.latenciesMs, 0.5)).padStart(7)} ${fixed(quantile(m.latenciesMs, 0.99)).padStart(7)} ${fixed(m.serverCpuMs / n, 2).padStart(22)} ${fixed(m.clientCpuMs / n, 2).padStart(22)} ${fixed(m.otherCores, 2).padStart(12)}${m.errors ? `  ERRORS ${m.errors}: ${m.firstError}` : ''}`,
      );
    }

    // --- summary ---
    const of = (family: TWebauthnFamily) => {
      const phases = measured.filter((m) => m.family === family);
      const signIns = phases.reduce((a, m) => a + m.signIns, 0);
      const elapsed = phases.reduce((a, m) => a + m.elapsedMs, 0);
      const latencies = phases.flatMap((m) => m.latenciesMs);
      return {
        rate: (signIns * 1000) / elapsed,
        p50: quantile(latencies, 0.5),
        p99: quantile(latencies, 0.99),
        serverCpu: phases.reduce((a, m) => a + m.serverCpuMs, 0) / signIns,
        clientCpu: phases.reduce((a, m) => a + m.clientCpuMs, 0) / signIns,
        errors: phases.reduce((a, m) => a + m.errors, 0),
      };
    };
    const env = of('enveloped');
    const u1 = of('u1');
    const throughputCost = 1 - env.rate / u1.rate;
    const serverCpuCost = env.serverCpu / u1.serverCpu - 1;
    log();
    log(`enveloped: ${fixed(env.rate)} sign-ins/s, p50 ${fixed(env.p50)} ms, p99 ${fixed(env.p99)} ms, server ${fixed(env.serverCpu, 2)} ms CPU/sign-in, client ${fixed(env.clientCpu, 2)} ms`);
    log(`u1:        ${fixed(u1.rate)} sign-ins/s, p50 ${fixed(u1.p50)} ms, p99 ${fixed(u1.p99)} ms, server ${fixed(u1.serverCpu, 2)} ms CPU/sign-in, client ${fixed(u1.clientCpu, 2)} ms`);
    log(`envelope cost: ${fixed(throughputCost * 100)} % of u1 throughput (target under ${TARGET_ENVELOPE_SHARE * 100} %: ${throughputCost < TARGET_ENVELOPE_SHARE ? 'met' : 'NOT met'}), server CPU per sign-in ${serverCpuCost >= 0 ? '+' : ''}${fixed(serverCpuCost * 100)} %`);
    if (env.errors + u1.errors > 0) {
      process.exitCode = 1;
      log(`errors during measurement: ${env.errors + u1.errors}`);
    }
    log(`whole run: ${fixed((performance.now() - runStarted) / 1000)} s`);
  } finally {
    await db.$disconnect();
    await server.stop();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
