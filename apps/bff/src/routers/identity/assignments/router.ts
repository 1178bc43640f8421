import { router } from "../../../trpc.ts";
import { listAssignmentsRoute } from "./list.ts";

export const assignmentsRouter = router({ list: listAssignmentsRoute });
