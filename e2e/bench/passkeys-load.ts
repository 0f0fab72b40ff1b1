/**
 * Load generator of the passkey sign-in benchmark (e2e/bench/passkeys.ts), run as a child process
 * so that its event loop is not disturbed by the orchestrator (memory sampling, seeding) and its
 * CPU time is its own.
 *
 * It holds the software authenticator with every benchmark credential and performs complete
 * usernameless sign-ins over HTTP/1.1 keep-alive (node:http, one socket per concurrent sign-in):
 * POST …/authentication/options → sign with the soft authenticator → POST …/authentication/verify.
 * A credential is never used by two sign-ins at once (a free list hands them out), so the
 * authenticator's incrementing sign counter always reaches the server in order.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { createSoftAuthenticator, generateSoftCredentials, type TSoftCredentialExport } from '../support/soft-authenticator';

export type TTarget = { host: string; port: number; origin: string; communityId: string };

/** Public half of a generated credential: what the seeder writes into the database. */
export type TSeedCredential = { id: string; userHandle: string; publicKey: string; userName: string };

export type TLatencySummary = { count: number; mean: number; p50: number; p90: number; p99: number; max: number };

export type TRunResult = {
  completed: number;
  errors: Record<string, number>;
  errorSamples: string[];
  elapsedMs: number;
  /** Whole sign-in (closed loop: from its start; open loop: from its scheduled start). */
  latency: TLatencySummary;
  options: TLatencySummary;
  verify: TLatencySummary;
  /** CPU time of the load generator process during the run. */
  clientCpuMs: number;
  /** Open loop: sign-ins scheduled, the most in flight at once, and whether it gave up (overload). */
  scheduled?: number;
  maxInFlight?: number;
  aborted?: string;
};

/** What the orchestrator asks for; each message also carries an `id` that the reply echoes. */
export type TCommand =
  | { type: 'generate'; count: number; rpId: string; userNamePrefix: string }
  | { type: 'import'; credentials: TSoftCredentialExport[] }
  | { type: 'export'; count: number }
  | { type: 'warm'; rpId: string; origin: string; count: number }
  | { type: 'target'; target: TTarget }
  | { type: 'check'; credentialIds: string[] }
  | { type: 'closed'; concurrency: number; durationMs: number }
  | { type: 'open'; rate: number; durationMs: number; maxInFlight: number }
  | { type: 'single'; concurrency: number; durationMs: number; method: 'GET' | 'POST'; path: string; body?: string }
  | { type: 'inprocess'; databaseUrl: string; dataDir: string; communityId: string; origin: string; concurrency: number; durationMs: number };

export type TRequest = TCommand & { id: number };

export type TReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

const USER_AGENT = 'latchkey-bench/1';

const authenticator = createSoftAuthenticator({ counter: 'increment' });
/** Every credential ID, in the order they were added. */
const credentialIds: string[] = [];
/**
 * Hands out credentials to sign-ins, shared by all runs so that each run continues the rotation
 * (as many distinct users as possible are signed in); created shuffled by `warm`.
 */
let free: FreeList | undefined;
let target: TTarget | undefined;

class SignInError extends Error {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(message);
  }
}

function summarize(values: number[]): TLatencySummary {
  if (values.length === 0) return { count: 0, mean: 0, p50: 0, p90: 0, p99: 0, max: 0 };
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  let sum = 0;
  for (const v of sorted) sum += v;
  return { count: sorted.length, mean: sum / sorted.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted[sorted.length - 1]! };
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** A minimal JSON-over-HTTP/1.1 client on a keep-alive agent: less client CPU than fetch. */
function makeClient(t: TTarget, agent: http.Agent) {
  const hostHeader = new URL(t.origin).host;
  const send = (method: string, path: string, body?: string): Promise<{ status: number; body: string }> =>
    new Promise((resolve, reject) => {
      const headers: http.OutgoingHttpHeaders = { host: hostHeader, 'user-agent': USER_AGENT, accept: 'application/json' };
      if (body !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = Buffer.byteLength(body);
        headers.origin = t.origin; // what a same-origin browser sends on a POST
      }
      const req = http.request({ agent, host: t.host, port: t.port, method, path, headers }, (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (data += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  return send;
}

function errorKey(step: string, status: number, body: string): string {
  try {
    const code = (JSON.parse(body) as { error?: { code?: string } }).error?.code;
    return `${step} ${status} ${code ?? ''}`.trim();
  } catch {
    return `${step} ${status}`;
  }
}

type TSignInTimes = { optionsMs: number; verifyMs: number };

function makeSignIn(t: TTarget, agent: http.Agent) {
  const send = makeClient(t, agent);
  const optionsPath = `/c/${t.communityId}/api/authentication/options`;
  const verifyPath = `/c/${t.communityId}/api/authentication/verify`;
  return async (credentialId: string): Promise<TSignInTimes> => {
    const t0 = performance.now();
    const o = await send('POST', optionsPath, '{}');
    if (o.status !== 200) throw new SignInError(errorKey('options', o.status, o.body), o.body.slice(0, 300));
    const { options } = JSON.parse(o.body) as { options: PublicKeyCredentialRequestOptionsJSON };
    const t1 = performance.now();
    // Usernameless: the options carry no allowCredentials; the "user" picks this passkey.
    const response = authenticator.authenticate(options, { origin: t.origin, credentialId });
    const v = await send('POST', verifyPath, JSON.stringify({ response }));
    if (v.status !== 200) throw new SignInError(errorKey('verify', v.status, v.body), v.body.slice(0, 300));
    if (!v.body.includes('"proof_of_authentication_jwt"')) throw new SignInError('verify 200 without proof JWT', v.body.slice(0, 300));
    return { optionsMs: t1 - t0, verifyMs: performance.now() - t1 };
  };
}

/** Hands out credential IDs so that no credential is in two sign-ins at once (FIFO ring). */
class FreeList {
  private readonly ring: string[];
  private head = 0;
  private size: number;
  constructor(ids: string[]) {
    this.ring = [...ids];
    this.size = ids.length;
  }
  take(): string | undefined {
    if (this.size === 0) return undefined;
    const id = this.ring[this.head]!;
    this.head = (this.head + 1) % this.ring.length;
    this.size--;
    return id;
  }
  give(id: string): void {
    this.ring[(this.head + this.size) % this.ring.length] = id;
    this.size++;
  }
}

type TRecorder = {
  total: number[];
  options: number[];
  verify: number[];
  errors: Record<string, number>;
  errorSamples: string[];
  completed: number;
};

function newRecorder(): TRecorder {
  return { total: [], options: [], verify: [], errors: {}, errorSamples: [], completed: 0 };
}

function recordError(rec: TRecorder, e: unknown): void {
  const key = e instanceof SignInError ? e.key : `network ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
  rec.errors[key] = (rec.errors[key] ?? 0) + 1;
  if (rec.errorSamples.length < 5) rec.errorSamples.push(`${key}: ${(e as Error).message}`);
}

function finish(rec: TRecorder, elapsedMs: number, cpuStart: NodeJS.CpuUsage, extra: Partial<TRunResult> = {}): TRunResult {
  const cpu = process.cpuUsage(cpuStart);
  return {
    completed: rec.completed,
    errors: rec.errors,
    errorSamples: rec.errorSamples,
    elapsedMs,
    latency: summarize(rec.total),
    options: summarize(rec.options),
    verify: summarize(rec.verify),
    clientCpuMs: (cpu.user + cpu.system) / 1000,
    ...extra,
  };
}

function requireFreeList(): FreeList {
  if (!free) throw new Error('credentials not prepared (warm first)');
  return free;
}

function requireTarget(): TTarget {
  if (!target) throw new Error('no target set');
  return target;
}

/** Closed loop: `concurrency` virtual users, each starting its next sign-in when the last ends. */
async function runClosed(concurrency: number, durationMs: number): Promise<TRunResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const signIn = makeSignIn(requireTarget(), agent);
  const free = requireFreeList();
  const rec = newRecorder();
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  const deadline = started + durationMs;
  const user = async () => {
    while (performance.now() < deadline) {
      const id = free.take();
      if (!id) throw new Error('more concurrent users than credentials');
      const t0 = performance.now();
      try {
        const times = await signIn(id);
        rec.total.push(performance.now() - t0);
        rec.options.push(times.optionsMs);
        rec.verify.push(times.verifyMs);
        rec.completed++;
      } catch (e) {
        recordError(rec, e);
      } finally {
        free.give(id);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, user));
  const elapsed = performance.now() - started;
  agent.destroy();
  return finish(rec, elapsed, cpuStart);
}

/**
 * Open loop: sign-ins start on a fixed schedule (`rate` per second) whatever the server's speed,
 * and latency is measured from the scheduled start, so a stalled server is not hidden by the
 * generator waiting for it (no coordinated omission). Gives up if more than `maxInFlight` pile up.
 */
async function runOpen(rate: number, durationMs: number, maxInFlight: number): Promise<TRunResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: maxInFlight });
  const signIn = makeSignIn(requireTarget(), agent);
  const free = requireFreeList();
  const rec = newRecorder();
  const total = Math.max(1, Math.round((rate * durationMs) / 1000));
  const interval = 1000 / rate;
  const cpuStart = process.cpuUsage();
  const started = performance.now() + 5;
  let next = 0;
  let inFlight = 0;
  let maxSeen = 0;
  let aborted: string | undefined;
  const pending: Promise<void>[] = [];

  const launch = (scheduled: number) => {
    const id = free.take();
    if (!id) {
      aborted = `ran out of free credentials with ${inFlight} sign-ins in flight`;
      return;
    }
    inFlight++;
    maxSeen = Math.max(maxSeen, inFlight);
    pending.push(
      signIn(id)
        .then((times) => {
          rec.total.push(performance.now() - scheduled);
          rec.options.push(times.optionsMs);
          rec.verify.push(times.verifyMs);
          rec.completed++;
        })
        .catch((e: unknown) => recordError(rec, e))
        .finally(() => {
          inFlight--;
          free.give(id);
        }),
    );
  };

  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (next < total && started + next * interval <= now && !aborted) {
        if (inFlight >= maxInFlight) {
          aborted = `more than ${maxInFlight} sign-ins in flight: the server cannot sustain ${rate}/s`;
          break;
        }
        launch(started + next * interval);
        next++;
      }
      if (next >= total || aborted) return resolve();
      const wait = started + next * interval - performance.now();
      setTimeout(tick, Math.max(0, Math.min(wait, 5)));
    };
    setTimeout(tick, 5);
  });
  await Promise.all(pending);
  const elapsed = performance.now() - started;
  agent.destroy();
  return finish(rec, elapsed, cpuStart, { scheduled: next, maxInFlight: maxSeen, aborted });
}

/**
 * Closed loop on one request: a cheap GET (no body, no database) gives the framework's
 * per-request floor; POST …/authentication/options alone gives that endpoint's share.
 */
async function runSingle(req: Extract<TCommand, { type: 'single' }>): Promise<TRunResult> {
  const { concurrency, durationMs } = req;
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const send = makeClient(requireTarget(), agent);
  const rec = newRecorder();
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        try {
          const r = await send(req.method, req.path, req.body);
          if (r.status !== 200) throw new SignInError(errorKey(req.path, r.status, r.body), r.body.slice(0, 200));
          rec.total.push(performance.now() - t0);
          rec.completed++;
        } catch (e) {
          recordError(rec, e);
        }
      }
    }),
  );
  const elapsed = performance.now() - started;
  agent.destroy();
  return finish(rec, elapsed, cpuStart);
}

export type TInProcessResult = {
  completed: number;
  elapsedMs: number;
  /** CPU time of this process per sign-in, without the authenticator's signing. */
  cpuMsPerSignIn: number;
  signingMsPerSignIn: number;
  latency: TLatencySummary;
  errors: Record<string, number>;
  errorSamples: string[];
};

/**
 * The same sign-in without HTTP and Next.js: the library functions the two route handlers call
 * (startAuthentication; signInWithPasskey + getHostedCommunity), on a Prisma client of the same
 * SQLite file, in this process, with the server stopped. The difference to the HTTP figures is
 * what the framework and the HTTP round trips cost.
 */
async function runInProcess(req: Extract<TCommand, { type: 'inprocess' }>): Promise<TInProcessResult> {
  const { createDb } = await import('../../lib/db');
  const { loadKeyEncryptionKey } = await import('../../lib/crypto/kek');
  const { startAuthentication } = await import('../../lib/passkeys/start-authentication');
  const { signInWithPasskey } = await import('../../lib/sessions/passkey-sign-in');
  const { getHostedCommunity } = await import('../../lib/tenancy/get-hosted-community');
  const db = createDb(req.databaseUrl);
  const kek = loadKeyEncryptionKey({ kekFromEnv: undefined, dataDir: req.dataDir });
  const free = requireFreeList();
  const signIn = async (credentialId: string): Promise<number> => {
    const { options } = await startAuthentication({ db, communityId: req.communityId, decoyKey: kek });
    const s0 = performance.now();
    const response = authenticator.authenticate(options, { origin: req.origin, credentialId });
    const signing = performance.now() - s0;
    await signInWithPasskey({ db, kek, origin: req.origin, communityId: req.communityId, response, meta: { ip: null, userAgent: USER_AGENT } });
    await getHostedCommunity({ db, communityId: req.communityId });
    return signing;
  };
  const loop = async (forMs: number, rec: TRecorder) => {
    let signingMs = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: req.concurrency }, async () => {
        while (performance.now() - started < forMs) {
          const id = free.take()!;
          const t0 = performance.now();
          try {
            const signing = await signIn(id);
            signingMs += signing;
            rec.total.push(performance.now() - t0);
            rec.completed++;
          } catch (e) {
            recordError(rec, e);
          } finally {
            free.give(id);
          }
        }
      }),
    );
    return { signingMs, elapsed: performance.now() - started };
  };
  try {
    await loop(Math.min(1000, req.durationMs / 3), newRecorder()); // warm-up
    const rec = newRecorder();
    const cpu = process.cpuUsage();
    const { signingMs, elapsed } = await loop(req.durationMs, rec);
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    return {
      completed: rec.completed,
      elapsedMs: elapsed,
      cpuMsPerSignIn: (cpuMs - signingMs) / Math.max(1, rec.completed),
      signingMsPerSignIn: signingMs / Math.max(1, rec.completed),
      latency: summarize(rec.total),
      errors: rec.errors,
      errorSamples: rec.errorSamples,
    };
  } finally {
    await db.$disconnect();
  }
}

async function handle(req: TRequest): Promise<unknown> {
  switch (req.type) {
    case 'generate': {
      // 32-byte user handles, like the ones the server draws at registration.
      const made = await generateSoftCredentials(req.count, (i) => ({
        rpId: req.rpId,
        userHandle: randomBytes(32).toString('base64url'),
        userName: `${req.userNamePrefix}${i}`,
        discoverable: true,
      }));
      authenticator.importCredentials(made);
      credentialIds.push(...made.map((c) => c.id));
      return made.map((c): TSeedCredential => ({ id: c.id, userHandle: c.userHandle!, publicKey: c.publicKey, userName: c.userName! }));
    }
    case 'import': {
      authenticator.importCredentials(req.credentials);
      credentialIds.push(...req.credentials.map((c) => c.id));
      return credentialIds.length;
    }
    case 'export': {
      // Hand credentials over to another process (with their current counters); they leave the
      // rotation here, so the two processes never use the same one.
      const out: TSoftCredentialExport[] = [];
      const list = requireFreeList();
      for (let i = 0; i < req.count; i++) {
        const id = list.take();
        if (!id) break;
        out.push(authenticator.exportCredential(id));
      }
      return out;
    }
    case 'warm': {
      // The authenticator imports a private key (JWK → KeyObject, ~65 µs) on its first use; do
      // that now for the credentials a run will use first, so the 100,000-user runs do not pay it
      // during measurement. One assertion per credential: its counter goes up by one, which the
      // server accepts (the counter only has to grow).
      const started = performance.now();
      const order = shuffle([...credentialIds]);
      const options = { challenge: 'd2FybS11cA', rpId: req.rpId } as PublicKeyCredentialRequestOptionsJSON;
      for (const id of order.slice(0, req.count)) authenticator.authenticate(options, { origin: req.origin, credentialId: id });
      free = new FreeList(order);
      return performance.now() - started;
    }
    case 'target':
      target = req.target;
      return true;
    case 'check': {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      const signIn = makeSignIn(requireTarget(), agent);
      try {
        for (const id of req.credentialIds) await signIn(id);
      } finally {
        agent.destroy();
      }
      return req.credentialIds.length;
    }
    case 'closed':
      return runClosed(req.concurrency, req.durationMs);
    case 'open':
      return runOpen(req.rate, req.durationMs, req.maxInFlight);
    case 'single':
      return runSingle(req);
    case 'inprocess':
      return runInProcess(req);
  }
}

process.on('message', (req: TRequest) => {
  handle(req).then(
    (value) => process.send!({ id: req.id, ok: true, value } satisfies TReply),
    (e: unknown) => process.send!({ id: req.id, ok: false, error: (e as Error)?.stack ?? String(e) } satisfies TReply),
  );
});
// Stop with the orchestrator, whatever happens to it.
process.on('disconnect', () => process.exit(0));
