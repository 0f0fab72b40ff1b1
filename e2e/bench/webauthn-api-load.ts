/**
 * The closed-loop sign-in driver of `npm run bench:webauthn-api` (e2e/bench/webauthn-api.ts):
 * complete spec 000 sign-ins through the client SDK (lib/client), enveloped or `/u1`.
 */
import type { TLatchkeyClient, TWebauthnCalls, TWebauthnFamily, TWebauthnTarget } from '../../lib/client';
import type { TSoftAuthenticator } from '../support/soft-authenticator';

/** A registered user and the authenticator that holds its passkey. */
export type TBenchUser = { username: string; authenticator: TSoftAuthenticator };

/** Figures of one closed-loop phase. */
export type TPhaseResult = { signIns: number; errors: number; elapsedMs: number; latenciesMs: number[]; firstError?: string };

/** The SDK calls of one family. */
export function familyCalls(client: TLatchkeyClient, family: TWebauthnFamily): TWebauthnCalls {
  return family === 'u1' ? client.u1 : client;
}

/** One complete sign-in: options, sign with the software authenticator, result. */
export async function signIn(calls: TWebauthnCalls, target: TWebauthnTarget, user: TBenchUser, origin: string): Promise<string> {
  const options = await calls.assertionOptions({ ...target, username: user.username });
  const response = user.authenticator.authenticate(options, { origin });
  const result = await calls.assertionResult(options.sessionInfo, { ...target, ...response });
  return result.sub;
}

/**
 * `concurrency` workers each doing sign-ins back to back for `durationMs` (a sign-in started
 * before the end is finished and counted), users taken round-robin. Stops early after 50 errors.
 */
export async function closedLoop(options: {
  calls: TWebauthnCalls;
  target: TWebauthnTarget;
  users: readonly TBenchUser[];
  origin: string;
  concurrency: number;
  durationMs: number;
}): Promise<TPhaseResult> {
  const latenciesMs: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  const started = performance.now();
  const end = started + options.durationMs;
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (performance.now() < end && errors < 50) {
        const user = options.users[next++ % options.users.length]!;
        const t0 = performance.now();
        try {
          await signIn(options.calls, options.target, user, options.origin);
          latenciesMs.push(performance.now() - t0);
        } catch (e) {
          errors++;
          firstError ??= String(e);
        }
      }
    }),
  );
  return { signIns: latenciesMs.length, errors, elapsedMs: performance.now() - started, latenciesMs, firstError };
}

/** The q-quantile (0..1) of `values` (nearest rank). */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
