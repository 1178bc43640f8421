import { router } from "../../../trpc.ts";

export const networksRouter = router({});
