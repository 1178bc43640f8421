import { router } from "../../../trpc.ts";
import { createUserRoute } from "./create.ts";
import { deleteUserRoute } from "./delete.ts";
import { getUserRoute } from "./get.ts";
import { listUsersRoute } from "./list.ts";
import { setPasswordRoute } from "./setPassword.ts";
import { updateUserRoute } from "./update.ts";

export const usersRouter = router({
  list: listUsersRoute,
  get: getUserRoute,
  create: createUserRoute,
  update: updateUserRoute,
  setPassword: setPasswordRoute,
  delete: deleteUserRoute,
});
