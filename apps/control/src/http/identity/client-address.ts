import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyRequest } from "fastify";
import { z } from "zod";

/** The portal's login names the browser's address here… */
export const CLIENT_ADDRESS_HEADER = "x-zenith-client-address";
/** …and proves it is the portal with the per-install shared secret. */
export const PORTAL_SECRET_HEADER = "x-zenith-portal-secret";

const ZAddress = z.union([z.ipv4(), z.ipv6()]);

/**
 * The address login throttling counts against. Every portal login arrives
 * from the portal's own address, so without this one bad guesser would lock
 * every portal user out. The header is believed only together with the
 * portal's secret; from anyone else it is ignored.
 */
export function clientAddressOf(request: FastifyRequest, portalSecret: string): string {
  const claimed = request.headers[CLIENT_ADDRESS_HEADER];
  const secret = request.headers[PORTAL_SECRET_HEADER];
  if (typeof claimed !== "string" || typeof secret !== "string") return request.ip;
  if (!sameSecret(secret, portalSecret)) {
    request.log.warn("client address header without the portal secret ignored");
    return request.ip;
  }
  const parsed = ZAddress.safeParse(claimed.trim());
  return parsed.success ? parsed.data : request.ip;
}

/** Constant time: digests first, so neither content nor length leaks. */
function sameSecret(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}
