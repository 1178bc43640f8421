import { ZenithError } from "@zenith/core/errors";
import type { FastifyInstance } from "fastify";
import { registerImageDiscoveryRoutes } from "./discovery.ts";
import { registerImageDataRoutes } from "./image-data.ts";
import { JSON_PATCH_TYPES, registerImageRecordRoutes } from "./images.ts";
import { registerImageMemberRoutes } from "./members.ts";
import type { ImageRouteEnv } from "./route-env.ts";
import { registerImageSchemaRoutes } from "./schemas.ts";
import { registerImageTagRoutes } from "./tags.ts";
import { registerImageUsageRoutes } from "./usage.ts";

/**
 * Glance v2 under /image. Registered as an encapsulated plugin so the
 * image-only body parsers (json-patch, raw octet streams) do not leak into
 * other services; the root error handler still renders every error.
 */
export function registerImageRoutes(app: FastifyInstance, env: ImageRouteEnv): void {
  app.register(async (scope) => {
    scope.addContentTypeParser(JSON_PATCH_TYPES, { parseAs: "string" }, (_request, body, done) => {
      const text = typeof body === "string" ? body : body.toString("utf8");
      try {
        done(null, text.trim() === "" ? undefined : JSON.parse(text));
      } catch {
        done(ZenithError.badRequest("Malformed JSON in request body."), undefined);
      }
    });
    registerImageDiscoveryRoutes(scope, env);
    registerImageSchemaRoutes(scope);
    registerImageRecordRoutes(scope, env);
    registerImageDataRoutes(scope, env);
    registerImageTagRoutes(scope, env);
    registerImageMemberRoutes(scope, env);
    registerImageUsageRoutes(scope, env);
  });
}
