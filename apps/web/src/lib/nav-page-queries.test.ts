import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { getQueryKey } from "@trpc/react-query";
import { describe, expect, it } from "vitest";
import { idleCandidates, idleOrder, runPooled } from "@/components/shell/nav-prefetch-plan";
import { trpc } from "@/trpc/react";
import { trpcQueryKey } from "../trpc/query-key";
import { idlePrefetchable, NAV_PAGE_QUERIES, pageQueries } from "./nav-page-queries";
import { NAV_SECTIONS } from "./navigation";

const SRC = fileURLToPath(new URL("..", import.meta.url));
const source = (path: string) => readFileSync(`${SRC}/${path}`, "utf8");
const navHrefs = NAV_SECTIONS.flatMap((section) => section.items.map((item) => item.href));

/** The key @trpc/react-query's own `useQuery(input)` caches under, for a procedure named by path. */
function hookKey(path: string, input: unknown): unknown {
  let procedure: unknown = trpc;
  for (const part of path.split(".")) procedure = (procedure as Record<string, unknown>)[part];
  return getQueryKey(procedure as Parameters<typeof getQueryKey>[0], input as never, "query");
}

/**
 * What each nav page's hooks ask with no query string: the input its table
 * hook builds from an empty URL (page 1, 20 rows, the list's default sort).
 * Written out here, not computed, so a change of a default or of the
 * registry that the page does not share fails.
 */
const DEFAULT_INPUTS: Record<string, Array<[string, unknown]>> = {
  "/project": [
    ["compute.overview", undefined],
    ["metrics.topInstances", { range: "24h", limit: 5 }],
  ],
  "/project/instances": [["compute.instances.list", { page: 1, pageSize: 20, sort: "created", dir: "desc" }]],
  "/project/images": [["images.list", { page: 1, pageSize: 20, sort: "name", dir: "asc" }]],
  "/project/key-pairs": [["compute.keyPairs.list", {}]],
  "/project/volumes": [["volume.list", { page: 1, pageSize: 20, sort: "created", dir: "desc" }]],
  "/project/network-topology": [],
  "/project/networks": [["network.networks.list", { page: 1, pageSize: 20, sort: "name", dir: "asc" }]],
  "/project/routers": [["network.routers.list", { page: 1, pageSize: 20, sort: "name", dir: "asc" }]],
  "/project/security-groups": [
    ["network.securityGroups.list", { page: 1, pageSize: 20, sort: "name", dir: "asc" }],
  ],
  "/project/floating-ips": [
    ["network.floatingIps.list", { page: 1, pageSize: 20, sort: "address", dir: "asc" }],
  ],
  "/admin": [["overview.admin", undefined]],
  "/admin/hypervisors": [["admin.hypervisors.list", undefined]],
  "/admin/compute-services": [["admin.computeServices.list", undefined]],
  "/admin/instances": [
    ["compute.instances.list", { page: 1, pageSize: 20, sort: "created", dir: "desc", allProjects: true }],
  ],
  "/admin/flavors": [["admin.flavors.list", undefined]],
  "/admin/images": [["images.list", { page: 1, pageSize: 20, sort: "name", dir: "asc" }]],
  "/admin/volumes": [
    ["volume.list", { page: 1, pageSize: 20, sort: "created", dir: "desc", allProjects: true }],
  ],
  "/admin/volume-types": [["admin.volumes.types.list", undefined]],
  "/admin/volume-services": [
    ["admin.volumes.services", undefined],
    ["admin.volumes.pools", undefined],
  ],
  "/admin/network-topology": [],
  "/admin/networks": [
    ["network.networks.list", { page: 1, pageSize: 20, sort: "name", dir: "asc", allProjects: true }],
  ],
  "/admin/routers": [
    ["network.routers.list", { page: 1, pageSize: 20, sort: "name", dir: "asc", allProjects: true }],
  ],
  "/admin/floating-ips": [
    ["network.floatingIps.list", { page: 1, pageSize: 20, sort: "address", dir: "asc", allProjects: true }],
  ],
  "/admin/network-agents": [
    ["admin.network.agents.list", { page: 1, pageSize: 20, sort: "host", dir: "asc" }],
  ],
  "/admin/quotas": [
    ["admin.quotas.defaults", {}],
    ["identity.projects.list", { page: 1, pageSize: 100, sort: "name", dir: "asc" }],
  ],
  "/identity/projects": [["identity.projects.list", { page: 1, pageSize: 20, sort: "name", dir: "asc" }]],
  "/identity/users": [["identity.users.list", { page: 1, pageSize: 20, sort: "name", dir: "asc" }]],
  "/identity/groups": [["identity.groups.list", { page: 1, pageSize: 20, sort: "name", dir: "asc" }]],
  "/identity/roles": [["identity.roles.list", { page: 1, pageSize: 20, sort: "name", dir: "asc" }]],
  "/identity/application-credentials": [
    ["identity.appCredentials.list", { page: 1, pageSize: 20, sort: "name", dir: "asc" }],
  ],
  "/identity/api-access": [["identity.apiAccess.catalog", undefined]],
};

/**
 * Where each page's hook builds its input: through the list's spec (the
 * registry's source too) or the registry's own constant. A view that
 * builds its input another way fails here before its cache misses.
 */
const HOOK_SOURCES: Array<[string, string]> = [
  ["components/compute/instances-table.tsx", "INSTANCES_LIST.input(scope, list.params, list.filters)"],
  ["components/images/images-table.tsx", "IMAGES_LIST.input(scope, list.params, list.filters)"],
  ["components/volume/volumes-table.tsx", "VOLUMES_LIST.input(scope, list.params, list.filters)"],
  ["components/network/networks-table.tsx", "NETWORKS_LIST.input(scope, list.params, list.filters)"],
  ["components/network/router-table.tsx", "ROUTERS_LIST.input(scope, list.params, list.filters)"],
  ["components/network/floating-ips-table.tsx", "FLOATING_IPS_LIST.input(scope, list.params, list.filters)"],
  [
    "components/network/security-groups-table.tsx",
    'SECURITY_GROUPS_LIST.input("project", list.params, list.filters)',
  ],
  [
    "app/(portal)/admin/network-agents/network-agents-view.tsx",
    'NETWORK_AGENTS_LIST.input("all", list.params, list.filters)',
  ],
  ["app/(portal)/project/key-pairs/key-pairs-view.tsx", "keyPairs.list.useQuery(KEY_PAIRS_INPUT)"],
  ["app/(portal)/identity/projects/projects-view.tsx", 'PROJECTS_LIST.input("project", list.params'],
  ["app/(portal)/identity/users/users-view.tsx", 'USERS_LIST.input("project", list.params'],
  ["app/(portal)/identity/groups/groups-view.tsx", 'GROUPS_LIST.input("project", list.params'],
  ["app/(portal)/identity/roles/roles-view.tsx", 'ROLES_LIST.input("project", list.params'],
  [
    "app/(portal)/identity/application-credentials/app-credentials-view.tsx",
    'APP_CREDENTIALS_LIST.input("project", list.params',
  ],
  ["app/(portal)/admin/hypervisors/hypervisors-view.tsx", "hypervisors.list.useQuery(undefined"],
  ["app/(portal)/admin/compute-services/compute-services-view.tsx", "computeServices.list.useQuery()"],
  ["app/(portal)/admin/flavors/flavors-view.tsx", "flavors.list.useQuery()"],
  ["app/(portal)/admin/volume-types/volume-types-view.tsx", "types.list.useQuery()"],
  ["app/(portal)/admin/volume-services/volume-services-view.tsx", "volumes.services.useQuery(undefined"],
  ["app/(portal)/admin/volume-services/volume-services-view.tsx", "volumes.pools.useQuery(undefined"],
  ["app/(portal)/identity/api-access/endpoint-catalog.tsx", "apiAccess.catalog.useQuery(undefined"],
  ["app/(portal)/project/compute-overview.tsx", "compute.overview.useQuery()"],
  ["app/(portal)/admin/quotas/quotas-view.tsx", "quotas.defaults.useQuery(QUOTA_DEFAULTS_INPUT)"],
  ["app/(portal)/admin/quotas/quotas-view.tsx", "projects.list.useQuery(QUOTA_PROJECTS_INPUT)"],
  ["app/(portal)/admin/cloud-health.tsx", "overview.admin.useQuery(undefined"],
  ["app/(portal)/project/top-instances.tsx", "useState<TopRange>(TOP_INSTANCES_INPUT.range)"],
  ["app/(portal)/project/top-instances.tsx", "{ range, limit: TOP_INSTANCES_INPUT.limit }"],
  ["app/(portal)/project/use-top-instances.ts", "metrics.topInstances.useQuery(input)"],
];

describe("the nav pages' first-view queries", () => {
  it("has an entry for every side-navigation page and none for another", () => {
    expect(Object.keys(NAV_PAGE_QUERIES).sort()).toEqual([...navHrefs].sort());
    expect(Object.keys(DEFAULT_INPUTS).sort()).toEqual([...navHrefs].sort());
  });

  it.each(navHrefs)("%s: the registry's keys are the keys its hooks read with no query string", (href) => {
    const expected = (DEFAULT_INPUTS[href] ?? []).map(([path, input]) => hookKey(path, input));
    expect(pageQueries(href).map(trpcQueryKey)).toEqual(expected);
  });

  it("reads a list's URL as its table does: another page, sort or filter is another key", () => {
    const search = new URLSearchParams("page=3&size=50&sort=name&dir=asc&q=web&status=ACTIVE&host=h1");
    expect(pageQueries("/admin/instances", search)).toEqual([
      {
        path: "compute.instances.list",
        input: {
          page: 3,
          pageSize: 50,
          sort: "name",
          dir: "asc",
          q: "web",
          status: "ACTIVE",
          allProjects: true,
          host: "h1",
          projectId: undefined,
        },
      },
    ]);
    // A member's list never asks for every project, whatever the URL says.
    const input = pageQueries("/project/instances", new URLSearchParams("project=other"))[0]?.input;
    expect(input).not.toHaveProperty("allProjects");
    expect(input).not.toHaveProperty("projectId");
  });

  it.each(HOOK_SOURCES)("%s builds its input as the registry does", (file, expression) => {
    expect(source(file)).toContain(expression);
  });

  it("reads the pages that grow with the cloud only on hover, and everything else when idle", () => {
    const hoverOnly = navHrefs.filter((href) => !idlePrefetchable(href));
    expect(hoverOnly).toEqual([
      "/project",
      "/project/network-topology",
      "/admin",
      "/admin/instances",
      "/admin/network-topology",
    ]);
    expect(pageQueries("/project/instances/some-id")).toEqual([]);
  });
});

describe("the idle prefetch's plan", () => {
  it("reads the entries nearest the current page first, without it", () => {
    expect(idleOrder(["a", "b", "c", "d", "e"], "c")).toEqual(["d", "b", "e", "a"]);
    expect(idleOrder(["a", "b", "c"], "a")).toEqual(["b", "c"]);
    expect(idleOrder(["a", "b"], "z")).toEqual(["a", "b"]);
  });

  it("reads the current area and the entry on each side of it, nearest first", () => {
    const sections = [
      { items: [{ href: "p1" }, { href: "p2" }] },
      { items: [{ href: "a1" }, { href: "a2" }, { href: "a3" }] },
      { items: [{ href: "i1" }, { href: "i2" }] },
    ];
    expect(idleCandidates(sections, "a3")).toEqual(["i1", "a2", "a1", "p2"]);
    expect(idleCandidates(sections, "p1")).toEqual(["p2", "a1"]);
    expect(idleCandidates(sections, "i2")).toEqual(["i1", "a3"]);
    expect(idleCandidates(sections, "/project/instances/some-id")).toEqual([]);
  });

  it("runs at most two reads at a time, every one, past a failure", async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await runPooled([1, 2, 3, 4, 5], 2, async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      if (n === 2) throw new Error("refused");
      done.push(n);
    });
    expect(most).toBe(2);
    expect(done.sort()).toEqual([1, 3, 4, 5]);
  });
});
