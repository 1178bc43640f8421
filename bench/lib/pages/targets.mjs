// Which pages the page-speed bench measures, and when each counts as
// *usable*. Zenith's pages come from the portal's own side navigation
// (apps/web/src/lib/navigation.ts, what side-nav.tsx renders), so a page
// added there is measured without touching the bench; its kind defaults
// to "list" unless ZENITH_KINDS says otherwise. Horizon's equivalents are
// mapped by hand (HORIZON_PAGES): Horizon has no such list to read.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { tsImport } from "tsx/esm/api";

const ROOT = new URL("../../..", import.meta.url).pathname.replace(/\/$/, "");

/**
 * The criteria, one per page kind (probes.mjs implements them). Every kind
 * also needs the element visible; on Zenith it must be hydrated (React has
 * attached its props to that DOM node, so a click there is handled); on
 * Horizon the document must be past DOMContentLoaded (its jQuery and
 * AngularJS handlers bind then).
 */
export const KINDS = {
  list: "the first data row of the page's first table (not a loading placeholder or an empty/error row)",
  heading: "the page's h1, naming the resource (detail pages)",
  settled: "the page's h1, with no loading placeholder left in the main area (aria-busy, skeletons)",
  selector: "a page-specific element (named per page)",
};

/** Zenith pages that are not lists: their kind and options (probes.mjs `defining`). */
const ZENITH_KINDS = {
  "/project": { kind: "settled" },
  "/admin": { kind: "settled" },
  "/admin/quotas": { kind: "settled" },
  "/admin/hypervisors": { kind: "settled" },
  "/identity/api-access": { kind: "settled" },
  "/project/network-topology": { kind: "selector", selector: '[data-topology-ready="true"]' },
  "/admin/network-topology": { kind: "selector", selector: '[data-topology-ready="true"]' },
};

/** The admin's side navigation, in order: `{ key, label, href, kind… }` (key: "Section / Label"). */
export async function zenithNavPages() {
  const nav = await tsImport(join(ROOT, "apps/web/src/lib/navigation.ts"), import.meta.url);
  // The navigation holds message keys; the bench names pages as the English portal shows them.
  const shell = JSON.parse(readFileSync(join(ROOT, "apps/web/messages/en/shell.json"), "utf8"));
  return nav.visibleSections(true).flatMap((section) =>
    section.items.map((item) => ({
      key: `${shell.sections[section.titleKey]} / ${shell.nav[item.labelKey]}`,
      href: item.href,
      nav: true,
      ...(ZENITH_KINDS[item.href] ?? { kind: "list" }),
    })),
  );
}

/** The detail pages measured, once the seed named their resources: `{ instance, network, volume, router }`. */
export function zenithDetailPages(detail) {
  const page = (label, list, id, name) => ({
    key: `Detail / ${label}`,
    href: `${list}/${id}`,
    list,
    nav: false,
    kind: "heading",
    text: name,
  });
  return [
    page("Instance", "/project/instances", detail.instance.id, detail.instance.name),
    page("Network", "/project/networks", detail.network.id, detail.network.name),
    page("Volume", "/project/volumes", detail.volume.id, detail.volume.name),
    page("Router", "/project/routers", detail.router.id, detail.router.name),
  ];
}

// Horizon's tables: Django's (rows in the HTML) and AngularJS's hz-dynamic-table (rows after its API calls).
const H_TABLE = "table.datatable, table.table-rsp";
const hList = (path, table = H_TABLE) => ({ path, kind: "list", table });
// The System Information tabs have no sidebar link of their own: typed URL only (`url` with the tab).
const hTab = (tab, table) => ({
  ...hList("/admin/info/", table),
  url: `/admin/info/?tab=system_info__${tab}`,
});

/**
 * Horizon's page for each Zenith page key (Horizon 23, Debian bookworm),
 * with its criterion. The overviews' defining element is their usage
 * table (one row per instance: Horizon's own choice of content).
 */
const HORIZON_PAGES = {
  "Project / Overview": hList("/project/", "#project_usage"),
  "Project / Instances": hList("/project/instances/"),
  "Project / Images": hList("/project/images/"),
  "Project / Key pairs": hList("/project/key_pairs/"),
  "Project / Volumes": hList("/project/volumes/"),
  "Project / Network topology": {
    path: "/project/network_topology/",
    kind: "selector",
    // The "Topology" tab (flat view, the default) or the "Graph" tab, whichever shows.
    selector: "#flatTopologyCanvasContainer svg g.network, #topologyCanvasContainer svg g.node",
  },
  "Project / Networks": hList("/project/networks/"),
  "Project / Routers": hList("/project/routers/"),
  "Project / Security groups": hList("/project/security_groups/"),
  "Project / Floating IPs": hList("/project/floating_ips/"),
  "Admin / Overview": hList("/admin/", "#global_usage"),
  "Admin / Hypervisors": hList("/admin/hypervisors/"),
  "Admin / Compute services": hTab("nova_services", "#nova_services"),
  "Admin / All instances": hList("/admin/instances/"),
  "Admin / Flavors": hList("/admin/flavors/"),
  "Admin / All images": hList("/admin/images/"),
  "Admin / All volumes": hList("/admin/volumes/"),
  "Admin / Volume types": hList("/admin/volume_types/"),
  "Admin / Volume services": hTab("cinder_services", "#cinder_services"),
  "Admin / All networks": hList("/admin/networks/"),
  "Admin / All routers": hList("/admin/routers/"),
  "Admin / All floating IPs": hList("/admin/floating_ips/"),
  "Admin / Network agents": hTab("network_agents", "#network_agents"),
  "Admin / Quotas": hList("/admin/defaults/"),
  "Identity / Projects": hList("/identity/"),
  "Identity / Users": hList("/identity/users/"),
  "Identity / Groups": hList("/identity/groups/"),
  "Identity / Roles": hList("/identity/roles/"),
  "Identity / Application credentials": hList("/identity/application_credentials/"),
  "Identity / API access": hList("/project/api_access/"),
};

/** Horizon's detail pages for the same resources (Horizon's URLs end in a slash, networks' in detail). */
function horizonDetail(page) {
  const id = page.href.split("/").at(-1);
  const paths = {
    "Detail / Instance": `/project/instances/${id}/`,
    "Detail / Network": `/project/networks/${id}/detail`,
    "Detail / Volume": `/project/volumes/${id}/`,
    "Detail / Router": `/project/routers/${id}/`,
  };
  const lists = {
    "Detail / Instance": "/project/instances/",
    "Detail / Network": "/project/networks/",
    "Detail / Volume": "/project/volumes/",
    "Detail / Router": "/project/routers/",
  };
  // Horizon's detail pages title the resource in the page header (a span styled as h1).
  return {
    path: paths[page.key],
    list: lists[page.key],
    kind: "heading",
    heading: ".page-header .h1, .page-header h1",
    text: page.text,
    detail: true,
  };
}

/** Horizon's equivalent of a Zenith page, or null when Horizon has none. */
export function horizonPageFor(page) {
  if (page.key.startsWith("Detail / ")) return horizonDetail(page);
  return HORIZON_PAGES[page.key] ?? null;
}
