import type http from "node:http";

/** Default bound of a tRPC request body: inputs are small JSON (user data is capped at 64 KiB). */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** The header the portal's tRPC client sends on every request. */
export const CSRF_HEADER = "x-zenith-csrf";

export interface Refusal {
  status: number;
  code: "PAYLOAD_TOO_LARGE" | "FORBIDDEN";
  message: string;
}

/**
 * A POST that a cross-site page could send without a CORS preflight (a
 * form, `text/plain`, no custom header) is refused: tRPC mutations need
 * either the portal's custom header or a JSON content type, both of which
 * a foreign origin can only send after a preflight the BFF never allows.
 */
export function csrfRefusal(req: http.IncomingMessage): Refusal | null {
  if (req.method !== "POST") return null;
  if (req.headers[CSRF_HEADER] === "1") return null;
  const type = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (type === "application/json") return null;
  return {
    status: 403,
    code: "FORBIDDEN",
    message: `Mutations need the ${CSRF_HEADER} header or a JSON body.`,
  };
}

/** A declared body over the bound is refused before a byte of it is read; undeclared ones are counted as they stream. */
export function declaredSizeRefusal(req: http.IncomingMessage, maxBytes: number): Refusal | null {
  const length = Number(req.headers["content-length"] ?? 0);
  if (!Number.isFinite(length) || length <= maxBytes) return null;
  return { status: 413, code: "PAYLOAD_TOO_LARGE", message: `The request body exceeds ${maxBytes} bytes.` };
}

/** The refusal as a tRPC error envelope, so the portal's client shows the message. */
export function sendRefusal(res: http.ServerResponse, refusal: Refusal): void {
  const error = {
    message: refusal.message,
    code: refusal.status === 413 ? -32013 : -32003,
    data: { code: refusal.code, httpStatus: refusal.status, zenithCode: refusal.code, fields: [] },
  };
  // The unread body is dropped with the connection rather than drained.
  res.writeHead(refusal.status, { "Content-Type": "application/json", Connection: "close" });
  res.end(JSON.stringify({ error }));
}
