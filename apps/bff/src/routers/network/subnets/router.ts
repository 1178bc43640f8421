import { router } from "../../../trpc.ts";

export const subnetsRouter = router({});
