import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { parse, queryBool, queryString } from "../parse.ts";
import { renderAssignment } from "./render.ts";
import { type RouteEnv, requireAuth } from "./route-env.ts";

const ZAssignmentQuery = z.object({
  "user.id": queryString,
  "group.id": queryString,
  "scope.project.id": queryString,
  "scope.domain.id": queryString,
  "scope.system": queryString,
  "role.id": queryString,
  "scope.OS-INHERIT:inherited_to": queryString,
  effective: queryBool,
  include_names: queryBool,
  include_subtree: queryBool,
});

export function registerRoleAssignmentRoutes(app: FastifyInstance, env: RouteEnv): void {
  const { services, links } = env;

  app.get("/identity/v3/role_assignments", async (request) => {
    const ctx = await requireAuth(env, request);
    const q = parse(ZAssignmentQuery, request.query);
    // Inherited grants do not exist here, so asking for them finds nothing.
    const rows = q["scope.OS-INHERIT:inherited_to"]
      ? []
      : await services.assignments.list(ctx, {
          userId: q["user.id"],
          groupId: q["group.id"],
          projectId: q["scope.project.id"],
          domainId: q["scope.domain.id"],
          system: q["scope.system"],
          roleId: q["role.id"],
          effective: q.effective ?? false,
          includeNames: q.include_names ?? false,
        });
    return {
      role_assignments: rows.map((row) => renderAssignment(links, row)),
      links: links.collection(request.url),
    };
  });
}
