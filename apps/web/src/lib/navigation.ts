export interface NavItem {
  href: string;
  label: string;
  adminOnly?: boolean;
}

export interface NavSection {
  title: string;
  items: NavItem[];
}

/** Side navigation; admin-only entries are hidden from members (and refused by proxy and BFF). */
export const NAV_SECTIONS: readonly NavSection[] = [
  {
    title: "Project",
    items: [
      { href: "/project", label: "Overview" },
      { href: "/project/instances", label: "Instances" },
      { href: "/project/images", label: "Images" },
      { href: "/project/key-pairs", label: "Key pairs" },
      { href: "/project/volumes", label: "Volumes" },
      { href: "/project/network-topology", label: "Network topology" },
      { href: "/project/networks", label: "Networks" },
      { href: "/project/routers", label: "Routers" },
      { href: "/project/security-groups", label: "Security groups" },
      { href: "/project/floating-ips", label: "Floating IPs" },
    ],
  },
  {
    title: "Admin",
    items: [
      { href: "/admin", label: "Overview", adminOnly: true },
      { href: "/admin/hypervisors", label: "Hypervisors", adminOnly: true },
      { href: "/admin/compute-services", label: "Compute services", adminOnly: true },
      { href: "/admin/instances", label: "All instances", adminOnly: true },
      { href: "/admin/flavors", label: "Flavors", adminOnly: true },
      { href: "/admin/images", label: "All images", adminOnly: true },
      { href: "/admin/volumes", label: "All volumes", adminOnly: true },
      { href: "/admin/volume-types", label: "Volume types", adminOnly: true },
      { href: "/admin/volume-services", label: "Volume services", adminOnly: true },
      { href: "/admin/network-topology", label: "Network topology", adminOnly: true },
      { href: "/admin/networks", label: "All networks", adminOnly: true },
      { href: "/admin/routers", label: "All routers", adminOnly: true },
      { href: "/admin/floating-ips", label: "All floating IPs", adminOnly: true },
      { href: "/admin/network-agents", label: "Network agents", adminOnly: true },
      { href: "/admin/quotas", label: "Quotas", adminOnly: true },
    ],
  },
  {
    title: "Identity",
    items: [
      { href: "/identity/projects", label: "Projects", adminOnly: true },
      { href: "/identity/users", label: "Users", adminOnly: true },
      { href: "/identity/groups", label: "Groups", adminOnly: true },
      { href: "/identity/roles", label: "Roles", adminOnly: true },
      { href: "/identity/application-credentials", label: "Application credentials" },
      { href: "/identity/api-access", label: "API access" },
    ],
  },
];

export function visibleSections(isAdmin: boolean): NavSection[] {
  return NAV_SECTIONS.map((section) => ({
    ...section,
    items: section.items.filter((item) => isAdmin || !item.adminOnly),
  })).filter((section) => section.items.length > 0);
}

const SEGMENT_LABELS: Record<string, string> = {
  project: "Project",
  admin: "Admin",
  identity: "Identity",
  projects: "Projects",
  users: "Users",
  groups: "Groups",
  roles: "Roles",
  "application-credentials": "Application credentials",
  "api-access": "API access",
  settings: "Settings",
  instances: "Instances",
  launch: "Launch",
  images: "Images",
  "key-pairs": "Key pairs",
  hypervisors: "Hypervisors",
  "compute-services": "Compute services",
  flavors: "Flavors",
  quotas: "Quotas",
  password: "Change password",
  "network-topology": "Network topology",
  networks: "Networks",
  routers: "Routers",
  "security-groups": "Security groups",
  "floating-ips": "Floating IPs",
  "network-agents": "Network agents",
  volumes: "Volumes",
  "volume-types": "Volume types",
  "volume-services": "Volume services",
};

export interface Crumb {
  href: string;
  label: string;
}

export function breadcrumbsFor(pathname: string): Crumb[] {
  const segments = pathname.split("/").filter(Boolean);
  return segments.map((segment, index) => ({
    href: `/${segments.slice(0, index + 1).join("/")}`,
    label: SEGMENT_LABELS[segment] ?? decodeURIComponent(segment),
  }));
}
