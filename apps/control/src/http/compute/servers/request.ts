import type { FastifyReply, FastifyRequest } from "fastify";
import { authorizeServer, isComputeAdmin, type ServerAction } from "../../../policy/compute-servers.ts";
import type { Caller } from "../../../services/compute/servers/caller.ts";
import type { ServerServices } from "../../../services/compute/servers/registry.ts";
import { computeContext } from "../context.ts";
import type { Microversion } from "../microversion.ts";
import { ComputeLinks } from "../render-common.ts";
import type { ComputeRouteEnv } from "../route-env.ts";
import type { ServerRenderContext } from "./render.ts";

export interface ServerRequest {
  caller: Caller;
  mv: Microversion;
  render: ServerRenderContext;
  servers: ServerServices;
}

/** Authenticates, negotiates the microversion and applies the policy rule of the route. */
export async function serverRequest(
  env: ComputeRouteEnv,
  request: FastifyRequest,
  reply: FastifyReply,
  action: ServerAction,
): Promise<ServerRequest> {
  const ctx = await computeContext(env.identity, request, reply);
  authorizeServer(ctx.auth, action);
  const admin = isComputeAdmin(ctx.auth);
  return {
    caller: { auth: ctx.auth, projectId: ctx.projectId, admin, requestId: request.id },
    mv: ctx.mv,
    render: { mv: ctx.mv, admin, links: new ComputeLinks(env.publicUrl) },
    servers: env.compute.servers,
  };
}
