import type { FastifyRequest } from "fastify";
import type { AuthContext } from "../../services/identity/auth-context.ts";
import type { NetworkServices } from "../../services/network/registry.ts";
import { type RouteEnv, requireAuth } from "../identity/route-env.ts";

/** The Network API lives under this prefix; the catalog's `network` endpoint points here. */
export const NETWORK_PREFIX = "/networking";
export const V2 = `${NETWORK_PREFIX}/v2.0`;

/** What the network routes receive: identity (to check tokens), the network services, the public URL. */
export interface NetworkRouteEnv extends RouteEnv {
  network: NetworkServices;
  /** Resolved per call: with port 0 the public URL is known only after listen. */
  publicUrl: () => string;
}

export function requireNetworkAuth(env: NetworkRouteEnv, request: FastifyRequest): Promise<AuthContext> {
  return requireAuth(env, request);
}
