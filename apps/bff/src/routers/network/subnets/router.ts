import { router } from "../../../trpc.ts";
import { createSubnetRoute } from "./create.ts";
import { deleteSubnetRoute } from "./delete.ts";
import { updateSubnetRoute } from "./update.ts";

export const subnetsRouter = router({
  create: createSubnetRoute,
  update: updateSubnetRoute,
  delete: deleteSubnetRoute,
});
