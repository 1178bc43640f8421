import { ZenithError } from "@zenith/core/errors";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { authorizeCompute } from "../../policy/compute.ts";
import type { UsageWindow } from "../../services/compute/usage.ts";
import { idParam, parse } from "../parse.ts";
import { type ComputeRequestContext, computeContext } from "./context.ts";
import { atLeast } from "./microversion.ts";
import { ComputeLinks, MAX_LIMIT, pagingQuery, queryParam } from "./render-common.ts";
import { renderTenantUsage } from "./render-usage.ts";
import type { ComputeRouteEnv } from "./route-env.ts";

/** The formats Nova's `_parse_datetime` accepts, all naive UTC ("2024-05-01T10:00:00.123456"). */
const NAIVE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/;

function parseTime(text: string | undefined, now: Date): Date {
  if (!text) return now;
  const m = NAIVE_TIME.exec(text);
  const date = m
    ? new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${(m[7] ?? "0").padEnd(3, "0").slice(0, 3)}Z`)
    : null;
  // Date rolls invalid days over (Feb 31 → Mar 3); a round trip catches that.
  if (
    !date ||
    Number.isNaN(date.getTime()) ||
    date.toISOString().slice(0, 10) !== `${m?.[1]}-${m?.[2]}-${m?.[3]}`
  ) {
    throw ZenithError.badRequest("Invalid datetime string: Datetime is in invalid format");
  }
  return date;
}

const baseQuery = { start: queryParam, end: queryParam, detailed: queryParam, ...pagingQuery };
const ZQuery = z.object(baseQuery);
/** 2.75 made the query strict. */
const ZQuery275 = z.strictObject(baseQuery);

function readQuery(ctx: ComputeRequestContext, request: FastifyRequest) {
  const q = parse(atLeast(ctx.mv, 2, 75) ? ZQuery275 : ZQuery, request.query);
  const now = new Date();
  const window: UsageWindow = { start: parseTime(q.start, now), stop: parseTime(q.end, now) };
  if (window.start > window.stop) {
    throw ZenithError.badRequest("Invalid start time. The start time cannot occur after the end time.");
  }
  // Paging over instances arrived at 2.40.
  const paged = atLeast(ctx.mv, 2, 40);
  return {
    window,
    detailed: q.detailed === "1",
    paged,
    limit: paged ? (q.limit ?? MAX_LIMIT) : undefined,
    marker: paged ? q.marker : undefined,
  };
}

export function registerUsageRoutes(app: FastifyInstance, env: ComputeRouteEnv): void {
  const usage = env.compute.inventory.usage;
  const links = new ComputeLinks(env.publicUrl);

  app.get("/compute/v2.1/os-simple-tenant-usage", async (request, reply) => {
    const ctx = await computeContext(env.identity, request, reply);
    authorizeCompute(ctx, "os_compute_api:os-simple-tenant-usage:list");
    const q = readQuery(ctx, request);
    const { tenants, lastInstance, count } = await run(usage, q);
    const next = q.limit
      ? links.nextPage("os-simple-tenant-usage", request.query, {
          count,
          limit: q.limit,
          marker: lastInstance,
        })
      : undefined;
    return {
      tenant_usages: tenants.map((t) => renderTenantUsage(t, q.detailed)),
      ...(next ? { tenant_usages_links: next } : {}),
    };
  });

  app.get("/compute/v2.1/os-simple-tenant-usage/:id", async (request, reply) => {
    const ctx = await computeContext(env.identity, request, reply);
    const { id } = parse(z.object({ id: idParam }), request.params);
    authorizeCompute(ctx, "os_compute_api:os-simple-tenant-usage:show", { projectId: id });
    const q = readQuery(ctx, request);
    const { tenants, lastInstance, count } = await run(usage, q, id);
    const tenant = tenants[0];
    const path = `os-simple-tenant-usage/${encodeURIComponent(id)}`;
    const next = q.limit
      ? links.nextPage(path, request.query, { count, limit: q.limit, marker: lastInstance })
      : undefined;
    // Nova answers an empty object when the project used nothing in the window.
    return {
      tenant_usage: tenant ? renderTenantUsage(tenant, true) : {},
      ...(next ? { tenant_usage_links: next } : {}),
    };
  });
}

async function run(
  usage: ComputeRouteEnv["compute"]["inventory"]["usage"],
  q: ReturnType<typeof readQuery>,
  projectId?: string,
) {
  const result = await usage.usage({ window: q.window, projectId, limit: q.limit, marker: q.marker });
  const count = result.tenants.reduce((n, t) => n + t.servers.length, 0);
  return { ...result, count };
}
