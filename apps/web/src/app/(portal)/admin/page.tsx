import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { TableSkeleton } from "@/components/data-table/table-states";
import { InfoCard } from "@/components/info-card";
import { PageHeader } from "@/components/page-header";
import { ClientMessages } from "@/i18n/client-messages";
import { ADMIN_OVERVIEW_QUERY } from "@/trpc/page-queries";
import { Prefetched } from "@/trpc/server-prefetch";
import { CloudHealth } from "./cloud-health";
import { ProjectsUsage } from "./projects-usage";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.overview");
  return { title: t("title") };
}

type LinkKey =
  | "projects"
  | "users"
  | "groups"
  | "roles"
  | "hypervisors"
  | "computeServices"
  | "instances"
  | "flavors"
  | "images"
  | "quotas"
  | "networkTopology"
  | "networks"
  | "routers"
  | "floatingIps"
  | "networkAgents";

/** Each card's title, text and link are the `admin.overview.links.<key>` messages. */
const IDENTITY_LINKS: { href: string; key: LinkKey }[] = [
  { href: "/identity/projects", key: "projects" },
  { href: "/identity/users", key: "users" },
  { href: "/identity/groups", key: "groups" },
  { href: "/identity/roles", key: "roles" },
];

const COMPUTE_LINKS: { href: string; key: LinkKey }[] = [
  { href: "/admin/hypervisors", key: "hypervisors" },
  { href: "/admin/compute-services", key: "computeServices" },
  { href: "/admin/instances", key: "instances" },
  { href: "/admin/flavors", key: "flavors" },
  { href: "/admin/images", key: "images" },
  { href: "/admin/quotas", key: "quotas" },
];

const NETWORK_LINKS: { href: string; key: LinkKey }[] = [
  { href: "/admin/network-topology", key: "networkTopology" },
  { href: "/admin/networks", key: "networks" },
  { href: "/admin/routers", key: "routers" },
  { href: "/admin/floating-ips", key: "floatingIps" },
  { href: "/admin/network-agents", key: "networkAgents" },
];

async function LinkCards({ links }: { links: typeof IDENTITY_LINKS }) {
  const t = await getTranslations("admin.overview.links");
  return (
    <div className="mb-6 grid gap-4 md:grid-cols-2 xl:grid-cols-3">
      {links.map((link) => (
        <InfoCard key={link.href} title={t(`${link.key}.label`)}>
          <p className="text-fg-muted">{t(`${link.key}.text`)}</p>
          <Link href={link.href} className="mt-2 inline-block font-medium text-accent hover:underline">
            {t(`${link.key}.open`)}
          </Link>
        </InfoCard>
      ))}
    </div>
  );
}

export default async function AdminOverviewPage() {
  const t = await getTranslations("admin.overview");
  return (
    <ClientMessages
      namespaces={[
        "admin",
        "charts",
        "dataTable",
        "usage.days",
        "usage.measures",
        "usage.panel",
        "usage.range",
      ]}
    >
      <PageHeader title={t("title")} description={t("description")} />
      <div className="mb-8 flex flex-col gap-8">
        {/* From a typed URL, streams with the cloud's health as soon as the server has it; the
            usage panel asks from the browser (its range is in the browser's time zone). */}
        <Prefetched fallback={<TableSkeleton rows={4} />} queries={[ADMIN_OVERVIEW_QUERY]}>
          <CloudHealth />
        </Prefetched>
        <ProjectsUsage />
      </div>
      <h2 className="mb-3 text-base font-semibold">{t("compute")}</h2>
      <LinkCards links={COMPUTE_LINKS} />
      <h2 className="mb-3 text-base font-semibold">{t("network")}</h2>
      <LinkCards links={NETWORK_LINKS} />
      <h2 className="mb-3 text-base font-semibold">{t("identity")}</h2>
      <LinkCards links={IDENTITY_LINKS} />
    </ClientMessages>
  );
}
