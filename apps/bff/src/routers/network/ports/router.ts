import { router } from "../../../trpc.ts";

export const portsRouter = router({});
