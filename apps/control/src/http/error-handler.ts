import { ERROR_CODES, type ErrorCode, isZenithError, ZenithError } from "@zenith/core/errors";
import { isStatementTimeout } from "@zenith/db/errors";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/** Keystone's error body: {"error":{"code":401,"title":"Unauthorized","message":"…"}}. */
export function errorBody(err: ZenithError) {
  return { error: { code: err.status, title: err.info.title, message: err.message } };
}

/**
 * Each OpenStack API family has its own fault body; the URL prefix says
 * which one the client speaks:
 * - Nova and Cinder: {"itemNotFound": {"code": 404, "message": "…"}}
 * - Neutron: {"NeutronError": {"type": "…", "message": "…", "detail": ""}}
 * - Glance: {"code": 404, "title": "Not Found", "message": "…"} (the SDK reads `message`)
 * - Gnocchi: {"code": 404, "title": "Not Found", "description": "…"} (gnocchiclient reads `description`)
 * - Keystone (and anything else): {"error": {…}}
 */
export function faultBody(url: string, err: ZenithError): Record<string, unknown> {
  if (url.startsWith("/compute") || url.startsWith("/volume")) {
    return { [err.info.fault]: { code: err.status, message: err.message } };
  }
  if (url.startsWith("/network")) {
    const type = err.neutronType ?? NEUTRON_TYPE_BY_STATUS[err.status] ?? "HTTPError";
    return { NeutronError: { type, message: err.message, detail: "" } };
  }
  if (url.startsWith("/image")) {
    return { code: err.status, title: err.info.title, message: err.message };
  }
  if (url.startsWith("/metric")) {
    return { code: err.status, title: err.info.title, description: err.message };
  }
  return errorBody(err);
}

/** The webob exception names Neutron reports when no specific exception applies. */
const NEUTRON_TYPE_BY_STATUS: Record<number, string> = {
  400: "HTTPBadRequest",
  401: "HTTPUnauthorized",
  403: "HTTPForbidden",
  404: "HTTPNotFound",
  405: "HTTPMethodNotAllowed",
  406: "HTTPNotAcceptable",
  409: "HTTPConflict",
  413: "HTTPRequestEntityTooLarge",
  415: "HTTPUnsupportedMediaType",
  429: "HTTPTooManyRequests",
  500: "HTTPInternalServerError",
  501: "HTTPNotImplemented",
  503: "HTTPServiceUnavailable",
};

function sendError(reply: FastifyReply, err: ZenithError): FastifyReply {
  for (const [name, value] of Object.entries(err.headers)) reply.header(name, value);
  return reply.status(err.status).type("application/json").send(faultBody(reply.request.url, err));
}

const CODE_BY_STATUS = new Map<number, ErrorCode>(
  (Object.entries(ERROR_CODES) as Array<[ErrorCode, { status: number }]>)
    .filter(([code]) => code !== "OVER_LIMIT")
    .map(([code, info]) => [info.status, code]),
);

/**
 * Renders every error once. ZenithErrors carry their status; Fastify's own
 * 4xx (bad JSON, wrong media type, body too large) keep theirs; anything
 * else is a 500 whose details go only to the log, keyed by request id.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) => {
    if (isZenithError(err)) {
      if (err.status >= 500) request.log.error({ err }, "request failed");
      return sendError(reply, err);
    }
    const status = "statusCode" in err && typeof err.statusCode === "number" ? err.statusCode : 500;
    if (status >= 400 && status < 500) {
      const code = CODE_BY_STATUS.get(status) ?? "BAD_REQUEST";
      const message =
        "code" in err && err.code === "FST_ERR_CTP_INVALID_JSON"
          ? "Malformed JSON in request body."
          : err.message;
      return sendError(reply, new ZenithError(code, message));
    }
    if (isStatementTimeout(err)) {
      // The database cancelled a statement that ran past the statement timeout: a bounded refusal, not a fault.
      request.log.warn({ err }, "statement timeout");
      return sendError(
        reply,
        new ZenithError(
          "SERVICE_UNAVAILABLE",
          "The request took too long and was cancelled; try again later.",
          {
            headers: { "Retry-After": "5" },
          },
        ),
      );
    }
    request.log.error({ err }, "unhandled error");
    return sendError(
      reply,
      new ZenithError(
        "INTERNAL",
        `An unexpected error prevented the server from fulfilling your request. (Request ID: ${request.id})`,
      ),
    );
  });

  app.setNotFoundHandler((request, reply) => {
    sendError(
      reply,
      new ZenithError("NOT_FOUND", `The resource could not be found: ${request.method} ${request.url}`),
    );
  });
}

/**
 * JSON bodies: an empty body counts as no body (clients send PUT and
 * DELETE with a JSON content type and nothing else); bad JSON is a 400.
 */
export function installJsonParser(app: FastifyInstance): void {
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser(/^application\/(.+\+)?json/, { parseAs: "string" }, (_req, body, done) => {
    const text = typeof body === "string" ? body : body.toString("utf8");
    if (text.trim() === "") return done(null, undefined);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return done(ZenithError.badRequest("Malformed JSON in request body."), undefined);
    }
    // A NUL can only come in as the escape \u0000; PostgreSQL refuses it in text.
    if (/\\u0000/i.test(text) && containsNul(parsed)) {
      return done(
        ZenithError.badRequest("Invalid input: strings must not contain NUL characters."),
        undefined,
      );
    }
    done(null, parsed);
  });
}

/** Iterative, so a deeply nested body cannot overflow the stack. */
function containsNul(root: unknown): boolean {
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === "string") {
      if (value.includes("\0")) return true;
    } else if (Array.isArray(value)) {
      for (const item of value) pending.push(item);
    } else if (value && typeof value === "object") {
      for (const [key, inner] of Object.entries(value)) {
        if (key.includes("\0")) return true;
        pending.push(inner);
      }
    }
  }
  return false;
}
