import { router } from "../../trpc.ts";
import { adminOverviewRoute } from "./admin.ts";

/** What the overview pages show beyond quotas and usage. */
export const overviewRouter = router({ admin: adminOverviewRoute });
