import { z } from "zod";
import { ZId } from "../../list.types.ts";

export const ZDeleteSecurityGroupRequest = z.object({ id: ZId });
export { ZOk as ZDeleteSecurityGroupResponse } from "../../list.types.ts";
