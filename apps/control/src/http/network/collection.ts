import type { FastifyRequest } from "fastify";
import type { AuthContext } from "../../services/identity/auth-context.ts";
import {
  type CollectionSpec,
  pageOf,
  project,
  type Rendered,
  validateQuery,
} from "../../services/network/listing.ts";
import { collectionLinks, parseListQuery } from "./list-query.ts";
import type { NetworkRouteEnv } from "./route-env.ts";

/**
 * One Neutron collection as the HTTP layer sees it: how to read rows the
 * caller may see, how to render one. Routers, floating IPs and security
 * groups describe themselves the same way and get the same list and show
 * behaviour (filters, sorting, pagination, fields) from `listBody` and
 * `showBody`.
 */
export interface CollectionHandlers<R> {
  /** e.g. "networks": the list key and the path segment. */
  plural: string;
  spec: CollectionSpec;
  list(ctx: AuthContext, query: ReturnType<typeof parseListQuery>): Promise<R[]>;
  /** The row if the caller may see it, the collection's 404 otherwise. */
  get(ctx: AuthContext, id: string): Promise<R>;
  render(row: R, ctx: AuthContext): Rendered;
}

export async function listBody<R>(
  env: NetworkRouteEnv,
  request: FastifyRequest,
  ctx: AuthContext,
  c: CollectionHandlers<R>,
): Promise<Record<string, unknown>> {
  const query = parseListQuery(request.query);
  validateQuery(c.spec, query);
  const rows = await c.list(ctx, query);
  const items = rows.map((row) => c.render(row, ctx));
  const marker = query.marker === undefined ? undefined : c.render(await c.get(ctx, query.marker), ctx);
  const page = pageOf(c.spec, items, query, marker);
  const body: Record<string, unknown> = { [c.plural]: page.items.map((item) => project(item, query.fields)) };
  if (query.limit !== undefined) {
    const links = collectionLinks(env, c.plural, request.query, page);
    if (links.length > 0) body[`${c.plural}_links`] = links;
  }
  return body;
}

/** `GET /<collection>/{id}`, with `fields` as upstream. */
export function showBody(request: FastifyRequest, item: Rendered): Record<string, unknown> {
  return project(item, parseListQuery(request.query).fields);
}

/**
 * Bulk creation (`{"networks": [...]}`): all or nothing, as upstream: when
 * one fails, the ones already made are removed again.
 */
export async function createAll<I, R extends { id: string }>(
  items: readonly I[],
  create: (item: I) => Promise<R>,
  remove: (created: R) => Promise<void>,
): Promise<R[]> {
  const made: R[] = [];
  try {
    for (const item of items) made.push(await create(item));
  } catch (err) {
    for (const created of made.reverse()) await remove(created).catch(() => {});
    throw err;
  }
  return made;
}
