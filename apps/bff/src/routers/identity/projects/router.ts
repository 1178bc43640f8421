import { router } from "../../../trpc.ts";
import { createProjectRoute } from "./create.ts";
import { deleteProjectRoute } from "./delete.ts";
import { getProjectRoute } from "./get.ts";
import { grantRoute } from "./grant.ts";
import { listProjectsRoute } from "./list.ts";
import { projectMembersRoute } from "./members.ts";
import { revokeRoute } from "./revoke.ts";
import { updateProjectRoute } from "./update.ts";

export const projectsRouter = router({
  list: listProjectsRoute,
  get: getProjectRoute,
  create: createProjectRoute,
  update: updateProjectRoute,
  delete: deleteProjectRoute,
  members: projectMembersRoute,
  grant: grantRoute,
  revoke: revokeRoute,
});
