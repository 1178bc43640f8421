/**
 * Which browser pages may open a console WebSocket. Browsers send `Origin`
 * on every WebSocket handshake and do not apply CORS to it, so without this
 * check any page the user visits could spend a console token it learned.
 * Clients that are not browsers (the openstack CLI, websocket tools) send
 * no Origin and are not affected: the token alone authorises them.
 */

/** The portal's default address: `npm start` serves it on PORT (3000). */
export const DEFAULT_PORTAL_URL = "http://localhost:3000";

/** An origin and its loopback twin, since `localhost` and `127.0.0.1` are different origins to a browser. */
export function originsOf(url: string): string[] {
  const { origin, hostname } = new URL(url);
  const twin =
    hostname === "localhost"
      ? origin.replace("//localhost", "//127.0.0.1")
      : hostname === "127.0.0.1"
        ? origin.replace("//127.0.0.1", "//localhost")
        : null;
  return twin ? [origin, twin] : [origin];
}

/**
 * Allowed: no Origin (not a browser), a configured origin (the portal), or
 * the control plane's own origin as the browser reached it (the noVNC page
 * it serves; `Host` is what the browser connected to).
 */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowed: ReadonlySet<string>,
): boolean {
  if (origin === undefined) return true;
  if (allowed.has(origin)) return true;
  return host !== undefined && (origin === `http://${host}` || origin === `https://${host}`);
}
