/**
 * One error type for every Zenith service. Services throw `ZenithError`
 * with a code; the REST layer renders it once as an OpenStack fault and the
 * BFF renders it once as a tRPC error. Nothing else decides status codes.
 */

export type ErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "METHOD_NOT_ALLOWED"
  | "NOT_ACCEPTABLE"
  | "CONFLICT"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "OVER_LIMIT"
  | "TOO_MANY_REQUESTS"
  | "NOT_IMPLEMENTED"
  | "SERVICE_UNAVAILABLE"
  | "INTERNAL";

export type TrpcCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "METHOD_NOT_SUPPORTED"
  | "CONFLICT"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "TOO_MANY_REQUESTS"
  | "NOT_IMPLEMENTED"
  | "INTERNAL_SERVER_ERROR"
  | "SERVICE_UNAVAILABLE"
  | "PRECONDITION_FAILED";

interface CodeInfo {
  status: number;
  /** Keystone's `error.title`. */
  title: string;
  /** Nova/Cinder fault name, the key of `{"itemNotFound": {...}}`. */
  fault: string;
  trpc: TrpcCode;
}

export const ERROR_CODES: Record<ErrorCode, CodeInfo> = {
  BAD_REQUEST: { status: 400, title: "Bad Request", fault: "badRequest", trpc: "BAD_REQUEST" },
  UNAUTHORIZED: { status: 401, title: "Unauthorized", fault: "unauthorized", trpc: "UNAUTHORIZED" },
  FORBIDDEN: { status: 403, title: "Forbidden", fault: "forbidden", trpc: "FORBIDDEN" },
  NOT_FOUND: { status: 404, title: "Not Found", fault: "itemNotFound", trpc: "NOT_FOUND" },
  METHOD_NOT_ALLOWED: {
    status: 405,
    title: "Method Not Allowed",
    fault: "badMethod",
    trpc: "METHOD_NOT_SUPPORTED",
  },
  NOT_ACCEPTABLE: { status: 406, title: "Not Acceptable", fault: "notAcceptable", trpc: "BAD_REQUEST" },
  CONFLICT: { status: 409, title: "Conflict", fault: "conflictingRequest", trpc: "CONFLICT" },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    title: "Request Entity Too Large",
    fault: "overLimit",
    trpc: "PAYLOAD_TOO_LARGE",
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    title: "Unsupported Media Type",
    fault: "unsupportedMediaType",
    trpc: "UNSUPPORTED_MEDIA_TYPE",
  },
  OVER_LIMIT: { status: 403, title: "Forbidden", fault: "forbidden", trpc: "FORBIDDEN" },
  TOO_MANY_REQUESTS: {
    status: 429,
    title: "Too Many Requests",
    fault: "overLimit",
    trpc: "TOO_MANY_REQUESTS",
  },
  NOT_IMPLEMENTED: {
    status: 501,
    title: "Not Implemented",
    fault: "notImplemented",
    trpc: "NOT_IMPLEMENTED",
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    title: "Service Unavailable",
    fault: "serviceUnavailable",
    // Its own tRPC code (503), so the portal can tell "this cloud has no such service" from a crash.
    trpc: "SERVICE_UNAVAILABLE",
  },
  INTERNAL: {
    status: 500,
    title: "Internal Server Error",
    fault: "computeFault",
    trpc: "INTERNAL_SERVER_ERROR",
  },
};

/** Plain values a translated message is filled with: names and numbers, never words to translate. */
export type MessageParams = Record<string, string | number>;

/**
 * A sentence Zenith itself wrote: its English `text` (what the API and the
 * logs say) and the `key` and `params` a portal says it by in the reader's
 * language. Upstream clouds' messages have no key: they pass through as written.
 */
export interface KeyedMessage {
  text: string;
  key: string;
  params: MessageParams;
}

/**
 * A field-level validation message, e.g. `{ path: "user.name", message: "Required" }`;
 * `key`/`params` when Zenith wrote it (see KeyedMessage).
 */
export interface FieldError {
  path: string;
  message: string;
  key?: string;
  params?: MessageParams;
}

/** A field error from a plain or keyed message: `fieldError("newSize", say("volume.newSizeMin", { size }))`. */
export function fieldError(path: string, message: string | KeyedMessage): FieldError {
  if (typeof message === "string") return { path, message };
  return { path, message: message.text, key: message.key, params: message.params };
}

export interface ZenithErrorOptions {
  fields?: FieldError[];
  cause?: unknown;
  /** Extra headers the REST layer should send, e.g. Retry-After. */
  headers?: Record<string, string>;
  /**
   * Neutron's exception class name (`NetworkNotFound`, `IpAddressInUse`…),
   * the `type` of its `{"NeutronError": {...}}` body; other APIs ignore it.
   */
  neutronType?: string;
}

export class ZenithError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldError[];
  readonly headers: Record<string, string>;
  readonly neutronType: string | undefined;
  /** The key and params of a message Zenith wrote (undefined for an upstream cloud's words). */
  readonly messageKey: { key: string; params: MessageParams } | undefined;

  /** `message` is plain English, or `say(...)`'s keyed message so a portal can translate it. */
  constructor(code: ErrorCode, message: string | KeyedMessage, options: ZenithErrorOptions = {}) {
    const text = typeof message === "string" ? message : message.text;
    super(text, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ZenithError";
    this.code = code;
    this.messageKey = typeof message === "string" ? undefined : { key: message.key, params: message.params };
    this.fields = options.fields ?? [];
    this.headers = options.headers ?? {};
    this.neutronType = options.neutronType;
  }

  /** The message as given: keyed when Zenith wrote it, so it can be passed on (to a field) still keyed. */
  get said(): string | KeyedMessage {
    return this.messageKey ? { text: this.message, ...this.messageKey } : this.message;
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }

  get info(): CodeInfo {
    return ERROR_CODES[this.code];
  }

  static notFound(what: string | KeyedMessage): ZenithError {
    return new ZenithError("NOT_FOUND", what);
  }

  static badRequest(message: string | KeyedMessage, fields?: FieldError[]): ZenithError {
    return new ZenithError("BAD_REQUEST", message, fields ? { fields } : {});
  }
}

export function isZenithError(err: unknown): err is ZenithError {
  return err instanceof ZenithError;
}

/** Turns zod issues into field errors with dotted paths. */
export function fieldErrorsFromIssues(
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
): FieldError[] {
  return issues.map((issue) => ({
    path: issue.path.map((p) => String(p)).join("."),
    message: issue.message,
  }));
}

/** "Invalid input for field 'user.name': Required" — names the field, as Keystone does. */
export function describeFieldErrors(fields: FieldError[]): string {
  return fields
    .map((f) => (f.path ? `Invalid input for field '${f.path}': ${f.message}` : f.message))
    .join("; ");
}
