import { useFormatter, useTranslations } from "next-intl";
import { InfoCard } from "@/components/info-card";
import { AdminStateBadge, NetworkStatusBadge } from "@/components/network/network-status-badge";
import { formatDateTime } from "@/i18n/format";
import type { RouterOutputs } from "@/trpc/react";

type Detail = RouterOutputs["network"]["networks"]["get"];

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex justify-between gap-4 py-1">
      <dt className="text-fg-muted">{label}</dt>
      <dd className="text-right">{children}</dd>
    </div>
  );
}

export function NetworkOverview({ detail }: { detail: Detail }) {
  const n = detail.network;
  const t = useTranslations("network.networkOverview");
  const tCommon = useTranslations("common");
  const format = useFormatter();
  // Past the first page of ports the counts are lower bounds, and the card says so.
  const more = detail.more ? "yes" : "no";
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <InfoCard title={t("network")}>
        <dl>
          <Row label={t("id")}>
            <code className="text-xs">{n.id}</code>
          </Row>
          <Row label={t("status")}>
            <NetworkStatusBadge status={n.status} />
          </Row>
          <Row label={t("adminState")}>
            <AdminStateBadge up={n.adminStateUp} />
          </Row>
          <Row label={t("shared")}>{n.shared ? tCommon("yes") : tCommon("no")}</Row>
          <Row label={t("external")}>{n.external ? tCommon("yes") : tCommon("no")}</Row>
          {n.projectName !== undefined || !n.own ? (
            <Row label={t("project")}>
              {n.projectName || <code className="text-xs">{n.projectId ?? "—"}</code>}
            </Row>
          ) : null}
          <Row label={t("created")}>{formatDateTime(format, n.created)}</Row>
          {n.description ? <Row label={t("description")}>{n.description}</Row> : null}
        </dl>
      </InfoCard>
      <InfoCard title={t("usage")}>
        <dl>
          <Row label={t("subnets")}>{detail.subnets.map((s) => s.cidr).join(", ") || t("noneYet")}</Row>
          <Row label={t("ports")}>{t("countAtLeast", { count: detail.portCount, more })}</Row>
          <Row label={t("instances")}>{t("countAtLeast", { count: detail.instanceCount, more })}</Row>
          <Row label={t("mtu")}>{n.mtu ?? "—"}</Row>
          {n.networkType ? (
            <Row label={t("provider")}>
              {n.networkType}
              {n.physicalNetwork ? ` · ${n.physicalNetwork}` : ""}
              {n.segmentationId !== null ? ` · ${n.segmentationId}` : ""}
            </Row>
          ) : null}
        </dl>
        {detail.inUse ? (
          <p className="mt-2 text-fg-muted">{t("inUse", { usage: t("usage", { ...detail.inUse, more }) })}</p>
        ) : null}
        {detail.more ? (
          <p className="mt-2 text-fg-muted">{t("partial", { count: detail.portCount })}</p>
        ) : null}
      </InfoCard>
    </div>
  );
}
