import { updateSubnet } from "../../../services/network/subnets.ts";
import { projectProcedure } from "../../../trpc.ts";
import { networkScopeOf } from "../networks/scope.ts";
import { ZSubnetSchema, ZUpdateSubnetRequestSchema } from "./subnet.types.ts";

export const updateSubnetRoute = projectProcedure
  .input(ZUpdateSubnetRequestSchema)
  .output(ZSubnetSchema)
  .mutation(({ ctx, input }) => updateSubnet(ctx.cloud, networkScopeOf(ctx), input));
