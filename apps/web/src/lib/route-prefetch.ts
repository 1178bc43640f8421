import type { PrefetchKind } from "next/dist/client/components/router-reducer/router-reducer-types";

/**
 * `router.prefetch(href, { kind: FULL_ROUTE })` reads a route's whole
 * render (what a hover on `unstable_dynamicOnHover` fetches), not only its
 * shell, so a click renders the page from the router's cache. Next's
 * `PrefetchKind` is not in its published types, hence the cast.
 */
export const FULL_ROUTE = "full" as PrefetchKind;
