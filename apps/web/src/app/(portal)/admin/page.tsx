import type { Metadata } from "next";
import Link from "next/link";
import { TableSkeleton } from "@/components/data-table/table-states";
import { InfoCard } from "@/components/info-card";
import { PageHeader } from "@/components/page-header";
import { ADMIN_OVERVIEW_QUERY } from "@/trpc/page-queries";
import { Prefetched } from "@/trpc/server-prefetch";
import { CloudHealth } from "./cloud-health";
import { ProjectsUsage } from "./projects-usage";

export const metadata: Metadata = { title: "Admin overview" };

const IDENTITY_LINKS = [
  { href: "/identity/projects", label: "Projects", text: "Create projects and manage their members." },
  { href: "/identity/users", label: "Users", text: "Create users, reset passwords, disable accounts." },
  { href: "/identity/groups", label: "Groups", text: "Group users to grant roles together." },
  { href: "/identity/roles", label: "Roles", text: "Define the roles policies check." },
];

const COMPUTE_LINKS = [
  { href: "/admin/hypervisors", label: "Hypervisors", text: "Capacity and use of every compute host." },
  { href: "/admin/compute-services", label: "Compute services", text: "Take a host out of scheduling." },
  { href: "/admin/instances", label: "All instances", text: "Instances of every project, by host." },
  { href: "/admin/flavors", label: "Flavors", text: "Instance sizes and who may use them." },
  { href: "/admin/images", label: "All images", text: "Images of every project." },
  { href: "/admin/quotas", label: "Quotas", text: "Default and per-project compute and network limits." },
];

const NETWORK_LINKS = [
  {
    href: "/admin/network-topology",
    label: "Network topology",
    text: "Networks, routers and instances of every project, live.",
  },
  { href: "/admin/networks", label: "All networks", text: "Provider, external and shared networks." },
  { href: "/admin/routers", label: "All routers", text: "Routers of every project and their gateways." },
  { href: "/admin/floating-ips", label: "All floating IPs", text: "Public addresses and what they map to." },
  { href: "/admin/network-agents", label: "Network agents", text: "DHCP, L3 and L2 agents: alive or down." },
];

function LinkCards({ links }: { links: typeof IDENTITY_LINKS }) {
  return (
    <div className="mb-6 grid gap-4 md:grid-cols-2 xl:grid-cols-3">
      {links.map((link) => (
        <InfoCard key={link.href} title={link.label}>
          <p className="text-fg-muted">{link.text}</p>
          <Link href={link.href} className="mt-2 inline-block font-medium text-accent hover:underline">
            Open {link.label.toLowerCase()}
          </Link>
        </InfoCard>
      ))}
    </div>
  );
}

export default function AdminOverviewPage() {
  return (
    <>
      <PageHeader
        title="Admin overview"
        description="Cloud-wide administration. Only administrators see this."
      />
      <div className="mb-8 flex flex-col gap-8">
        {/* From a typed URL, streams with the cloud's health as soon as the server has it; the
            usage panel asks from the browser (its range is in the browser's time zone). */}
        <Prefetched fallback={<TableSkeleton rows={4} />} queries={[ADMIN_OVERVIEW_QUERY]}>
          <CloudHealth />
        </Prefetched>
        <ProjectsUsage />
      </div>
      <h2 className="mb-3 text-base font-semibold">Compute</h2>
      <LinkCards links={COMPUTE_LINKS} />
      <h2 className="mb-3 text-base font-semibold">Network</h2>
      <LinkCards links={NETWORK_LINKS} />
      <h2 className="mb-3 text-base font-semibold">Identity</h2>
      <LinkCards links={IDENTITY_LINKS} />
    </>
  );
}
