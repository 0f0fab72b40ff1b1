import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { AppError } from '../errors';
import { isPublicAddress } from './ip-ranges';

/**
 * The one way the service calls out to a URL someone configured (CONVENTIONS.md §15): SMS
 * webhooks today, metadata and MDS downloads next.
 *
 * - The host name is resolved here and the connection goes to the address that was checked: the
 *   check runs inside the socket's own DNS lookup, so a name that resolves to a public address
 *   for the check and to 127.0.0.1 for the connection (DNS rebinding) cannot slip through. If any
 *   address of the name is private, loopback, link-local or otherwise special (ip-ranges.ts), the
 *   call is refused — unless `allowPrivate` (LATCHKEY_ALLOW_PRIVATE_WEBHOOKS) says otherwise.
 * - IP literals in the URL get the same check.
 * - Redirects are never followed (a 3xx is returned as it is), so a public endpoint cannot bounce
 *   the call to an internal one.
 * - One timeout covers connect, request and response; the response body is capped.
 */

export type TSafeFetchOptions = {
  method?: 'GET' | 'POST' | 'PUT';
  headers?: Record<string, string>;
  body?: string;
  /** Allow private, loopback and link-local targets (development, tests, an internal gateway). */
  allowPrivate?: boolean;
  /** Whole call, connect to last byte. Default 10 s. */
  timeoutMs?: number;
  /** Longest response body kept; the call fails beyond it. Default 1 MiB. */
  maxResponseBytes?: number;
};

export type TSafeFetchResponse = { status: number; headers: http.IncomingHttpHeaders; text: string };

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

type TLookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/** A `lookup` for http.request that refuses names with any non-public address. */
function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: dns.LookupOptions, callback: TLookupCallback): void => {
    dns.lookup(hostname, { all: true, family: options.family ?? 0, hints: options.hints }, (err, addresses) => {
      if (err) return callback(err, '');
      const refused = allowPrivate ? [] : addresses.filter((a) => !isPublicAddress(a.address));
      if (addresses.length === 0 || refused.length > 0) {
        const e = new AppError('net.target_refused', { detail: `${hostname} resolves to ${refused.map((a) => a.address).join(', ') || 'nothing'}` }) as AppError & NodeJS.ErrnoException;
        return callback(e, '');
      }
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/**
 * Calls `url` under the rules above.
 * @throws AppError `net.target_refused` (scheme, private target), `net.request_failed` (DNS,
 *   connection, timeout, oversized response)
 */
export async function safeFetch(url: string, options: TSafeFetchOptions = {}): Promise<TSafeFetchResponse> {
  let target: URL;
  try {
    target = new URL(url);
  } catch (e) {
    throw new AppError('net.target_refused', { detail: 'not a URL', cause: e });
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new AppError('net.target_refused', { detail: `scheme ${target.protocol}` });
  const allowPrivate = options.allowPrivate ?? false;
  const host = target.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host) && !allowPrivate && !isPublicAddress(host)) throw new AppError('net.target_refused', { detail: `address ${host}` });

  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const client = target.protocol === 'https:' ? https : http;
  const body = options.body === undefined ? undefined : Buffer.from(options.body, 'utf8');

  return new Promise<TSafeFetchResponse>((resolve, reject) => {
    const fail = (e: unknown) => reject(e instanceof AppError ? e : new AppError('net.request_failed', { detail: `${target.origin}: ${(e as Error)?.message ?? String(e)}`, cause: e }));
    const request = client.request(
      target,
      {
        method: options.method ?? 'GET',
        headers: { ...(options.headers ?? {}), ...(body ? { 'content-length': String(body.length) } : {}) },
        lookup: guardedLookup(allowPrivate) as unknown as net.LookupFunction,
        signal: AbortSignal.timeout(timeoutMs),
        // No connection reuse: each call resolves and checks its target afresh.
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            response.destroy();
            fail(new Error(`response larger than ${maxBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        response.on('error', fail);
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    request.on('error', (e) => {
      // The lookup's refusal arrives here as the request's error.
      fail(e);
    });
    if (body) request.write(body);
    request.end();
  });
}
