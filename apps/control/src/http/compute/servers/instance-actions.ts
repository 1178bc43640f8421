import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { isServerAllowed } from "../../../policy/compute-servers.ts";
import type { ActionWithEvents } from "../../../services/compute/servers/action-history.ts";
import { idParam, parse } from "../../parse.ts";
import { atLeast, type Microversion } from "../microversion.ts";
import { novaTime, pagingQuery, queryParam } from "../render-common.ts";
import type { ComputeRouteEnv } from "../route-env.ts";
import { serverRequest } from "./request.ts";

const ZParams = z.object({ id: idParam });
const ZActionParams = z.object({ id: idParam, requestId: z.string().min(1).max(255) });
const ZListQuery = z.object({
  ...pagingQuery,
  "changes-since": queryParam.pipe(
    z
      .string()
      .refine((v) => !Number.isNaN(Date.parse(v)), "must be an ISO 8601 time")
      .transform((v) => new Date(v))
      .optional(),
  ),
});

type ActionRow = Omit<ActionWithEvents, "events">;

function renderAction(mv: Microversion, a: ActionRow): Record<string, unknown> {
  const body: Record<string, unknown> = {
    action: a.action,
    instance_uuid: a.instanceId,
    message: a.message,
    project_id: a.projectId,
    request_id: a.requestId,
    start_time: novaTime(a.startTime),
    user_id: a.userId,
  };
  if (atLeast(mv, 2, 58)) body.updated_at = novaTime(a.updatedAt);
  return body;
}

/** `os-instance-actions` list and show with events (events for non-admins from 2.51, host from 2.62). */
export function registerInstanceActionRoutes(app: FastifyInstance, env: ComputeRouteEnv): void {
  app.get("/compute/v2.1/servers/:id/os-instance-actions", async (request, reply) => {
    const { caller, mv, servers } = await serverRequest(
      env,
      request,
      reply,
      "os_compute_api:os-instance-actions:list",
    );
    const { id } = parse(ZParams, request.params);
    const q = parse(ZListQuery, request.query);
    const paged = atLeast(mv, 2, 58);
    const actions = await servers.history.list(caller, id, {
      limit: paged ? q.limit : undefined,
      marker: paged ? q.marker : undefined,
      changesSince: paged ? q["changes-since"] : undefined,
    });
    return { instanceActions: actions.map((a) => renderAction(mv, a)) };
  });

  app.get("/compute/v2.1/servers/:id/os-instance-actions/:requestId", async (request, reply) => {
    const { caller, mv, servers } = await serverRequest(
      env,
      request,
      reply,
      "os_compute_api:os-instance-actions:show",
    );
    const { id, requestId } = parse(ZActionParams, request.params);
    const action = await servers.history.get(caller, id, requestId);
    const body = renderAction(mv, action);
    const details = isServerAllowed(caller.auth, "os_compute_api:os-instance-actions:events:details");
    if (caller.admin || atLeast(mv, 2, 51)) {
      body.events = action.events.map((e) => {
        const event: Record<string, unknown> = {
          event: e.event,
          start_time: novaTime(e.startTime),
          finish_time: novaTime(e.finishTime),
          result: e.result,
        };
        if (details) event.traceback = e.traceback;
        if (atLeast(mv, 2, 62) && details) event.host = e.host ?? "";
        return event;
      });
    }
    return { instanceAction: body };
  });
}
