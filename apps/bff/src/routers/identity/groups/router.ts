import { router } from "../../../trpc.ts";
import { addUserRoute } from "./addUser.ts";
import { createGroupRoute } from "./create.ts";
import { deleteGroupRoute } from "./delete.ts";
import { listGroupsRoute } from "./list.ts";
import { groupMembersRoute } from "./members.ts";
import { removeUserRoute } from "./removeUser.ts";
import { updateGroupRoute } from "./update.ts";

export const groupsRouter = router({
  list: listGroupsRoute,
  create: createGroupRoute,
  update: updateGroupRoute,
  delete: deleteGroupRoute,
  members: groupMembersRoute,
  addUser: addUserRoute,
  removeUser: removeUserRoute,
});
