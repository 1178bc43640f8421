import { router } from "../../../trpc.ts";
import { createKeyPairRoute } from "./create.ts";
import { deleteKeyPairRoute } from "./delete.ts";
import { importKeyPairRoute } from "./import.ts";
import { listKeyPairsRoute } from "./list.ts";

export const keyPairsRouter = router({
  list: listKeyPairsRoute,
  create: createKeyPairRoute,
  import: importKeyPairRoute,
  delete: deleteKeyPairRoute,
});
