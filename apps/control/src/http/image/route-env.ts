import type { FastifyRequest } from "fastify";
import type { AuthContext } from "../../services/identity/auth-context.ts";
import type { ImageServices } from "../../services/image/registry.ts";
import { type RouteEnv, requireAuth } from "../identity/route-env.ts";

/** What the image routes receive: identity (to check tokens), the image services, the public URL. */
export interface ImageRouteEnv extends RouteEnv {
  image: ImageServices;
  /** Resolved per call: with port 0 the public URL is known only after listen. */
  publicUrl: () => string;
}

export function requireImageAuth(env: ImageRouteEnv, request: FastifyRequest): Promise<AuthContext> {
  return requireAuth(env, request);
}
