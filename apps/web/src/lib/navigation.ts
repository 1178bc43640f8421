import type { AppMessages } from "../i18n/catalog";

/** Labels are keys of the shell's messages (`shell.nav.*`, `shell.sections.*`), translated where shown. */
export type NavLabelKey = keyof AppMessages["shell"]["nav"];
export type NavSectionKey = keyof AppMessages["shell"]["sections"];
export type SegmentKey = keyof AppMessages["shell"]["segments"];

export interface NavItem {
  href: string;
  labelKey: NavLabelKey;
  adminOnly?: boolean;
}

export interface NavSection {
  titleKey: NavSectionKey;
  items: NavItem[];
}

/** Side navigation; admin-only entries are hidden from members (and refused by proxy and BFF). */
export const NAV_SECTIONS: readonly NavSection[] = [
  {
    titleKey: "project",
    items: [
      { href: "/project", labelKey: "project" },
      { href: "/project/instances", labelKey: "projectInstances" },
      { href: "/project/images", labelKey: "projectImages" },
      { href: "/project/key-pairs", labelKey: "projectKeyPairs" },
      { href: "/project/volumes", labelKey: "projectVolumes" },
      { href: "/project/network-topology", labelKey: "projectNetworkTopology" },
      { href: "/project/networks", labelKey: "projectNetworks" },
      { href: "/project/routers", labelKey: "projectRouters" },
      { href: "/project/security-groups", labelKey: "projectSecurityGroups" },
      { href: "/project/floating-ips", labelKey: "projectFloatingIps" },
    ],
  },
  {
    titleKey: "admin",
    items: [
      { href: "/admin", labelKey: "admin", adminOnly: true },
      { href: "/admin/hypervisors", labelKey: "adminHypervisors", adminOnly: true },
      { href: "/admin/compute-services", labelKey: "adminComputeServices", adminOnly: true },
      { href: "/admin/instances", labelKey: "adminInstances", adminOnly: true },
      { href: "/admin/flavors", labelKey: "adminFlavors", adminOnly: true },
      { href: "/admin/images", labelKey: "adminImages", adminOnly: true },
      { href: "/admin/volumes", labelKey: "adminVolumes", adminOnly: true },
      { href: "/admin/volume-types", labelKey: "adminVolumeTypes", adminOnly: true },
      { href: "/admin/volume-services", labelKey: "adminVolumeServices", adminOnly: true },
      { href: "/admin/network-topology", labelKey: "adminNetworkTopology", adminOnly: true },
      { href: "/admin/networks", labelKey: "adminNetworks", adminOnly: true },
      { href: "/admin/routers", labelKey: "adminRouters", adminOnly: true },
      { href: "/admin/floating-ips", labelKey: "adminFloatingIps", adminOnly: true },
      { href: "/admin/network-agents", labelKey: "adminNetworkAgents", adminOnly: true },
      { href: "/admin/quotas", labelKey: "adminQuotas", adminOnly: true },
    ],
  },
  {
    titleKey: "identity",
    items: [
      { href: "/identity/projects", labelKey: "identityProjects", adminOnly: true },
      { href: "/identity/users", labelKey: "identityUsers", adminOnly: true },
      { href: "/identity/groups", labelKey: "identityGroups", adminOnly: true },
      { href: "/identity/roles", labelKey: "identityRoles", adminOnly: true },
      { href: "/identity/application-credentials", labelKey: "identityApplicationCredentials" },
      { href: "/identity/api-access", labelKey: "identityApiAccess" },
    ],
  },
];

export function visibleSections(isAdmin: boolean): NavSection[] {
  return NAV_SECTIONS.map((section) => ({
    ...section,
    items: section.items.filter((item) => isAdmin || !item.adminOnly),
  })).filter((section) => section.items.length > 0);
}

function isSegmentKey(segment: string, segments: AppMessages["shell"]["segments"]): segment is SegmentKey {
  return Object.hasOwn(segments, segment);
}

/** A crumb names its segment by a message key when the segment is a known page, else by its own text (an id). */
export interface Crumb {
  href: string;
  labelKey?: SegmentKey;
  text: string;
}

export function breadcrumbsFor(pathname: string, segments: AppMessages["shell"]["segments"]): Crumb[] {
  const parts = pathname.split("/").filter(Boolean);
  return parts.map((segment, index) => ({
    href: `/${parts.slice(0, index + 1).join("/")}`,
    ...(isSegmentKey(segment, segments) ? { labelKey: segment } : {}),
    text: decodeURIComponent(segment),
  }));
}
