import { ZenithError } from "@zenith/core/errors";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorizeCompute } from "../../policy/compute.ts";
import type { HostRow } from "../../services/compute/hosts.ts";
import { idParam, parse } from "../parse.ts";
import { type ComputeRequestContext, computeContext } from "./context.ts";
import { atLeast } from "./microversion.ts";
import { ComputeLinks, MAX_LIMIT, novaBool, pagingQuery, queryParam } from "./render-common.ts";
import { renderHypervisor, renderHypervisorStatistics, renderHypervisorSummary } from "./render-hosts.ts";
import type { ComputeRouteEnv } from "./route-env.ts";

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

const withServers = z.preprocess((v) => (Array.isArray(v) ? v.at(-1) : v), novaBool.optional());
/** 2.53 made the list query strict (unknown parameters are a 400). */
const ZListQuery253 = z.strictObject({
  ...pagingQuery,
  with_servers: withServers,
  hypervisor_hostname_pattern: queryParam,
});
const ZListQuery = z.object({ ...pagingQuery });
const ZShowQuery = z.object({ with_servers: withServers });
const ZParams = z.object({ id: idParam });

export function registerHypervisorRoutes(app: FastifyInstance, env: ComputeRouteEnv): void {
  const hosts = env.compute.inventory.hosts;
  const links = new ComputeLinks(env.publicUrl);

  /** Servers and workloads for the rows about to be rendered. */
  async function extras(rows: HostRow[], servers: boolean) {
    const ids = rows.map((h) => h.id);
    const [byHost, workloads] = await Promise.all([
      servers ? hosts.servers(ids) : Promise.resolve(undefined),
      hosts.workloads(ids),
    ]);
    return (h: HostRow) => ({ servers: byHost?.get(h.id), workload: workloads.get(h.id) ?? 0 });
  }

  /** The hypervisor id: a uuid from 2.53 (else 400, as upstream); opaque before. */
  function hypervisorId(ctx: ComputeRequestContext, id: string): string {
    if (atLeast(ctx.mv, 2, 53) && !UUID.test(id)) throw ZenithError.badRequest(`Invalid uuid ${id}`);
    return id;
  }

  for (const detail of [false, true]) {
    const path = detail ? "os-hypervisors/detail" : "os-hypervisors";
    app.get(`/compute/v2.1/${path}`, async (request, reply) => {
      const ctx = await computeContext(env.identity, request, reply);
      authorizeCompute(ctx, `os_compute_api:os-hypervisors:${detail ? "list-detail" : "list"}`);
      const v253 = atLeast(ctx.mv, 2, 53);
      const q = v253
        ? parse(ZListQuery253, request.query)
        : {
            ...parse(ZListQuery, request.query),
            with_servers: undefined,
            hypervisor_hostname_pattern: undefined,
          };
      // Paging arrived at 2.33.
      const paged = atLeast(ctx.mv, 2, 33);
      const pattern = q.hypervisor_hostname_pattern;
      if (pattern !== undefined && (q.limit !== undefined || q.marker !== undefined)) {
        throw ZenithError.badRequest(
          "Paging over hypervisors with the hypervisor_hostname_pattern query parameter is not supported.",
        );
      }
      const limit = paged ? (q.limit ?? MAX_LIMIT) : Number.MAX_SAFE_INTEGER;
      const rows = await hosts.listHypervisors({ pattern, limit, marker: paged ? q.marker : undefined });
      const more = await extras(rows, q.with_servers === true);
      const now = new Date();
      const next = paged
        ? links.nextPage(path, request.query, { count: rows.length, limit, marker: rows.at(-1)?.id })
        : undefined;
      return {
        hypervisors: rows.map((h) =>
          detail
            ? renderHypervisor(h, ctx.mv, more(h), now)
            : renderHypervisorSummary(h, more(h).servers, now),
        ),
        ...(next ? { hypervisors_links: next } : {}),
      };
    });
  }

  app.get("/compute/v2.1/os-hypervisors/statistics", async (request, reply) => {
    const ctx = await computeContext(env.identity, request, reply);
    authorizeCompute(ctx, "os_compute_api:os-hypervisors:statistics");
    const rows = await hosts.enabledHypervisors();
    return {
      hypervisor_statistics: renderHypervisorStatistics(rows, await hosts.workloads(rows.map((h) => h.id))),
    };
  });

  app.get("/compute/v2.1/os-hypervisors/:id", async (request, reply) => {
    const ctx = await computeContext(env.identity, request, reply);
    authorizeCompute(ctx, "os_compute_api:os-hypervisors:show");
    const id = hypervisorId(ctx, parse(ZParams, request.params).id);
    const q = atLeast(ctx.mv, 2, 53) ? parse(ZShowQuery, request.query) : { with_servers: undefined };
    const row = await hosts.hypervisor(id);
    const more = await extras([row], q.with_servers === true);
    return { hypervisor: renderHypervisor(row, ctx.mv, more(row)) };
  });

  app.get("/compute/v2.1/os-hypervisors/:id/uptime", async (request, reply) => {
    const ctx = await computeContext(env.identity, request, reply);
    authorizeCompute(ctx, "os_compute_api:os-hypervisors:uptime");
    const row = await hosts.hypervisor(hypervisorId(ctx, parse(ZParams, request.params).id));
    const uptime = hosts.uptime(row);
    if (uptime === null) {
      throw new ZenithError("NOT_IMPLEMENTED", "Virt driver does not implement host uptime function.");
    }
    return { hypervisor: { ...renderHypervisorSummary(row, undefined), uptime } };
  });

  // Before 2.53 searching and listing servers were sub-resources of a hostname pattern.
  for (const sub of ["search", "servers"] as const) {
    app.get(`/compute/v2.1/os-hypervisors/:id/${sub}`, async (request, reply) => {
      const ctx = await computeContext(env.identity, request, reply);
      if (atLeast(ctx.mv, 2, 53)) throw ZenithError.notFound("The resource could not be found.");
      authorizeCompute(ctx, `os_compute_api:os-hypervisors:${sub}`);
      const pattern = parse(ZParams, request.params).id;
      const rows = await hosts.listHypervisors({ pattern, limit: Number.MAX_SAFE_INTEGER });
      const more = await extras(rows, sub === "servers");
      return { hypervisors: rows.map((h) => renderHypervisorSummary(h, more(h).servers)) };
    });
  }
}
