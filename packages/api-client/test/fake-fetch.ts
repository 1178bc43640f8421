/** A scripted fetch: each route answers with a JSON body, status and headers; every call is recorded. */
export interface FakeRoute {
  method?: string;
  /** Matched against the path + query of the request URL. */
  path: string | RegExp;
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RecordedCall {
  method: string;
  url: string;
  headers: Headers;
  body: unknown;
}

export function fakeFetch(routes: FakeRoute[]) {
  const calls: RecordedCall[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    const method = init?.method ?? "GET";
    const headers = new Headers(init?.headers);
    const body = typeof init?.body === "string" ? JSON.parse(init.body) : undefined;
    calls.push({ method, url: url.href, headers, body });
    const target = url.pathname + url.search;
    const route = routes.find(
      (r) =>
        (r.method ?? "GET") === method &&
        (typeof r.path === "string" ? r.path === target : r.path.test(target)),
    );
    if (!route)
      return new Response(JSON.stringify({ error: { code: 404, message: `no route ${method} ${target}` } }), {
        status: 404,
      });
    const status = route.status ?? 200;
    const payload = route.body === undefined || status === 204 ? null : JSON.stringify(route.body);
    return new Response(payload, {
      status,
      headers: { "Content-Type": "application/json", ...route.headers },
    });
  };
  return { fetch: fetchImpl, calls };
}
