import { AppError } from '../errors';

export const DEFAULT_BODY_LIMIT = 256 * 1024;

/**
 * Reads a request body as text, at most `limit` bytes (checked on the stream, not only on
 * Content-Length). An absent body reads as ''.
 * @throws AppError `request.body_too_large`
 */
export async function readBodyText(request: Request, limit = DEFAULT_BODY_LIMIT): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > limit) throw new AppError('request.body_too_large', { detail: `content-length ${declared}` });
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // Stop reading at once; the 413 closes the connection (lib/http/formats.ts), since the
      // rest of the body is never read and the socket can't serve another request.
      await reader.cancel();
      throw new AppError('request.body_too_large', { detail: `over ${limit} bytes` });
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The media type of a request, lower case without parameters ('' when absent). */
export function mediaTypeOf(request: Request): string {
  return (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * Reads a JSON request body with the checks every surface shares: the content type must be JSON
 * (`application/json` or `+json`), the body at most `limit` bytes, and the text valid JSON. An
 * empty body reads as `{}`.
 * @throws AppError `request.unsupported_media_type`, `request.body_too_large`, `request.malformed_json`
 */
export async function readJsonBody(request: Request, limit = DEFAULT_BODY_LIMIT): Promise<unknown> {
  const text = await readBodyText(request, limit);
  if (text.length === 0) return {};
  const type = mediaTypeOf(request);
  if (type !== 'application/json' && !type.endsWith('+json')) {
    throw new AppError('request.unsupported_media_type', { detail: type || '(none)' });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('request.malformed_json');
  }
}
