"use client";

import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { TableError } from "@/components/data-table/table-states";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { useActionParam, useMenuActionRunner } from "@/components/palette/use-action-param";
import { RowMenu } from "@/components/row-menu";
import { Tabs } from "@/components/tabs";
import { trpcCodeOf } from "@/lib/trpc-errors";
import { trpc } from "@/trpc/react";
import { RouterDialogs, useRouterDialog } from "./router-dialogs";
import { RouterInterfaces } from "./router-interfaces";
import { routerMenuItems } from "./router-menu-items";
import { RouterOverview } from "./router-overview";
import { RouterRoutesEditor } from "./router-routes-editor";
import { RouterStatusBadge } from "./router-status-badge";

const TABS = [
  { key: "overview", labelKey: "tabOverview" },
  { key: "interfaces", labelKey: "tabInterfaces" },
  { key: "routes", labelKey: "tabRoutes" },
] as const;
type TabKey = (typeof TABS)[number]["key"];

/** One router: overview, interfaces and static routes, with the same actions as its row. */
export function RouterDetail({ id, backHref }: { id: string; backHref: string }) {
  const t = useTranslations("network.routerDetail");
  const tMenu = useTranslations("network.routerMenu");
  const tabs = TABS.map((tab) => ({ key: tab.key, label: t(tab.labelKey) }));
  const [tab, setTab] = useState<TabKey>("overview");
  const query = trpc.network.routers.get.useQuery({ id });
  const me = trpc.session.me.useQuery(undefined, { staleTime: 60_000 });
  const dialogs = useRouterDialog();
  const navigation = useRouter();
  const runItem = useMenuActionRunner();
  const menuOf = (router: NonNullable<typeof query.data>) =>
    routerMenuItems(tMenu, router, (action) => dialogs.open(action, router));
  // `?action=<menu key>` (the command palette) opens that dialog, as the menu would.
  useActionParam(query.data !== undefined, (action) => query.data && runItem(menuOf(query.data), action));

  if (query.error && trpcCodeOf(query.error) === "NOT_FOUND") {
    return (
      <EmptyState icon={ArrowLeft} title={t("notFound")}>
        <Link href={backHref} className="text-accent hover:underline">
          {t("back")}
        </Link>
      </EmptyState>
    );
  }
  if (query.error && !query.data)
    return <TableError error={query.error} onRetry={() => void query.refetch()} />;
  const router = query.data;
  if (!router) return <p className="text-sm text-fg-muted">{t("loading")}</p>;

  return (
    <>
      <PageHeader
        title={router.name || router.id}
        description={
          <span className="inline-flex items-center gap-2">
            <RouterStatusBadge status={router.status} adminStateUp={router.adminStateUp} />
            <span>
              {router.gateway
                ? t("gatewayOn", { network: router.gateway.networkName ?? router.gateway.networkId })
                : t("noGateway")}
              {" · "}
              {t("interfaceCount", { count: router.interfaces.length })}
            </span>
          </span>
        }
        actions={<RowMenu subject={router.name || router.id} items={menuOf(router)} />}
      />
      <Tabs label={t("tabsLabel")} tabs={tabs} current={tab} onChange={setTab}>
        {tab === "overview" ? <RouterOverview router={router} /> : null}
        {tab === "interfaces" ? <RouterInterfaces router={router} /> : null}
        {/* Keyed by the saved routes, so the editor starts again from them after a save elsewhere. */}
        {tab === "routes" ? <RouterRoutesEditor key={JSON.stringify(router.routes)} router={router} /> : null}
      </Tabs>
      <RouterDialogs
        dialog={dialogs.dialog}
        close={dialogs.close}
        isAdmin={me.data?.isAdmin ?? false}
        onDeleted={() => navigation.push(backHref)}
      />
    </>
  );
}
