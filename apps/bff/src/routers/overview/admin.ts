import { adminOverview } from "../../services/overview/admin-overview.ts";
import { adminProcedure } from "../../trpc.ts";
import { ZAdminOverviewRequestSchema, ZAdminOverviewResponseSchema } from "./admin.types.ts";

/** Hypervisor utilisation, instances by state and agents health across the cloud (cloud admin). */
export const adminOverviewRoute = adminProcedure
  .input(ZAdminOverviewRequestSchema)
  .output(ZAdminOverviewResponseSchema)
  .query(({ ctx }) => adminOverview(ctx.cloud, ctx.log));
