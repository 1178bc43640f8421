import { deleteSubnet } from "../../../services/network/subnets.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZOk } from "../../list.types.ts";
import { networkScopeOf } from "../networks/scope.ts";
import { ZDeleteSubnetRequestSchema } from "./subnet.types.ts";

export const deleteSubnetRoute = projectProcedure
  .input(ZDeleteSubnetRequestSchema)
  .output(ZOk)
  .mutation(async ({ ctx, input }) => {
    await deleteSubnet(ctx.cloud, networkScopeOf(ctx), input.id);
    return { ok: true as const };
  });
