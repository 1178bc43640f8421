import { disassociateFloatingIp } from "../../../services/network/floating-ips.ts";
import { projectProcedure } from "../../../trpc.ts";
import { networkScopeOf } from "../securityGroups/scope.ts";
import { ZDisassociateRequest, ZDisassociateResponse } from "./disassociate.types.ts";

export const disassociateRoute = projectProcedure
  .input(ZDisassociateRequest)
  .output(ZDisassociateResponse)
  .mutation(async ({ ctx, input }) => {
    await disassociateFloatingIp(ctx.cloud, networkScopeOf(ctx), input.id);
    return { ok: true as const };
  });
