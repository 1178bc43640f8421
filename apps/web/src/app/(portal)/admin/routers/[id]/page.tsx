import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TableSkeleton } from "@/components/data-table/table-states";
import { RouterDetail } from "@/components/network/router-detail";
import { ClientMessages } from "@/i18n/client-messages";
import { routerQuery, SESSION_ME_QUERY } from "@/trpc/page-queries";
import { Prefetched } from "@/trpc/server-prefetch";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.pages.routers");
  return { title: t("detailTitle") };
}

export default async function AdminRouterPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <ClientMessages
      namespaces={[
        "dataTable",
        "network.addInterface",
        "network.routerDetail",
        "network.routerDialogs",
        "network.routerInterfaces",
        "network.routerMenu",
        "network.routerOverview",
        "network.routerRoutes",
        "network.status",
        "network.validation",
      ]}
    >
      <Prefetched fallback={<TableSkeleton rows={4} />} queries={[routerQuery(id), SESSION_ME_QUERY]}>
        <RouterDetail id={id} backHref="/admin/routers" />
      </Prefetched>
    </ClientMessages>
  );
}
