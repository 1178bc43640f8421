import { ZenithError } from "@zenith/core/errors";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorizeServer } from "../../../policy/compute-servers.ts";
import { refId } from "../../../services/compute/servers/boot-sources.ts";
import { type ListServersQuery, SORT_FIELDS, type SortKey } from "../../../services/compute/servers/list.ts";
import { idParam, parse } from "../../parse.ts";
import { atLeast } from "../microversion.ts";
import { MAX_LIMIT, novaBool, pagingQuery, queryParam } from "../render-common.ts";
import type { ComputeRouteEnv } from "../route-env.ts";
import { isoTime } from "../time-query.ts";
import { attachmentsOf } from "./attachments-of.ts";
import { blockDeviceRequests } from "./block-devices.ts";
import { networksInput } from "./networks.ts";
import { renderServer, renderServerSummary, showView, updateView } from "./render.ts";
import { serverRequest } from "./request.ts";
import { ZServerCreate, ZServerUpdate } from "./schemas.ts";

const ZParams = z.object({ id: idParam });

const firstParam = z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.string().optional());

const ZChangesBefore = z.object({ "changes-before": isoTime });

const ZListQuery = z.object({
  name: queryParam,
  status: queryParam,
  image: queryParam,
  flavor: queryParam,
  "changes-since": queryParam.pipe(isoTime),
  // Validated only from 2.66, where it exists (see the handler).
  "changes-before": queryParam,
  host: queryParam,
  ip: queryParam,
  ip6: queryParam,
  all_tenants: z.preprocess((v) => (Array.isArray(v) ? v.at(-1) : v), novaBool.optional()),
  project_id: queryParam,
  tenant_id: queryParam,
  deleted: z.preprocess((v) => (Array.isArray(v) ? v.at(-1) : v), novaBool.optional()),
  // Nova takes several sort keys; the first decides the order here (ids break ties).
  sort_key: firstParam,
  sort_dir: firstParam.pipe(z.enum(["asc", "desc"]).optional()),
  ...pagingQuery,
});

function isSortKey(value: string): value is SortKey {
  return Object.hasOwn(SORT_FIELDS, value);
}

function sortKeyOf(value: string | undefined): SortKey {
  if (value === undefined) return "created_at";
  if (isSortKey(value)) return value;
  throw ZenithError.badRequest(`Invalid sort_key: ${value}`);
}

export function registerServerCrudRoutes(app: FastifyInstance, env: ComputeRouteEnv): void {
  for (const detail of [false, true]) {
    const path = detail ? "/compute/v2.1/servers/detail" : "/compute/v2.1/servers";
    app.get(path, async (request, reply) => {
      const rule = detail ? "os_compute_api:servers:detail" : "os_compute_api:servers:index";
      const { caller, render, servers } = await serverRequest(env, request, reply, rule);
      const q = parse(ZListQuery, request.query);
      if (q.all_tenants) {
        authorizeServer(caller.auth, `${rule}:get_all_tenants`);
      }
      const limit = q.limit ?? MAX_LIMIT;
      // 2.66 added changes-before; older requests ignore it, as Nova's query schema strips it.
      const changesBefore = atLeast(render.mv, 2, 66)
        ? parse(ZChangesBefore, { "changes-before": q["changes-before"] })["changes-before"]
        : undefined;
      const since = q["changes-since"];
      if (since && changesBefore && since > changesBefore) {
        throw ZenithError.badRequest(
          "The value of changes-since must be less than or equal to changes-before.",
        );
      }
      const query: ListServersQuery = {
        name: q.name,
        status: q.status,
        image: q.image === undefined ? undefined : refId(q.image),
        flavor: q.flavor === undefined ? undefined : refId(q.flavor),
        changesSince: since,
        changesBefore,
        host: q.host,
        ip: q.ip,
        // Nova's ip6 filter exists from 2.5 (earlier it is dropped, as unknown filters are).
        ip6: atLeast(render.mv, 2, 5) || caller.admin ? q.ip6 : undefined,
        allTenants: q.all_tenants ?? false,
        projectId: q.project_id ?? q.tenant_id,
        deleted: q.deleted,
        sortKey: sortKeyOf(q.sort_key),
        sortDir: q.sort_dir ?? "desc",
        limit,
        marker: q.marker,
      };
      let page: { servers: readonly { id: string }[]; nextMarker: string | null };
      let body: Record<string, unknown>;
      if (detail) {
        const full = await servers.list(caller, query);
        const nets = await attachmentsOf(
          servers,
          full.servers.map((s) => s.id),
        );
        body = { servers: full.servers.map((s) => renderServer(render, s, undefined, nets.get(s.id))) };
        page = full;
      } else {
        const summaries = await servers.listSummaries(caller, query);
        body = { servers: summaries.servers.map((s) => renderServerSummary(render, s)) };
        page = summaries;
      }
      const next = render.links.nextPage(detail ? "servers/detail" : "servers", request.query, {
        count: page.servers.length,
        limit,
        marker: page.nextMarker,
      });
      if (next) body.servers_links = next;
      return body;
    });
  }

  app.get("/compute/v2.1/servers/:id", async (request, reply) => {
    const { caller, render, servers } = await serverRequest(
      env,
      request,
      reply,
      "os_compute_api:servers:show",
    );
    const { id } = parse(ZParams, request.params);
    const inst = await servers.get(caller, id);
    const nets = await attachmentsOf(servers, [inst.id]);
    return { server: renderServer(render, inst, showView(render.mv), nets.get(inst.id)) };
  });

  app.post("/compute/v2.1/servers", async (request, reply) => {
    const { caller, mv, render, servers } = await serverRequest(
      env,
      request,
      reply,
      "os_compute_api:servers:create",
    );
    const { server: s } = parse(ZServerCreate, request.body);
    if (s.description !== undefined && !atLeast(mv, 2, 19)) {
      throw ZenithError.badRequest("Invalid input for field/attribute server: 'description' was unexpected");
    }
    if (s.tags !== undefined && !atLeast(mv, 2, 52)) {
      throw ZenithError.badRequest("Invalid input for field/attribute server: 'tags' was unexpected");
    }
    const created = await servers.creator.create(caller, {
      name: s.name,
      imageRef: s.imageRef ? s.imageRef : null,
      flavorRef: s.flavorRef,
      keyName: s.key_name,
      userData: s.user_data,
      metadata: s.metadata ?? {},
      // "zone:host" forces a host in Nova (admins); the zone part is what is honoured here.
      availabilityZone: s.availability_zone?.split(":")[0] || undefined,
      minCount: s.min_count ?? 1,
      maxCount: s.max_count ?? s.min_count ?? 1,
      description: s.description,
      adminPass: s.adminPass,
      accessIPv4: s.accessIPv4,
      accessIPv6: s.accessIPv6,
      configDrive: s.config_drive,
      networks: networksInput(s.networks, mv),
      securityGroups: s.security_groups?.map((g) => g.name),
      blockDevices: blockDeviceRequests(s.block_device_mapping_v2, s.block_device_mapping),
    });
    reply.status(202);
    if (s.return_reservation_id) return { reservation_id: created.reservationId };
    const first = created.instances[0];
    if (!first) throw new ZenithError("INTERNAL", "No server was created.");
    const links = render.links.resource("servers", first.id);
    const self = links[0];
    if (self) reply.header("Location", self.href);
    return {
      server: {
        id: first.id,
        links,
        "OS-DCF:diskConfig": s["OS-DCF:diskConfig"] ?? "MANUAL",
        security_groups: s.security_groups ?? [{ name: "default" }],
        adminPass: created.adminPass,
      },
    };
  });

  app.put("/compute/v2.1/servers/:id", async (request, reply) => {
    const { caller, mv, render, servers } = await serverRequest(
      env,
      request,
      reply,
      "os_compute_api:servers:update",
    );
    const { id } = parse(ZParams, request.params);
    const { server: s } = parse(ZServerUpdate, request.body);
    if (s.description !== undefined && !atLeast(mv, 2, 19)) {
      throw ZenithError.badRequest("Invalid input for field/attribute server: 'description' was unexpected");
    }
    await servers.update(caller, id, {
      name: s.name,
      description: s.description,
      accessIPv4: s.accessIPv4,
      accessIPv6: s.accessIPv6,
    });
    const inst = await servers.get(caller, id);
    const nets = await attachmentsOf(servers, [inst.id]);
    return { server: renderServer(render, inst, updateView(mv), nets.get(inst.id)) };
  });

  app.delete("/compute/v2.1/servers/:id", async (request, reply) => {
    const { caller, servers } = await serverRequest(env, request, reply, "os_compute_api:servers:delete");
    const { id } = parse(ZParams, request.params);
    await servers.deletion.delete(caller, id);
    return reply.status(204).send();
  });
}
