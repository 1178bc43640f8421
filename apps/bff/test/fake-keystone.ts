/** A scripted Keystone for unit tests: routes answer JSON; every call is recorded. */
export interface Route {
  method?: string;
  path: string | RegExp;
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Call {
  method: string;
  path: string;
  token: string | null;
  body: unknown;
}

export function fakeKeystone(routes: Route[]) {
  const calls: Call[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    const method = init?.method ?? "GET";
    const headers = new Headers(init?.headers);
    const path = url.pathname.replace(/^\/identity\/v3/, "") + url.search;
    calls.push({
      method,
      path,
      token: headers.get("x-auth-token"),
      body: typeof init?.body === "string" ? JSON.parse(init.body) : undefined,
    });
    const route = routes.find(
      (r) =>
        (r.method ?? "GET") === method && (typeof r.path === "string" ? r.path === path : r.path.test(path)),
    );
    if (!route) {
      return new Response(JSON.stringify({ error: { code: 404, message: `Could not find ${path}.` } }), {
        status: 404,
      });
    }
    const status = route.status ?? 200;
    return new Response(status === 204 ? null : JSON.stringify(route.body ?? {}), {
      status,
      headers: { "Content-Type": "application/json", ...route.headers },
    });
  };
  return { fetch: fetchImpl, calls };
}
