import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { descriptionField, idParam, nameField, parse, queryString } from "../parse.ts";
import { renderAppCred } from "./render.ts";
import { type RouteEnv, requireAuth } from "./route-env.ts";

const ZAppCredCreate = z.object({
  application_credential: z.object({
    name: nameField,
    description: descriptionField,
    secret: z.string().min(1).max(4096).nullable().optional(),
    expires_at: z.iso
      .datetime({ offset: true, local: true })
      .nullable()
      .optional()
      // Keystone writes expiry without a zone and means UTC.
      .transform((v): Date | null | undefined =>
        typeof v === "string" ? new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v}Z`) : v,
      ),
    roles: z
      .array(z.object({ id: z.string().min(1).optional(), name: z.string().min(1).optional() }))
      .optional(),
    unrestricted: z.boolean().optional(),
    access_rules: z.array(z.unknown()).max(0, "Access rules are not supported").optional(),
  }),
});
const ZUserParams = z.object({ userId: idParam });
const ZCredParams = z.object({ userId: idParam, id: idParam });
const ZQuery = z.object({ name: queryString });

export function registerAppCredentialRoutes(app: FastifyInstance, env: RouteEnv): void {
  const { services, links } = env;
  const base = "/identity/v3/users/:userId/application_credentials";

  app.get(base, async (request) => {
    const ctx = await requireAuth(env, request);
    const { userId } = parse(ZUserParams, request.params);
    const { name } = parse(ZQuery, request.query);
    const creds = await services.appCreds.list(ctx, userId, { name });
    return {
      application_credentials: creds.map((c) => renderAppCred(links, c)),
      links: links.collection(request.url),
    };
  });

  app.post(base, async (request, reply) => {
    const ctx = await requireAuth(env, request);
    const { userId } = parse(ZUserParams, request.params);
    const { application_credential: input } = parse(ZAppCredCreate, request.body);
    const created = await services.appCreds.create(ctx, userId, {
      name: input.name,
      description: input.description,
      secret: input.secret,
      expiresAt: input.expires_at,
      roles: input.roles,
      unrestricted: input.unrestricted,
    });
    return reply.status(201).send({ application_credential: renderAppCred(links, created) });
  });

  app.get(`${base}/:id`, async (request) => {
    const ctx = await requireAuth(env, request);
    const { userId, id } = parse(ZCredParams, request.params);
    return { application_credential: renderAppCred(links, await services.appCreds.get(ctx, userId, id)) };
  });

  app.delete(`${base}/:id`, async (request, reply) => {
    const ctx = await requireAuth(env, request);
    const { userId, id } = parse(ZCredParams, request.params);
    await services.appCreds.delete(ctx, userId, id);
    return reply.status(204).send();
  });
}
