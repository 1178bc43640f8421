import { router } from "../../../trpc.ts";

export const securityGroupsRouter = router({});
