import { setNetworkAgentEnabled } from "../../../../services/admin/network-agents.ts";
import { adminProcedure } from "../../../../trpc.ts";
import {
  ZSetNetworkAgentEnabledRequestSchema,
  ZSetNetworkAgentEnabledResponseSchema,
} from "./setEnabled.types.ts";

export const setNetworkAgentEnabledRoute = adminProcedure
  .input(ZSetNetworkAgentEnabledRequestSchema)
  .output(ZSetNetworkAgentEnabledResponseSchema)
  .mutation(({ ctx, input }) => setNetworkAgentEnabled(ctx.cloud, input));
