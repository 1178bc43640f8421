/**
 * Whether a request to a page is Next's router asking for a render (a
 * click's navigation, a hover's prefetch: header `RSC: 1`) rather than a
 * document load. Next hides its own flight headers from `headers()` in
 * server components, so the proxy (src/proxy.ts) copies the answer into a
 * header of ours, which it always sets itself: a value the browser sent is
 * never passed on.
 */
export const CLIENT_NAVIGATION_HEADER = "x-zenith-client-navigation";

/** The request headers the proxy passes to the page: the caller's, with our header set from `RSC`. */
export function markClientNavigation(incoming: Headers): Headers {
  const out = new Headers(incoming);
  out.delete(CLIENT_NAVIGATION_HEADER);
  if (incoming.get("rsc") === "1") out.set(CLIENT_NAVIGATION_HEADER, "1");
  return out;
}
