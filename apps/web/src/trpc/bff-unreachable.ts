/**
 * A tRPC-shaped error envelope for when the BFF does not answer, so the
 * browser client shows a readable message instead of a parse error.
 * `message` is in the reader's language (`common.errors.bffUnreachable`).
 */
export function bffUnreachableResponse(url: URL, procedurePath: string, message: string): Response {
  const error = {
    error: {
      message,
      code: -32603,
      data: { code: "INTERNAL_SERVER_ERROR", httpStatus: 502, path: procedurePath },
    },
  };
  const isBatch = url.searchParams.get("batch") === "1";
  const count = procedurePath.split(",").length;
  const body = isBatch ? Array.from({ length: count }, () => error) : error;
  return Response.json(body, { status: 502 });
}
