import { listNetworkAgents } from "../../../../services/admin/network-agents.ts";
import { adminProcedure } from "../../../../trpc.ts";
import { ZListNetworkAgentsRequestSchema, ZListNetworkAgentsResponseSchema } from "./list.types.ts";

export const listNetworkAgentsRoute = adminProcedure
  .input(ZListNetworkAgentsRequestSchema)
  .output(ZListNetworkAgentsResponseSchema)
  .query(({ ctx, input }) => listNetworkAgents(ctx.cloud, input));
