import { ZenithError } from "@zenith/core/errors";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorizeCompute } from "../../policy/compute.ts";
import { extraSpecNotFound } from "../../services/compute/flavors.ts";
import { idParam, parse } from "../parse.ts";
import { computeContext } from "./context.ts";
import { flavorViewer, ZFlavorParams } from "./flavors.ts";
import { renderFlavorAccess } from "./render-flavors.ts";
import type { ComputeRouteEnv } from "./route-env.ts";

/**
 * A flavor's sub-resources: `os-extra_specs` (key/value scheduling hints)
 * and `os-flavor-access` (which projects may use a private flavor), plus
 * the flavor `action` endpoint that edits the access list.
 */

const SPEC_KEY = /^[a-zA-Z0-9-_:. /]{1,255}$/;

/** Values may be strings, numbers or booleans; Nova stores `str(value)` ("True", "1.5"). */
const specValue = z
  .union([z.string(), z.number(), z.boolean()])
  .transform((v) => (typeof v === "boolean" ? (v ? "True" : "False") : String(v)))
  .pipe(z.string().max(255));

const specMap = z
  .record(z.string(), specValue)
  .refine((specs) => Object.keys(specs).every((k) => SPEC_KEY.test(k)), {
    message: "extra spec keys must be 1-255 letters, digits or '-_:. /'",
  });

const ZSpecsBody = z.strictObject({ extra_specs: specMap });
const ZSpecParams = z.object({ id: idParam, key: z.string().min(1).max(255) });

const tenantRef = z.strictObject({ tenant: z.string().min(1).max(255) });
const ZAction = z.union([
  z.strictObject({ addTenantAccess: tenantRef }),
  z.strictObject({ removeTenantAccess: tenantRef }),
]);

export function registerFlavorAccessRoutes(app: FastifyInstance, env: ComputeRouteEnv): void {
  const flavors = env.compute.inventory.flavors;
  const base = "/compute/v2.1/flavors/:id";

  app.get(`${base}/os-extra_specs`, async (request, reply) => {
    const ctx = await computeContext(env.identity, request, reply);
    authorizeCompute(ctx, "os_compute_api:os-flavor-extra-specs:index", { projectId: ctx.projectId });
    const { id } = parse(ZFlavorParams, request.params);
    return { extra_specs: await flavors.extraSpecs(flavorViewer(ctx), id) };
  });

  app.post(`${base}/os-extra_specs`, async (request, reply) => {
    const ctx = await computeContext(env.identity, request, reply);
    authorizeCompute(ctx, "os_compute_api:os-flavor-extra-specs:create");
    const { id } = parse(ZFlavorParams, request.params);
    const { extra_specs } = parse(ZSpecsBody, request.body);
    await flavors.setExtraSpecs(flavorViewer(ctx), id, extra_specs);
    return { extra_specs };
  });

  app.get(`${base}/os-extra_specs/:key`, async (request, reply) => {
    const ctx = await computeContext(env.identity, request, reply);
    authorizeCompute(ctx, "os_compute_api:os-flavor-extra-specs:show", { projectId: ctx.projectId });
    const { id, key } = parse(ZSpecParams, request.params);
    const specs = await flavors.extraSpecs(flavorViewer(ctx), id);
    const value = specs[key];
    if (value === undefined) throw extraSpecNotFound(id, key);
    return { [key]: value };
  });

  app.put(`${base}/os-extra_specs/:key`, async (request, reply) => {
    const ctx = await computeContext(env.identity, request, reply);
    authorizeCompute(ctx, "os_compute_api:os-flavor-extra-specs:update");
    const { id, key } = parse(ZSpecParams, request.params);
    const body = parse(specMap, request.body);
    // Nova's checks, in its order and words.
    if (!(key in body)) throw ZenithError.badRequest("Request body and URI mismatch");
    if (Object.keys(body).length > 1) throw ZenithError.badRequest("Request body contains too many items");
    await flavors.setExtraSpecs(flavorViewer(ctx), id, body);
    return body;
  });

  app.delete(`${base}/os-extra_specs/:key`, async (request, reply) => {
    const ctx = await computeContext(env.identity, request, reply);
    authorizeCompute(ctx, "os_compute_api:os-flavor-extra-specs:delete");
    const { id, key } = parse(ZSpecParams, request.params);
    await flavors.deleteExtraSpec(flavorViewer(ctx), id, key);
    return reply.status(200).send();
  });

  app.get(`${base}/os-flavor-access`, async (request, reply) => {
    const ctx = await computeContext(env.identity, request, reply);
    authorizeCompute(ctx, "os_compute_api:os-flavor-access");
    const { id } = parse(ZFlavorParams, request.params);
    return renderFlavorAccess(id, await flavors.accessList(id));
  });

  app.post(`${base}/action`, async (request, reply) => {
    const ctx = await computeContext(env.identity, request, reply);
    const { id } = parse(ZFlavorParams, request.params);
    const action = parse(ZAction, request.body);
    if ("addTenantAccess" in action) {
      authorizeCompute(ctx, "os_compute_api:os-flavor-access:add_tenant_access");
      return renderFlavorAccess(id, await flavors.addAccess(id, action.addTenantAccess.tenant));
    }
    authorizeCompute(ctx, "os_compute_api:os-flavor-access:remove_tenant_access");
    return renderFlavorAccess(id, await flavors.removeAccess(id, action.removeTenantAccess.tenant));
  });
}
