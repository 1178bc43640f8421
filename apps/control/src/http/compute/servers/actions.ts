import { ACTIONS as TABLE } from "@zenith/compute-actions/actions";
import { describeFieldErrors, fieldErrorsFromIssues, ZenithError } from "@zenith/core/errors";
import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";
import type { ServerAction } from "../../../policy/compute-servers.ts";
import { newAdminPass } from "../../../services/compute/servers/naming.ts";
import { idParam, parse } from "../../parse.ts";
import { atLeast } from "../microversion.ts";
import type { ComputeRouteEnv } from "../route-env.ts";
import { attachmentsOf } from "./attachments-of.ts";
import { consoleUrl, offeredConsole } from "./remote-consoles.ts";
import { renderServer, updateView } from "./render.ts";
import { type ServerRequest, serverRequest } from "./request.ts";
import {
  ZConsoleAction,
  ZConsoleOutput,
  ZCreateImage,
  ZLock,
  ZNoArgs,
  ZReboot,
  ZRebuild,
  ZResize,
} from "./schemas.ts";
import { securityGroupActions } from "./security-groups.ts";

const ZParams = z.object({ id: idParam });
/** An action body names exactly one action: `{"os-stop": null}`. */
const ZActionBody = z.record(z.string(), z.unknown()).refine((b) => Object.keys(b).length === 1, {
  message: "An action body holds exactly one action",
});

export type Handler = (
  req: ServerRequest,
  id: string,
  args: unknown,
  reply: FastifyReply,
) => Promise<unknown>;

export interface ActionRoute {
  rule: ServerAction;
  handle: Handler;
}

/** Parses an action's argument; errors name the field under the action, as Nova's messages do. */
function args<S extends z.ZodType>(action: string, schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields = fieldErrorsFromIssues(result.error.issues).map((f) => ({
    ...f,
    path: f.path ? `${action}.${f.path}` : action,
  }));
  throw new ZenithError("BAD_REQUEST", describeFieldErrors(fields), { fields });
}

function accepted(reply: FastifyReply): null {
  reply.status(202);
  return null;
}

/** An action without arguments (`{"pause": null}`) that only calls its service: 202, no body. */
function noArgs(
  action: string,
  rule: ServerAction,
  call: (req: ServerRequest, id: string) => Promise<unknown>,
): ActionRoute {
  return {
    rule,
    handle: async (req, id, a, reply) => {
      args(action, ZNoArgs, a);
      await call(req, id);
      return accepted(reply);
    },
  };
}

const ACTIONS: Record<string, ActionRoute> = {
  "os-start": noArgs("os-start", TABLE.start.policy, ({ caller, servers }, id) =>
    servers.power.start(caller, id),
  ),
  "os-stop": noArgs("os-stop", TABLE.stop.policy, ({ caller, servers }, id) =>
    servers.power.stop(caller, id),
  ),
  reboot: {
    rule: TABLE.reboot.policy,
    handle: async ({ caller, servers }, id, a, reply) => {
      const { type } = args("reboot", ZReboot, a);
      await servers.power.reboot(caller, id, type);
      return accepted(reply);
    },
  },
  pause: noArgs("pause", TABLE.pause.policy, ({ caller, servers }, id) => servers.power.pause(caller, id)),
  unpause: noArgs("unpause", TABLE.unpause.policy, ({ caller, servers }, id) =>
    servers.power.unpause(caller, id),
  ),
  suspend: noArgs("suspend", TABLE.suspend.policy, ({ caller, servers }, id) =>
    servers.power.suspend(caller, id),
  ),
  resume: noArgs("resume", TABLE.resume.policy, ({ caller, servers }, id) =>
    servers.power.resume(caller, id),
  ),
  lock: {
    rule: TABLE.lock.policy,
    handle: async ({ caller, mv, servers }, id, a, reply) => {
      const body = args("lock", ZLock, a);
      const reason = body?.locked_reason;
      if (reason !== undefined && !atLeast(mv, 2, 73)) {
        throw ZenithError.badRequest(
          "Invalid input for field/attribute lock: 'locked_reason' was unexpected",
        );
      }
      await servers.power.lock(caller, id, reason ?? null);
      return accepted(reply);
    },
  },
  unlock: noArgs("unlock", TABLE.unlock.policy, ({ caller, servers }, id) =>
    servers.power.unlock(caller, id),
  ),
  rebuild: {
    rule: TABLE.rebuild.policy,
    handle: async ({ caller, mv, render, servers }, id, a, reply) => {
      const r = args("rebuild", ZRebuild, a);
      if (r.description !== undefined && !atLeast(mv, 2, 19)) {
        throw ZenithError.badRequest(
          "Invalid input for field/attribute rebuild: 'description' was unexpected",
        );
      }
      await servers.rebuild.rebuild(caller, id, {
        imageRef: r.imageRef,
        name: r.name,
        metadata: r.metadata,
        description: r.description,
        accessIPv4: r.accessIPv4,
        accessIPv6: r.accessIPv6,
      });
      reply.status(202);
      const inst = await servers.get(caller, id);
      const nets = await attachmentsOf(servers, [inst.id]);
      const server = renderServer(render, inst, updateView(mv), nets.get(inst.id));
      // Before 2.75 the rebuild answer is the core view, plus what 2.54 and 2.57 added to it.
      if (atLeast(mv, 2, 54)) server.key_name = inst.keyName;
      if (atLeast(mv, 2, 57)) server.user_data = inst.userData;
      // Nova answers the password it set (`enable_instance_password`), generated when none was given.
      server.adminPass = r.adminPass ?? newAdminPass();
      return { server };
    },
  },
  resize: {
    rule: TABLE.resize.policy,
    handle: async ({ caller, servers }, id, a, reply) => {
      const { flavorRef } = args("resize", ZResize, a);
      await servers.resize.resize(caller, id, flavorRef);
      return accepted(reply);
    },
  },
  confirmResize: {
    rule: TABLE.confirmResize.policy,
    handle: async ({ caller, servers }, id, a, reply) => {
      args("confirmResize", ZNoArgs, a);
      await servers.resize.confirm(caller, id);
      reply.status(204);
      return null;
    },
  },
  revertResize: noArgs("revertResize", TABLE.revertResize.policy, ({ caller, servers }, id) =>
    servers.resize.revert(caller, id),
  ),
  createImage: {
    rule: TABLE.createImage.policy,
    handle: async ({ caller, mv, render, servers }, id, a, reply) => {
      const body = args("createImage", ZCreateImage, a);
      const imageId = await servers.snapshot.createImage(caller, id, {
        name: body.name,
        metadata: body.metadata ?? {},
      });
      reply.status(202);
      // 2.45 moved the id from the Location header to the body.
      if (atLeast(mv, 2, 45)) return { image_id: imageId };
      reply.header("Location", `${render.links.root}/images/${imageId}`);
      return null;
    },
  },
  "os-getConsoleOutput": {
    rule: "os_compute_api:os-console-output",
    handle: async ({ caller, servers }, id, a) => {
      const body = args("os-getConsoleOutput", ZConsoleOutput, a);
      const length = body?.length ?? null;
      return { output: await servers.console.get(caller, id, length === -1 ? null : length) };
    },
  },
};

/** `os-getVNCConsole`/`os-getSerialConsole` (before 2.6, still answered after): `{"console": {type, url}}`. */
function consoleAction(action: string, protocol: "vnc" | "serial", env: ComputeRouteEnv): ActionRoute {
  return {
    rule: "os_compute_api:os-remote-consoles",
    handle: async (req, id, a) => {
      const { type } = args(action, ZConsoleAction, a);
      return { console: { type, url: await consoleUrl(env, req, id, offeredConsole(protocol, type)) } };
    },
  };
}

export function registerServerActionRoutes(app: FastifyInstance, env: ComputeRouteEnv): void {
  const actions: Record<string, ActionRoute> = {
    ...ACTIONS,
    "os-getVNCConsole": consoleAction("os-getVNCConsole", "vnc", env),
    "os-getSerialConsole": consoleAction("os-getSerialConsole", "serial", env),
    ...securityGroupActions(args, accepted),
  };
  app.post("/compute/v2.1/servers/:id/action", async (request, reply) => {
    const { id } = parse(ZParams, request.params);
    const body = parse(ZActionBody, request.body ?? {});
    const [name, value] = Object.entries(body)[0] ?? ["", undefined];
    const action = Object.hasOwn(actions, name) ? actions[name] : undefined;
    if (!action) {
      // Authenticate first: an anonymous caller learns nothing about actions.
      await serverRequest(env, request, reply, "os_compute_api:servers:show");
      throw ZenithError.badRequest(`There is no such action: ${name}`);
    }
    const req = await serverRequest(env, request, reply, action.rule);
    const result = await action.handle(req, id, value, reply);
    return reply.send(result === null ? undefined : result);
  });
}
