import { releaseFloatingIp } from "../../../services/network/floating-ips.ts";
import { projectProcedure } from "../../../trpc.ts";
import { networkScopeOf } from "../securityGroups/scope.ts";
import { ZReleaseRequest, ZReleaseResponse } from "./release.types.ts";

export const releaseRoute = projectProcedure
  .input(ZReleaseRequest)
  .output(ZReleaseResponse)
  .mutation(async ({ ctx, input }) => {
    await releaseFloatingIp(ctx.cloud, networkScopeOf(ctx), input.id);
    return { ok: true as const };
  });
