import { switchProject } from "../../services/session.ts";
import { authedProcedure } from "../../trpc.ts";
import { ZSwitchProjectRequestSchema, ZSwitchProjectResponseSchema } from "./switchProject.types.ts";

export const switchProjectRoute = authedProcedure
  .input(ZSwitchProjectRequestSchema)
  .output(ZSwitchProjectResponseSchema)
  .mutation(async ({ ctx, input }) => {
    const result = await switchProject({
      keystone: ctx.keystone,
      session: ctx.session,
      projectId: input.projectId,
      keystoneUrl: ctx.config.keystoneUrl,
      secret: ctx.config.authSecret,
      fetch: ctx.config.fetch,
    });
    for (const header of result.setCookie) ctx.setCookie(header);
    return { project: result.project, roles: result.roles };
  });
