import { watchTopology } from "../../../services/network/topology/index.ts";
import { isCloudAdminSession } from "../../../session.ts";
import { projectProcedure } from "../../../trpc.ts";
import { type TTopologyDelta, ZTopologyDelta, ZTopologyUpdatesRequest } from "./topology.types.ts";

/**
 * Server-sent deltas of the graph (tRPC `httpSubscriptionLink`); each is
 * validated here because `.output()` does not apply to subscriptions.
 */
export const topologyUpdatesRoute = projectProcedure
  .input(ZTopologyUpdatesRequest)
  .subscription(async function* ({ ctx, input, signal }): AsyncGenerator<TTopologyDelta> {
    const scope = { projectId: ctx.project.id, isAdmin: isCloudAdminSession(ctx.session.keystone) };
    for await (const delta of watchTopology(ctx.cloud, scope, input, signal, { log: ctx.log }))
      yield ZTopologyDelta.parse(delta);
  });
