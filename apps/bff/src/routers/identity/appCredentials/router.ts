import { router } from "../../../trpc.ts";
import { createAppCredentialRoute } from "./create.ts";
import { deleteAppCredentialRoute } from "./delete.ts";
import { listAppCredentialsRoute } from "./list.ts";

export const appCredentialsRouter = router({
  list: listAppCredentialsRoute,
  create: createAppCredentialRoute,
  delete: deleteAppCredentialRoute,
});
