import { z } from "zod";
import { ZId } from "../../list.types.ts";

export const ZDeleteNetworkRequestSchema = z.object({ id: ZId });
