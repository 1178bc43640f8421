import { router } from "../../../trpc.ts";
import { changePasswordRoute } from "./changePassword.ts";

export const meRouter = router({ changePassword: changePasswordRoute });
