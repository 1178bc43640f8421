import { Server } from "lucide-react";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { currentSession } from "@/auth/current-session";
import { TableSkeleton } from "@/components/data-table/table-states";
import { EmptyState } from "@/components/empty-state";
import { InfoCard } from "@/components/info-card";
import { PageHeader } from "@/components/page-header";
import { RoleBadges } from "@/components/role-badges";
import { ClientMessages } from "@/i18n/client-messages";
import { COMPUTE_OVERVIEW_QUERY, TOP_INSTANCES_QUERY } from "@/trpc/page-queries";
import { Prefetched } from "@/trpc/server-prefetch";
import { ComputeOverview } from "./compute-overview";
import { ProjectUsage } from "./project-usage";
import { TopInstances } from "./top-instances";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("usage.overview");
  return { title: t("title") };
}

interface ProjectPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function ProjectOverviewPage({ searchParams }: ProjectPageProps) {
  const [session, params, t] = await Promise.all([
    currentSession(),
    searchParams,
    getTranslations("usage.overview"),
  ]);
  const denied = typeof params.denied === "string" ? params.denied : undefined;
  const project = session?.project;

  return (
    <ClientMessages
      namespaces={[
        "charts",
        "dataTable",
        "usage.days",
        "usage.measures",
        "usage.panel",
        "usage.project",
        "usage.quotas",
        "usage.range",
        "usage.top",
      ]}
    >
      {denied ? (
        <p role="alert" className="mb-4 rounded-md border border-danger bg-danger-soft px-3 py-2 text-sm">
          {t("denied", { page: denied })}
        </p>
      ) : null}
      <PageHeader
        title={project ? t("projectTitle", { name: project.name }) : t("noProject")}
        description={t("description")}
      />
      <div className="mb-6 grid gap-4 md:grid-cols-3">
        <InfoCard title={t("currentProject")}>
          {project ? (
            <>
              <p className="font-medium">{project.name}</p>
              <p className="mt-0.5 font-mono text-xs text-fg-muted">{project.id}</p>
            </>
          ) : (
            <p className="text-fg-muted">{t("notAMember")}</p>
          )}
        </InfoCard>
        <InfoCard title={t("signedInAs")}>
          <p className="font-medium">{session?.user.name}</p>
          <p className="mt-0.5 text-xs text-fg-muted">
            {t("domain", { name: session?.user.domainName ?? "" })}
          </p>
        </InfoCard>
        <InfoCard title={t("yourRoles")}>
          <RoleBadges roles={session?.roles ?? []} />
        </InfoCard>
      </div>
      {project ? (
        <div className="flex flex-col gap-8">
          {/* From a typed URL each panel streams with its data as soon as the server has it; the
              usage panel asks from the browser (its range is in the browser's time zone). */}
          <Prefetched fallback={<TableSkeleton rows={3} />} queries={[COMPUTE_OVERVIEW_QUERY]}>
            <ComputeOverview />
          </Prefetched>
          <ProjectUsage />
          <Prefetched fallback={<TableSkeleton rows={3} />} queries={[TOP_INSTANCES_QUERY]}>
            <TopInstances />
          </Prefetched>
        </div>
      ) : (
        <EmptyState icon={Server} title={t("noProject")}>
          {t("noProjectHint")}
        </EmptyState>
      )}
    </ClientMessages>
  );
}
