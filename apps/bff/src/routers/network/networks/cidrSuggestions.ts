import { cidrSuggestionsFor } from "../../../services/network/cidr-suggestions.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZCidrSuggestionsRequestSchema, ZCidrSuggestionsResponseSchema } from "./cidrSuggestions.types.ts";
import { networkScopeOf } from "./scope.ts";

/** Free private CIDRs for a new subnet that collide with no subnet the project can see. */
export const cidrSuggestionsRoute = projectProcedure
  .input(ZCidrSuggestionsRequestSchema)
  .output(ZCidrSuggestionsResponseSchema)
  .query(async ({ ctx, input }) => ({
    cidrs: await cidrSuggestionsFor(ctx.cloud, networkScopeOf(ctx), input.prefixLength, input.count),
  }));
