import type { SubnetPool } from "@zenith/db/generated";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { requestedProject } from "../../services/network/caller.ts";
import type { CollectionSpec, Rendered } from "../../services/network/listing.ts";
import { subnetPoolNotFound } from "../../services/network/subnet-pools/errors.ts";
import type { PoolFields } from "../../services/network/subnet-pools/subnet-pools.ts";
import { parse } from "../parse.ts";
import { type CollectionHandlers, createAll, listBody, showBody } from "./collection.ts";
import { neutronTime, owner } from "./render-common.ts";
import { type NetworkRouteEnv, requireNetworkAuth, V2 } from "./route-env.ts";
import { createBody, neutronBool, updateBody, ZIdParams } from "./schemas.ts";

/** Neutron's subnetpool attributes (neutron-lib api/definitions/subnetpool.py); numbers may come as strings. */
const prefixlen = z.coerce.number().int().min(0).max(128);
const prefixList = z.array(z.string().min(1).max(64)).min(1).max(256);
const mutable = {
  name: z.string().max(255).optional(),
  description: z.string().max(255).optional(),
  prefixes: prefixList.optional(),
  default_prefixlen: prefixlen.optional(),
  min_prefixlen: prefixlen.optional(),
  max_prefixlen: prefixlen.optional(),
  is_default: neutronBool.optional(),
  default_quota: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .nullable()
    .optional(),
  address_scope_id: z.string().max(255).nullable().optional(),
  tags: z.array(z.string().min(1).max(255)).max(64).optional(),
};
const ZPoolCreate = z.strictObject({
  ...mutable,
  prefixes: prefixList,
  shared: neutronBool.optional(),
  project_id: z.string().min(1).max(255).optional(),
  tenant_id: z.string().min(1).max(255).optional(),
});
const ZPoolUpdate = z.strictObject(mutable);
const ZCreate = createBody("subnetpool", "subnetpools", ZPoolCreate);
const ZUpdate = updateBody("subnetpool", ZPoolUpdate);
const ZPrefixes = z.strictObject({ prefixes: prefixList });

export function renderSubnetPool(pool: SubnetPool): Rendered {
  return {
    id: pool.id,
    name: pool.name,
    description: pool.description,
    ip_version: pool.ipVersion,
    prefixes: pool.prefixes,
    default_prefixlen: pool.defaultPrefixlen,
    min_prefixlen: pool.minPrefixlen,
    max_prefixlen: pool.maxPrefixlen,
    shared: pool.shared,
    is_default: pool.isDefault,
    default_quota: pool.defaultQuota,
    address_scope_id: null,
    tags: pool.tags,
    ...owner(pool.projectId),
    revision_number: pool.revisionNumber,
    created_at: neutronTime(pool.createdAt),
    updated_at: neutronTime(pool.updatedAt),
  };
}

export const SUBNET_POOL_SPEC: CollectionSpec = {
  attributes: new Set([
    "id",
    "name",
    "description",
    "ip_version",
    "prefixes",
    "default_prefixlen",
    "min_prefixlen",
    "max_prefixlen",
    "shared",
    "is_default",
    "default_quota",
    "address_scope_id",
    "tags",
    "project_id",
    "tenant_id",
    "revision_number",
    "created_at",
    "updated_at",
  ]),
  notFound: subnetPoolNotFound,
};

function toFields(body: z.infer<typeof ZPoolUpdate>): PoolFields {
  return {
    name: body.name,
    description: body.description,
    prefixes: body.prefixes,
    default_prefixlen: body.default_prefixlen,
    min_prefixlen: body.min_prefixlen,
    max_prefixlen: body.max_prefixlen,
    is_default: body.is_default,
    default_quota: body.default_quota,
    address_scope_id: body.address_scope_id,
    tags: body.tags,
  };
}

/** `/v2.0/subnetpools` (the subnet_allocation extension) and its add/remove_prefixes actions. */
export function registerSubnetPoolRoutes(app: FastifyInstance, env: NetworkRouteEnv): void {
  const { subnetPools } = env.network;
  const handlers: CollectionHandlers<SubnetPool> = {
    plural: "subnetpools",
    spec: SUBNET_POOL_SPEC,
    list: (ctx, query) => subnetPools.list(ctx, query.filters.get("id")),
    get: (ctx, id) => subnetPools.get(ctx, id),
    render: renderSubnetPool,
  };

  app.get(`${V2}/subnetpools`, async (request) => {
    const ctx = await requireNetworkAuth(env, request);
    return listBody(env, request, ctx, handlers);
  });

  app.post(`${V2}/subnetpools`, async (request, reply) => {
    const ctx = await requireNetworkAuth(env, request);
    const { bulk, items } = parse(ZCreate, request.body);
    const made = await createAll(
      items,
      (body) =>
        subnetPools.create(ctx, {
          ...toFields(body),
          shared: body.shared,
          project_id: requestedProject(body),
        }),
      (created) => subnetPools.delete(ctx, created.id),
    );
    const rendered = made.map(renderSubnetPool);
    return reply.status(201).send(bulk ? { subnetpools: rendered } : { subnetpool: rendered[0] });
  });

  app.get(`${V2}/subnetpools/:id`, async (request) => {
    const ctx = await requireNetworkAuth(env, request);
    const { id } = parse(ZIdParams, request.params);
    return { subnetpool: showBody(request, renderSubnetPool(await subnetPools.get(ctx, id))) };
  });

  app.put(`${V2}/subnetpools/:id`, async (request) => {
    const ctx = await requireNetworkAuth(env, request);
    const { id } = parse(ZIdParams, request.params);
    const body = parse(ZUpdate, request.body);
    return { subnetpool: renderSubnetPool(await subnetPools.update(ctx, id, toFields(body))) };
  });

  app.put(`${V2}/subnetpools/:id/add_prefixes`, async (request) => {
    const ctx = await requireNetworkAuth(env, request);
    const { id } = parse(ZIdParams, request.params);
    const { prefixes } = parse(ZPrefixes, request.body);
    return { prefixes: (await subnetPools.addPrefixes(ctx, id, prefixes)).prefixes };
  });

  app.put(`${V2}/subnetpools/:id/remove_prefixes`, async (request) => {
    const ctx = await requireNetworkAuth(env, request);
    const { id } = parse(ZIdParams, request.params);
    const { prefixes } = parse(ZPrefixes, request.body);
    return { prefixes: (await subnetPools.removePrefixes(ctx, id, prefixes)).prefixes };
  });

  app.delete(`${V2}/subnetpools/:id`, async (request, reply) => {
    const ctx = await requireNetworkAuth(env, request);
    const { id } = parse(ZIdParams, request.params);
    await subnetPools.delete(ctx, id);
    return reply.status(204).send();
  });
}
