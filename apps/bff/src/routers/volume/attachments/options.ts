import { attachOptions } from "../../../services/volume/attachments.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZAttachOptionsRequest, ZAttachOptionsResponse } from "./options.types.ts";

export const attachOptionsRoute = projectProcedure
  .input(ZAttachOptionsRequest)
  .output(ZAttachOptionsResponse)
  .query(({ ctx }) => attachOptions(ctx.cloud));
