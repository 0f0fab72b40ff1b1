/**
 * A file download streamed from an async iterable of text chunks: each chunk is encoded and sent
 * as it is produced (backpressure through `pull`), so a large export never sits in memory whole.
 * `Content-Disposition: attachment` with the filename in both forms (RFC 6266 §4.3, RFC 8187).
 */
export function downloadResponse(input: { chunks: AsyncIterable<string>; filename: string; contentType: string; headers?: Record<string, string> }): Response {
  const encoder = new TextEncoder();
  const it = input.chunks[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await it.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await it.return?.();
    },
  });
  const ascii = input.filename.replace(/[^\w.-]/g, '_');
  return new Response(body, {
    headers: {
      'content-type': input.contentType,
      'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(input.filename)}`,
      'x-content-type-options': 'nosniff',
      ...input.headers,
    },
  });
}
