import { createSubnet } from "../../../services/network/subnets.ts";
import { projectProcedure } from "../../../trpc.ts";
import { networkScopeOf } from "../networks/scope.ts";
import { ZCreateSubnetRequestSchema, ZSubnetSchema } from "./subnet.types.ts";

export const createSubnetRoute = projectProcedure
  .input(ZCreateSubnetRequestSchema)
  .output(ZSubnetSchema)
  .mutation(({ ctx, input: { networkId, ...subnet } }) =>
    createSubnet(ctx.cloud, networkScopeOf(ctx), networkId, subnet),
  );
