"use client";

import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { TableError } from "@/components/data-table/table-states";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { RowMenu } from "@/components/row-menu";
import { Tabs } from "@/components/tabs";
import { trpcCodeOf } from "@/lib/trpc-errors";
import { trpc } from "@/trpc/react";
import { RouterDialogs, routerMenuItems, useRouterDialog } from "./router-dialogs";
import { RouterInterfaces } from "./router-interfaces";
import { RouterOverview } from "./router-overview";
import { RouterRoutesEditor } from "./router-routes-editor";
import { RouterStatusBadge } from "./router-status-badge";

const TABS = [
  { key: "overview", label: "Overview" },
  { key: "interfaces", label: "Interfaces" },
  { key: "routes", label: "Static routes" },
] as const;
type TabKey = (typeof TABS)[number]["key"];

/** One router: overview, interfaces and static routes, with the same actions as its row. */
export function RouterDetail({ id, backHref }: { id: string; backHref: string }) {
  const [tab, setTab] = useState<TabKey>("overview");
  const query = trpc.network.routers.get.useQuery({ id });
  const me = trpc.session.me.useQuery(undefined, { staleTime: 60_000 });
  const dialogs = useRouterDialog();
  const navigation = useRouter();

  if (query.error && trpcCodeOf(query.error) === "NOT_FOUND") {
    return (
      <EmptyState icon={ArrowLeft} title="This router no longer exists">
        <Link href={backHref} className="text-accent hover:underline">
          Back to routers
        </Link>
      </EmptyState>
    );
  }
  if (query.error && !query.data)
    return <TableError error={query.error} onRetry={() => void query.refetch()} />;
  const router = query.data;
  if (!router) return <p className="text-sm text-fg-muted">Loading the router…</p>;

  return (
    <>
      <PageHeader
        title={router.name || router.id}
        description={
          <span className="inline-flex items-center gap-2">
            <RouterStatusBadge status={router.status} adminStateUp={router.adminStateUp} />
            <span>
              {router.gateway
                ? `Gateway on ${router.gateway.networkName ?? router.gateway.networkId}`
                : "No gateway"}
              {" · "}
              {router.interfaces.length === 1 ? "1 interface" : `${router.interfaces.length} interfaces`}
            </span>
          </span>
        }
        actions={<RowMenu subject={router.name || router.id} items={routerMenuItems(router, dialogs.open)} />}
      />
      <Tabs label="Router details" tabs={TABS} current={tab} onChange={setTab}>
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
