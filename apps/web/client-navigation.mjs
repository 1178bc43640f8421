// Whether a request to a page is Next's router asking for a render (a
// click's navigation, a hover's prefetch: header `RSC: 1`) rather than a
// document load. Next hides its flight headers from `headers()` in server
// components and from the proxy (middleware) alike, so server.mjs, which
// sees the raw request, copies the answer into a header of ours. It always
// sets that header itself: a value the browser sent is never passed on.

export const CLIENT_NAVIGATION_HEADER = "x-zenith-client-navigation";

/** Sets (or removes) our header on Node's incoming request headers, from `RSC`. */
export function markClientNavigation(headers) {
  delete headers[CLIENT_NAVIGATION_HEADER];
  if (headers.rsc === "1") headers[CLIENT_NAVIGATION_HEADER] = "1";
}
