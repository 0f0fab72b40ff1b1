/**
 * Errors thrown by the Latchkey client SDK. Every HTTP refusal (4xx/5xx) becomes a
 * {@link LatchkeyApiError}; spec 001 refusals, which are RFC 9457 problem documents, become its
 * subclass {@link LatchkeyProblemError}. A response that cannot be read at all (not JSON where JSON
 * is due, an envelope that does not decrypt) is a {@link LatchkeyResponseError}.
 */

/** Reason phrases for statuses whose body carries none. */
const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** The longest part of an unstructured error body kept in {@link LatchkeyApiError.message}. */
const MAX_TEXT = 200;

/** A refusal or failure reported by the server with a 4xx or 5xx status. */
export class LatchkeyApiError extends Error {
  override readonly name: string = 'LatchkeyApiError';
  /** The HTTP status. */
  readonly status: number;
  /** A short error name: the 000 `error` field, the 001 problem `code`, or the HTTP reason. */
  readonly error: string;
  /** The body as received (parsed JSON when it was JSON, else the text). */
  readonly body: unknown;

  constructor(options: { status: number; error: string; message: string; body?: unknown }) {
    super(options.message);
    this.status = options.status;
    this.error = options.error;
    this.body = options.body;
  }
}

/** A spec 001 refusal: an RFC 9457 problem document (`application/problem+json`). */
export class LatchkeyProblemError extends LatchkeyApiError {
  override readonly name: string = 'LatchkeyProblemError';
  /** The problem `type` (`about:blank` for Latchkey's own problems). */
  readonly type: string;
  /** The problem `title`: the HTTP reason phrase. */
  readonly title: string;
  /** The problem `detail`: the public explanation (also {@link Error.message}). */
  readonly detail: string;
  /** Latchkey's error code, e.g. `auth.unauthenticated`, when the problem carries one. */
  readonly code: string | undefined;

  constructor(options: { status: number; type: string; title: string; detail: string; code?: string; body?: unknown }) {
    super({ status: options.status, error: options.code ?? options.title, message: options.detail, body: options.body });
    this.type = options.type;
    this.title = options.title;
    this.detail = options.detail;
    this.code = options.code;
  }
}

/** The server answered, but not with something this client can read. */
export class LatchkeyResponseError extends Error {
  override readonly name: string = 'LatchkeyResponseError';
  /** The HTTP status of the unreadable answer. */
  readonly status: number;

  constructor(status: number, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.status = status;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function reason(status: number): string {
  return REASONS[status] ?? (status >= 500 ? 'Server Error' : 'Client Error');
}

/**
 * The error for a spec 000 / 004 refusal. Their bodies are `{statusCode, error, message}` (never
 * enveloped); anything else (a proxy's HTML page, an empty body) still gives a usable error.
 *
 * @param status the HTTP status (4xx or 5xx)
 * @param body the parsed JSON body, or the text when it was not JSON
 */
export function errorFromWebauthnBody(status: number, body: unknown): LatchkeyApiError {
  if (isRecord(body)) {
    const error = str(body.error) ?? reason(status);
    const message = str(body.message) ?? str(body.errorMessage) ?? error;
    return new LatchkeyApiError({ status, error, message, body });
  }
  return new LatchkeyApiError({ status, error: reason(status), message: textMessage(status, body), body });
}

/**
 * The error for a spec 001 refusal: a {@link LatchkeyProblemError} when the body is a problem
 * document (RFC 9457: `type` defaults to `about:blank`, `title` to the reason phrase), else a plain
 * {@link LatchkeyApiError}.
 *
 * @param status the HTTP status (4xx or 5xx)
 * @param body the parsed JSON body, or the text when it was not JSON
 */
export function errorFromProblem(status: number, body: unknown): LatchkeyApiError {
  if (isRecord(body) && (typeof body.detail === 'string' || typeof body.title === 'string' || typeof body.type === 'string')) {
    const title = str(body.title) ?? reason(status);
    return new LatchkeyProblemError({ status, type: str(body.type) ?? 'about:blank', title, detail: str(body.detail) ?? title, code: str(body.code), body });
  }
  return errorFromWebauthnBody(status, body);
}

function textMessage(status: number, body: unknown): string {
  const text = typeof body === 'string' ? body.trim() : '';
  if (!text) return `HTTP ${status} ${reason(status)}`;
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

/** Parses a response text as JSON; returns the text itself when it is not JSON, undefined when empty. */
export function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
