import { ZenithError } from "@zenith/core/errors";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorizeCompute } from "../../policy/compute.ts";
import type { HostService } from "../../services/compute/hosts.ts";
import { idParam, parse } from "../parse.ts";
import { computeContext } from "./context.ts";
import { atLeast, type Microversion } from "./microversion.ts";
import { novaBool, queryParam } from "./render-common.ts";
import { renderService } from "./render-hosts.ts";
import type { ComputeRouteEnv } from "./route-env.ts";

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

const reason = z.string().min(1).max(255);
const ZListQuery = z.object({ host: queryParam, binary: queryParam });
const ZParams = z.object({ id: idParam });

/** 2.53+: `PUT /os-services/{uuid}`. */
const ZUpdate = z.strictObject({
  status: z.enum(["enabled", "disabled"]).optional(),
  disabled_reason: reason.optional(),
  forced_down: novaBool.optional(),
});

/** Before 2.53: `PUT /os-services/{action}` with the service named by host and binary. */
const legacyBody = {
  host: z.string().min(1).max(255),
  binary: z.string().min(1).max(255),
};
const ZLegacy = z.object(legacyBody);
const ZLegacyReason = z.object({ ...legacyBody, disabled_reason: reason });
const ZLegacyForceDown = z.object({ ...legacyBody, forced_down: novaBool });

/** From 2.53 a service is addressed by uuid; anything else is a 400 as upstream. */
function checkUuid(mv: Microversion, id: string): void {
  if (atLeast(mv, 2, 53) && !UUID.test(id)) throw ZenithError.badRequest(`Invalid uuid ${id}`);
}

export function registerServiceRoutes(app: FastifyInstance, env: ComputeRouteEnv): void {
  const hosts = env.compute.inventory.hosts;

  app.get("/compute/v2.1/os-services", async (request, reply) => {
    const ctx = await computeContext(env.identity, request, reply);
    authorizeCompute(ctx, "os_compute_api:os-services:list");
    const q = parse(ZListQuery, request.query);
    const rows = await hosts.listServices({ host: q.host || undefined, binary: q.binary || undefined });
    const now = new Date();
    return { services: rows.map((h) => renderService(h, ctx.mv, now)) };
  });

  app.put("/compute/v2.1/os-services/:id", async (request, reply) => {
    const ctx = await computeContext(env.identity, request, reply);
    authorizeCompute(ctx, "os_compute_api:os-services:update");
    const { id } = parse(ZParams, request.params);
    if (!atLeast(ctx.mv, 2, 53)) {
      return { service: await legacyAction(hosts, ctx.mv, id, request.body) };
    }
    checkUuid(ctx.mv, id);
    const body = parse(ZUpdate, request.body);
    if (body.status === undefined && body.forced_down === undefined) {
      throw ZenithError.badRequest(
        "No updates were requested. Fields 'status' or 'forced_down' should be specified.",
      );
    }
    if (body.disabled_reason !== undefined && body.status !== "disabled") {
      throw ZenithError.badRequest(
        body.status === "enabled"
          ? "Specifying 'disabled_reason' with status 'enabled' is invalid."
          : "Specifying 'disabled_reason' without 'status' is invalid.",
      );
    }
    const disabled = body.status === undefined ? undefined : body.status === "disabled";
    const updated = await hosts.updateService(id, {
      ...(disabled === undefined
        ? {}
        : { disabled, disabledReason: disabled ? (body.disabled_reason ?? null) : null }),
      ...(body.forced_down === undefined ? {} : { forcedDown: body.forced_down }),
    });
    return { service: renderService(updated, ctx.mv) };
  });

  app.delete("/compute/v2.1/os-services/:id", async (request, reply) => {
    const ctx = await computeContext(env.identity, request, reply);
    authorizeCompute(ctx, "os_compute_api:os-services:delete");
    const { id } = parse(ZParams, request.params);
    checkUuid(ctx.mv, id);
    await hosts.deleteService(id);
    return reply.status(204).send();
  });
}

/** The pre-2.53 actions: enable, disable, disable-log-reason, force-down (2.11+). */
async function legacyAction(hosts: HostService, mv: Microversion, action: string, body: unknown) {
  switch (action) {
    case "enable": {
      const { host, binary } = parse(ZLegacy, body);
      const row = await hosts.byHostAndBinary(host, binary);
      await hosts.updateService(row.id, { disabled: false, disabledReason: null });
      return { host, binary, status: "enabled" };
    }
    case "disable": {
      const { host, binary } = parse(ZLegacy, body);
      const row = await hosts.byHostAndBinary(host, binary);
      await hosts.updateService(row.id, { disabled: true, disabledReason: null });
      return { host, binary, status: "disabled" };
    }
    case "disable-log-reason": {
      const { host, binary, disabled_reason } = parse(ZLegacyReason, body);
      const row = await hosts.byHostAndBinary(host, binary);
      await hosts.updateService(row.id, { disabled: true, disabledReason: disabled_reason });
      return { host, binary, status: "disabled", disabled_reason };
    }
    case "force-down": {
      if (!atLeast(mv, 2, 11)) break;
      const { host, binary, forced_down } = parse(ZLegacyForceDown, body);
      const row = await hosts.byHostAndBinary(host, binary);
      await hosts.updateService(row.id, { forcedDown: forced_down });
      return { host, binary, forced_down };
    }
  }
  throw ZenithError.notFound("Unknown action");
}
