import { searchResources } from "../../services/search/search-resources.ts";
import { isCloudAdminSession } from "../../session.ts";
import { projectProcedure } from "../../trpc.ts";
import { ZSearchResourcesRequestSchema, ZSearchResourcesResponseSchema } from "./resources.types.ts";

/** The command palette's resource search: every kind at once, each group answering on its own. */
export const searchResourcesRoute = projectProcedure
  .input(ZSearchResourcesRequestSchema)
  .output(ZSearchResourcesResponseSchema)
  .query(async ({ ctx, input }) => {
    const scope = {
      token: ctx.session.keystone.token,
      projectId: ctx.project.id,
      isAdmin: isCloudAdminSession(ctx.session.keystone),
    };
    const groups = await searchResources(ctx.cloud, scope, input, (kind, err) =>
      ctx.log.warn({ err, kind }, "search: one kind failed"),
    );
    return { groups };
  });
