/** Default bound of a tRPC request body forwarded to the BFF (the BFF enforces its own too). */
export const MAX_TRPC_BODY_BYTES = 1024 * 1024;

/**
 * Reads a request body up to `maxBytes`: null when the declared length or
 * the bytes seen so far pass the bound, in which case reading stops and the
 * rest of the stream is cancelled, so an oversized body is never held whole.
 */
export async function readBounded(
  body: ReadableStream<Uint8Array> | null,
  declaredLength: string | null,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer> | null> {
  if (declaredLength !== null && Number(declaredLength) > maxBytes) {
    await body?.cancel();
    return null;
  }
  if (!body) return new Uint8Array(new ArrayBuffer(0));
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(new ArrayBuffer(size));
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return all;
}
