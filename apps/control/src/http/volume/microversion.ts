import { ZenithError } from "@zenith/core/errors";
import type { FastifyReply, FastifyRequest } from "fastify";

/**
 * Cinder microversions (`OpenStack-API-Version: volume 3.x`). The range is
 * advertised in the version documents; outside it a request gets 406, a
 * malformed one 400, as upstream. MAX is 3.60, the openstacksdk (Zed) cap,
 * and what the served resources honour up to it:
 * - 3.39: `GET /limits?project_id=` (another project's limits, for admins);
 * - 3.52: `GET /types?extra_specs={…}` filters types by extra specs;
 * - 3.27: the attachment API; 3.42: extending in-use volumes (online);
 *   3.55: `volume-transfers` with `no_snapshots`; 3.9/3.43 backup update;
 *   3.13/3.21/3.48/3.61 add keys to volume bodies (render-volumes.ts);
 * a resource served later must honour what each microversion says of it.
 */
export const MIN_MICROVERSION = { major: 3, minor: 0 } as const;
export const MAX_MICROVERSION = { major: 3, minor: 60 } as const;
export const MIN_VERSION_STRING = "3.0";
export const MAX_VERSION_STRING = `${MAX_MICROVERSION.major}.${MAX_MICROVERSION.minor}`;

export interface Microversion {
  major: number;
  minor: number;
}

function compare(a: Microversion, b: Microversion): number {
  return a.major - b.major || a.minor - b.minor;
}

/** Reads `OpenStack-API-Version: volume X.Y` (other services' entries are ignored); 3.0 when absent. */
export function requestedMicroversion(request: FastifyRequest): Microversion {
  const raw = request.headers["openstack-api-version"];
  let wanted: string | undefined;
  for (const value of (Array.isArray(raw) ? raw.join(",") : (raw ?? "")).split(",")) {
    const [service, version] = value.trim().split(/\s+/);
    if (service?.toLowerCase() === "volume" && version) wanted = version;
  }
  if (wanted === undefined) return { ...MIN_MICROVERSION };
  if (wanted.toLowerCase() === "latest") return { ...MAX_MICROVERSION };
  const m = /^([1-9]\d*)\.(0|[1-9]\d*)$/.exec(wanted);
  if (!m) {
    throw ZenithError.badRequest(
      `API Version String ${wanted} is of invalid format. Must be of format MajorNum.MinorNum.`,
    );
  }
  const parsed = { major: Number(m[1]), minor: Number(m[2]) };
  if (compare(parsed, MIN_MICROVERSION) < 0 || compare(parsed, MAX_MICROVERSION) > 0) {
    throw new ZenithError(
      "NOT_ACCEPTABLE",
      `Version ${wanted} is not supported by the API. Minimum is ${MIN_VERSION_STRING} and maximum is ${MAX_VERSION_STRING}.`,
    );
  }
  return parsed;
}

/** Echoes the version used, as Cinder does. */
export function setMicroversionHeaders(reply: FastifyReply, mv: Microversion): void {
  reply.header("OpenStack-API-Version", `volume ${mv.major}.${mv.minor}`);
  reply.header("Vary", "OpenStack-API-Version");
}

export function atLeast(mv: Microversion, major: number, minor: number): boolean {
  return compare(mv, { major, minor }) >= 0;
}
