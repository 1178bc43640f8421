/** The `route` label of requests that matched no route (404s, scanners): raw URLs would be unbounded. */
export const UNMATCHED_ROUTE = "unmatched";

/**
 * The API a path belongs to, by its first segment; fixed names, so the
 * label's values are bounded whatever clients send.
 */
const SERVICE_BY_SEGMENT: Readonly<Record<string, string>> = {
  identity: "identity",
  compute: "compute",
  image: "image",
  networking: "network",
  volume: "volume",
  metric: "metric",
  agent: "agent",
  console: "console",
  zenith: "zenith",
  metrics: "prometheus",
};

/** `identity`, `compute`, … for a route pattern or raw path; `other` for anything else (including `/`). */
export function serviceOf(path: string): string {
  const segment = /^\/([^/?#]*)/.exec(path)?.[1] ?? "";
  return Object.hasOwn(SERVICE_BY_SEGMENT, segment) ? (SERVICE_BY_SEGMENT[segment] ?? "other") : "other";
}

/** `2xx`, `4xx`, …: the class, not the code, keeps series few while alerts still tell errors apart. */
export function statusClass(status: number): string {
  return status >= 100 && status < 600 ? `${Math.floor(status / 100)}xx` : "other";
}

/** Fastify's methods are a fixed set; anything else a client invents is folded. */
const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

export function methodLabel(method: string): string {
  return METHODS.has(method) ? method : "other";
}
