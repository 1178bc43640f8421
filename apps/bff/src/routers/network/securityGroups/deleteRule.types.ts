import { z } from "zod";
import { ZId } from "../../list.types.ts";

export const ZDeleteRuleRequest = z.object({ id: ZId });
export { ZOk as ZDeleteRuleResponse } from "../../list.types.ts";
