import { router } from "../../../trpc.ts";

/** Admin → Network: network agents and per-project network quotas. */
export const adminNetworkRouter = router({});
