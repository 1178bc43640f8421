import { router } from "../../../trpc.ts";
import { createRoleRoute } from "./create.ts";
import { deleteRoleRoute } from "./delete.ts";
import { listRolesRoute } from "./list.ts";

export const rolesRouter = router({ list: listRolesRoute, create: createRoleRoute, delete: deleteRoleRoute });
