import { router } from "../../../trpc.ts";

export const floatingIpsRouter = router({});
