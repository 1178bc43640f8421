import { router } from "../../../trpc.ts";
import { listFlavorsRoute } from "./list.ts";

export const flavorsRouter = router({ list: listFlavorsRoute });
