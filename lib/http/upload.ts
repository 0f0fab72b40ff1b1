import { AppError, type TErrorCode } from '../errors';
import { mediaTypeOf } from './body';

/** What an upload endpoint received: the file's bytes and the other form fields (or the query's). */
export type TUpload = { bytes: Uint8Array; fields: Record<string, string> };

/** Room for the multipart envelope and small fields next to the file. */
const MULTIPART_OVERHEAD = 64 * 1024;

async function readBytes(request: Request, limit: number, tooLarge: TErrorCode): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > limit) throw new AppError(tooLarge, { detail: `content-length ${declared}` });
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new AppError(tooLarge, { detail: `over ${limit} bytes` });
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * Reads an uploaded file of at most `limit` bytes (checked on the stream, not only on
 * Content-Length), sent either as `multipart/form-data` (the file in `fileField`, other text
 * fields next to it) or as the raw request body of any other type (then `fields` are the query
 * parameters).
 * @throws AppError `tooLarge` (413), `request.validation_failed` (a form without the file)
 */
export async function readUpload(request: Request & { nextUrl?: URL }, options: { limit: number; tooLarge: TErrorCode; fileField?: string }): Promise<TUpload> {
  const fileField = options.fileField ?? 'file';
  const query = Object.fromEntries(new URL(request.url).searchParams);
  if (mediaTypeOf(request) !== 'multipart/form-data') return { bytes: await readBytes(request, options.limit, options.tooLarge), fields: query };
  const raw = await readBytes(request, options.limit + MULTIPART_OVERHEAD, options.tooLarge);
  let form: FormData;
  try {
    form = await new Response(Buffer.from(raw), { headers: { 'content-type': request.headers.get('content-type') ?? '' } }).formData();
  } catch {
    throw new AppError('request.validation_failed', { fields: { [fileField]: 'The form could not be read.' }, publicMessage: `Validation error: ${fileField}: the form could not be read` });
  }
  const file = form.get(fileField);
  if (!file || typeof file === 'string') throw new AppError('request.validation_failed', { fields: { [fileField]: 'Choose a file.' }, publicMessage: `Validation error: ${fileField}: choose a file` });
  if (file.size > options.limit) throw new AppError(options.tooLarge, { detail: `${file.size} bytes` });
  const fields: Record<string, string> = { ...query };
  for (const [k, v] of form.entries()) if (k !== fileField && typeof v === 'string') fields[k] = v;
  return { bytes: new Uint8Array(await file.arrayBuffer()), fields };
}
