import { describeSession } from "../../session.ts";
import { authedProcedure } from "../../trpc.ts";
import { ZNoInput } from "../list.types.ts";
import { ZMeResponseSchema } from "./me.types.ts";

export const meRoute = authedProcedure
  .input(ZNoInput)
  .output(ZMeResponseSchema)
  .query(({ ctx }) => describeSession(ctx.session.keystone));
