import { router } from "../../../trpc.ts";

export const routersRouter = router({});
