import { readTopology } from "../../../services/network/topology/index.ts";
import { isCloudAdminSession } from "../../../session.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZTopologyGraph, ZTopologyRequest } from "./topology.types.ts";

/** The project's network graph in a bounded number of API calls, whatever its size. */
export const topologyRoute = projectProcedure
  .input(ZTopologyRequest)
  .output(ZTopologyGraph)
  .query(({ ctx, input }) =>
    readTopology(
      ctx.cloud,
      { projectId: ctx.project.id, isAdmin: isCloudAdminSession(ctx.session.keystone) },
      input,
    ),
  );
