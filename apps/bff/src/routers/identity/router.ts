import { router } from "../../trpc.ts";
import { apiAccessRouter } from "./apiAccess/router.ts";
import { appCredentialsRouter } from "./appCredentials/router.ts";
import { assignmentsRouter } from "./assignments/router.ts";
import { groupsRouter } from "./groups/router.ts";
import { meRouter } from "./me/router.ts";
import { projectsRouter } from "./projects/router.ts";
import { rolesRouter } from "./roles/router.ts";
import { usersRouter } from "./users/router.ts";

export const identityRouter = router({
  projects: projectsRouter,
  users: usersRouter,
  groups: groupsRouter,
  roles: rolesRouter,
  assignments: assignmentsRouter,
  appCredentials: appCredentialsRouter,
  me: meRouter,
  apiAccess: apiAccessRouter,
});
