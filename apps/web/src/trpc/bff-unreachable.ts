/**
 * A tRPC-shaped error envelope for when the BFF does not answer, so the
 * browser client shows a readable message instead of a parse error.
 */
export function bffUnreachableResponse(url: URL, procedurePath: string): Response {
  const error = {
    error: {
      message: "The portal backend is not reachable. Check that the BFF is running, then retry.",
      code: -32603,
      data: { code: "INTERNAL_SERVER_ERROR", httpStatus: 502, path: procedurePath },
    },
  };
  const isBatch = url.searchParams.get("batch") === "1";
  const count = procedurePath.split(",").length;
  const body = isBatch ? Array.from({ length: count }, () => error) : error;
  return Response.json(body, { status: 502 });
}
