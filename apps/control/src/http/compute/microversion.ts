import { ZenithError } from "@zenith/core/errors";
import type { FastifyReply, FastifyRequest } from "fastify";

/**
 * Nova microversions. The range Zenith implements is advertised in the
 * version documents; requests outside it get 406 as upstream. Handlers ask
 * `atLeast(mv, 2, 47)` to pick a response shape.
 */
export const MIN_MICROVERSION = { major: 2, minor: 1 } as const;
export const MAX_MICROVERSION = { major: 2, minor: 79 } as const;
export const MIN_VERSION_STRING = "2.1";
export const MAX_VERSION_STRING = `${MAX_MICROVERSION.major}.${MAX_MICROVERSION.minor}`;

export interface Microversion {
  major: number;
  minor: number;
}

function parseVersion(text: string): Microversion | "latest" | null {
  const t = text.trim().toLowerCase();
  if (t === "latest") return "latest";
  const m = /^(\d+)\.(\d+)$/.exec(t);
  if (!m) return null;
  return { major: Number(m[1]), minor: Number(m[2]) };
}

function compare(a: Microversion, b: Microversion): number {
  return a.major - b.major || a.minor - b.minor;
}

/** Reads `OpenStack-API-Version: compute X.Y`, then `X-OpenStack-Nova-API-Version: X.Y`; 2.1 when absent. */
export function requestedMicroversion(request: FastifyRequest): Microversion {
  const raw = request.headers["openstack-api-version"];
  let wanted: string | undefined;
  for (const value of (Array.isArray(raw) ? raw.join(",") : (raw ?? "")).split(",")) {
    const [service, version] = value.trim().split(/\s+/);
    if (service?.toLowerCase() === "compute" && version) wanted = version;
  }
  if (wanted === undefined) {
    const legacy = request.headers["x-openstack-nova-api-version"];
    if (typeof legacy === "string" && legacy.trim() !== "") wanted = legacy;
  }
  if (wanted === undefined) return { ...MIN_MICROVERSION };
  const parsed = parseVersion(wanted);
  if (parsed === "latest") return { ...MAX_MICROVERSION };
  if (parsed === null) {
    throw ZenithError.badRequest(`Invalid API version request string: ${wanted}.`);
  }
  if (compare(parsed, MIN_MICROVERSION) < 0 || compare(parsed, MAX_MICROVERSION) > 0) {
    throw new ZenithError(
      "NOT_ACCEPTABLE",
      `Version ${wanted} is not supported by the API. Minimum is ${MIN_VERSION_STRING} and maximum is ${MAX_VERSION_STRING}.`,
    );
  }
  return parsed;
}

/** Echoes the version used, as Nova does, so clients can see what they got. */
export function setMicroversionHeaders(reply: FastifyReply, mv: Microversion): void {
  const v = `${mv.major}.${mv.minor}`;
  reply.header("OpenStack-API-Version", `compute ${v}`);
  reply.header("X-OpenStack-Nova-API-Version", v);
  reply.header("Vary", "OpenStack-API-Version, X-OpenStack-Nova-API-Version");
}

export function atLeast(mv: Microversion, major: number, minor: number): boolean {
  return compare(mv, { major, minor }) >= 0;
}
