import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { extensionNotFound } from "../../services/network/errors.ts";
import { NETWORK_EXTENSIONS, type NetworkExtension } from "../../services/network/extensions.ts";
import { parse } from "../parse.ts";
import { type NetworkRouteEnv, requireNetworkAuth, V2 } from "./route-env.ts";

const ZAlias = z.object({ alias: z.string().min(1).max(255) });

function render(ext: NetworkExtension) {
  return { alias: ext.alias, name: ext.name, description: ext.description, updated: ext.updated, links: [] };
}

/** `GET /v2.0/extensions`: exactly what is served (services/network/extensions.ts). */
export function registerExtensionRoutes(app: FastifyInstance, env: NetworkRouteEnv): void {
  app.get(`${V2}/extensions`, async (request) => {
    await requireNetworkAuth(env, request);
    return { extensions: NETWORK_EXTENSIONS.map(render) };
  });
  app.get(`${V2}/extensions/:alias`, async (request) => {
    await requireNetworkAuth(env, request);
    const { alias } = parse(ZAlias, request.params);
    const ext = NETWORK_EXTENSIONS.find((e) => e.alias === alias);
    if (!ext) throw extensionNotFound(alias);
    return { extension: render(ext) };
  });
}
