/**
 * Remote consoles: `POST /servers/{id}/remote-consoles` (2.6+), the older
 * `os-getSerialConsole`/`os-getVNCConsole` actions, and the admin's
 * `GET /os-console-auth-tokens/{token}`. Each answer carries a URL with a
 * fresh single-use token for the console proxy.
 */
import { ZenithError } from "@zenith/core/errors";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorizeCompute } from "../../../policy/compute.ts";
import type { ConsoleType } from "../../../services/compute/consoles/tokens.ts";
import { consoleUrls } from "../../console/index.ts";
import { idParam, parse } from "../../parse.ts";
import { computeContext } from "../context.ts";
import { atLeast } from "../microversion.ts";
import type { ComputeRouteEnv } from "../route-env.ts";
import { type ServerRequest, serverRequest } from "./request.ts";

/** Nova's schema lists more protocols and types than a host offers; those answer "Unavailable console type". */
export const ZRemoteConsoleBody = z.object({
  remote_console: z.object({
    protocol: z.enum(["vnc", "spice", "rdp", "serial", "mks"]),
    type: z.enum(["novnc", "xvpvnc", "spice-html5", "rdp-html5", "serial", "webmks"]),
  }),
});

/** The combinations Nova accepts (`remote_consoles.py`); anything else is "Invalid console type". */
const PROTOCOL_TYPES: Record<string, string[]> = {
  vnc: ["novnc", "xvpvnc"],
  spice: ["spice-html5"],
  rdp: ["rdp-html5"],
  serial: ["serial"],
  mks: ["webmks"],
};

/** What Zenith's hosts offer: QEMU's serial port and its VNC display through noVNC. */
export function offeredConsole(protocol: string, type: string): ConsoleType {
  if (!PROTOCOL_TYPES[protocol]?.includes(type)) {
    throw ZenithError.badRequest(`Unsupported console type ${type} for protocol ${protocol}.`);
  }
  if (type === "serial" || type === "novnc") return type;
  throw ZenithError.badRequest(`Unavailable console type ${type}.`);
}

/** Issues a token and renders the URL a console of `type` is reached at. */
export async function consoleUrl(
  env: ComputeRouteEnv,
  req: ServerRequest,
  id: string,
  type: ConsoleType,
): Promise<string> {
  const issued = await req.servers.consoles.tokens.issue(req.caller, id, type);
  return consoleUrls(env.publicUrl(), issued.token)[type];
}

const ZParams = z.object({ id: idParam });
const ZTokenParams = z.object({ token: z.string().min(1).max(255) });

export function registerRemoteConsoleRoutes(app: FastifyInstance, env: ComputeRouteEnv): void {
  app.post("/compute/v2.1/servers/:id/remote-consoles", async (request, reply) => {
    const req = await serverRequest(env, request, reply, "os_compute_api:os-remote-consoles");
    if (!atLeast(req.mv, 2, 6)) throw ZenithError.notFound("The resource could not be found.");
    const { id } = parse(ZParams, request.params);
    const { protocol, type } = parse(ZRemoteConsoleBody, request.body ?? {}).remote_console;
    const url = await consoleUrl(env, req, id, offeredConsole(protocol, type));
    return reply.send({ remote_console: { protocol, type, url } });
  });

  app.get("/compute/v2.1/os-console-auth-tokens/:token", async (request, reply) => {
    const ctx = await computeContext(env.identity, request, reply);
    authorizeCompute(ctx.auth, "os_compute_api:os-console-auth-tokens");
    const { token } = parse(ZTokenParams, request.params);
    const grant = await env.compute.servers.consoles.tokens.describe(token);
    if (!grant) throw ZenithError.notFound("The token could not be found.");
    return reply.send({
      console: {
        instance_uuid: grant.instanceId,
        host: grant.hostId,
        port: null,
        internal_access_path: grant.consoleType,
      },
    });
  });
}
