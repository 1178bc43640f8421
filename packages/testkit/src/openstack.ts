/** What a request came back with; the body is parsed JSON when it is JSON, else the text. */
export interface OpenStackResponse {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies.
  body: any;
  text: string;
}

export interface OpenStackRequest {
  /** Sent as X-Auth-Token. */
  token?: string;
  /** Serialised as JSON (content type application/json unless headers say otherwise). */
  body?: unknown;
  /** Sent as is (malformed JSON, other media types); wins over `body`. */
  rawBody?: string | Uint8Array;
  headers?: Record<string, string>;
}

/**
 * Talks to an OpenStack-compatible endpoint like a client would: absolute
 * paths under the base URL (`/identity/v3/...`, `/compute/v2.1/...`,
 * `/image/v2/...`), sent exactly as given (no re-encoding, so malformed
 * paths reach the server as written).
 */
export class OpenStackClient {
  constructor(readonly baseUrl: string) {}

  async request(method: string, path: string, opts: OpenStackRequest = {}): Promise<OpenStackResponse> {
    const headers: Record<string, string> = { accept: "application/json", ...opts.headers };
    if (opts.token) headers["x-auth-token"] = opts.token;
    let body: string | Uint8Array | undefined;
    if (opts.rawBody !== undefined) body = opts.rawBody;
    else if (opts.body !== undefined) body = JSON.stringify(opts.body);
    if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) {
      headers["content-type"] = "application/json";
    }
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    if (text && (res.headers.get("content-type") ?? "").includes("json")) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  }

  /** Password login in the Default domain, scoped to a project; returns the token. */
  async login(user: string, password: string, project: string): Promise<string> {
    const res = await this.request("POST", "/identity/v3/auth/tokens", {
      body: {
        auth: {
          identity: {
            methods: ["password"],
            password: { user: { name: user, domain: { name: "Default" }, password } },
          },
          scope: { project: { name: project, domain: { name: "Default" } } },
        },
      },
    });
    const token = res.headers.get("x-subject-token");
    if (res.status !== 201 || !token) throw new Error(`login ${user} failed: ${res.status} ${res.text}`);
    return token;
  }
}
