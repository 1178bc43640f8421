import { router } from "../../../trpc.ts";
import { listPortsRoute } from "./list.ts";

export const portsRouter = router({
  list: listPortsRoute,
});
