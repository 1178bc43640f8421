/**
 * Builders for `POST /v3/auth/tokens` request bodies. Kept apart from the
 * client so they are easy to test against the API reference samples.
 */

export type UserRef = { id: string } | { name: string; domain: { id: string } | { name: string } };

export type AuthMethod =
  | { method: "password"; user: UserRef; password: string }
  | { method: "token"; token: string }
  | { method: "application_credential"; id: string; secret: string }
  | { method: "application_credential"; name: string; user: UserRef; secret: string };

export type AuthScope =
  | { project: { id: string } | { name: string; domain: { id: string } | { name: string } } }
  | { domain: { id: string } | { name: string } }
  | { system: true }
  /** Explicitly unscoped: ignores the user's default project. */
  | "unscoped";

function identityFor(auth: AuthMethod): Record<string, unknown> {
  switch (auth.method) {
    case "password":
      return { methods: ["password"], password: { user: { ...auth.user, password: auth.password } } };
    case "token":
      return { methods: ["token"], token: { id: auth.token } };
    case "application_credential": {
      const { method: _method, ...credential } = auth;
      return { methods: ["application_credential"], application_credential: credential };
    }
  }
}

function scopeFor(scope: AuthScope): unknown {
  if (scope === "unscoped") return "unscoped";
  if ("system" in scope) return { system: { all: true } };
  return scope;
}

export function buildAuthRequest(auth: AuthMethod, scope?: AuthScope): { auth: Record<string, unknown> } {
  const body: Record<string, unknown> = { identity: identityFor(auth) };
  // Application credentials carry their own scope; Keystone rejects an explicit one.
  if (scope !== undefined && auth.method !== "application_credential") body.scope = scopeFor(scope);
  return { auth: body };
}
