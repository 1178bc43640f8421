"use client";

import { Database, Server } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { Age } from "@/components/age";
import { TableError } from "@/components/data-table/table-states";
import { EmptyState } from "@/components/empty-state";
import { ProgressBar } from "@/components/progress-bar";
import { ToneBadge } from "@/components/tone-badge";
import { MISSING } from "@/i18n/format";
import { trpc } from "@/trpc/react";

function Services() {
  const t = useTranslations("admin.volumeServices");
  const tServices = useTranslations("admin.services");
  const services = trpc.admin.volumes.services.useQuery(undefined, { refetchInterval: 30_000 });
  if (services.error) return <TableError error={services.error} onRetry={() => void services.refetch()} />;
  const rows = services.data;
  if (!rows) return <p className="text-sm text-fg-muted">{t("loadingServices")}</p>;
  if (rows.length === 0) {
    return (
      <EmptyState icon={Server} title={t("empty")}>
        {t("emptyHint")}
      </EmptyState>
    );
  }
  return (
    <table className="w-full text-sm" aria-label={t("tableLabel")}>
      <thead className="text-left text-fg-muted">
        <tr>
          <th className="py-2 pr-3 font-medium">{t("service")}</th>
          <th className="py-2 pr-3 font-medium">{t("host")}</th>
          <th className="py-2 pr-3 font-medium">{t("zone")}</th>
          <th className="py-2 pr-3 font-medium">{t("status")}</th>
          <th className="py-2 pr-3 font-medium">{t("state")}</th>
          <th className="py-2 font-medium">{t("lastReport")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((s) => (
          <tr key={`${s.binary}@${s.host}`} className="border-t border-border">
            <td className="py-2 pr-3 font-medium">{s.binary}</td>
            <td className="py-2 pr-3">{s.host}</td>
            <td className="py-2 pr-3">{s.zone ?? MISSING}</td>
            <td className="py-2 pr-3">
              <ToneBadge tone={s.enabled ? "success" : "muted"}>
                {tServices(s.enabled ? "enabled" : "disabled")}
              </ToneBadge>
              {s.disabledReason ? (
                <span className="ml-2 text-xs text-fg-muted">{s.disabledReason}</span>
              ) : null}
            </td>
            <td className="py-2 pr-3">
              <ToneBadge tone={s.up ? "success" : "danger"}>{tServices(s.up ? "up" : "down")}</ToneBadge>
            </td>
            <td className="py-2">{s.updatedAt ? <Age iso={s.updatedAt} /> : MISSING}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Capacity per pool (`host@backend#pool`) as the volume hosts report it. */
function Capacity() {
  const t = useTranslations("admin.volumeServices");
  const format = useFormatter();
  const n = (value: number | null) => (value === null ? MISSING : format.number(value));
  const pools = trpc.admin.volumes.pools.useQuery(undefined, { refetchInterval: 30_000 });
  if (pools.error) return <TableError error={pools.error} onRetry={() => void pools.refetch()} />;
  const rows = pools.data;
  if (!rows) return <p className="text-sm text-fg-muted">{t("loadingCapacity")}</p>;
  if (rows.length === 0) {
    return (
      <EmptyState icon={Database} title={t("noPools")}>
        {t("noPoolsHint")}
      </EmptyState>
    );
  }
  return (
    <div className="grid gap-4 md:grid-cols-2">
      {rows.map((p) => {
        const used = p.totalGb !== null && p.freeGb !== null ? p.totalGb - p.freeGb : null;
        const percent = used !== null && p.totalGb ? (used / p.totalGb) * 100 : 0;
        return (
          <section
            key={p.name}
            aria-label={t("poolLabel", { name: p.name })}
            className="rounded-lg border border-border bg-surface p-4"
          >
            <h3 className="font-medium">{p.host}</h3>
            <p className="mb-2 text-xs text-fg-muted">
              {p.protocol ? t("poolName", { name: p.name, protocol: p.protocol }) : p.name}
            </p>
            {p.totalGb !== null && used !== null ? (
              <>
                <ProgressBar
                  percent={percent}
                  label={t("capacityUsed", { host: p.host })}
                  valueText={t("capacityValue", { used: n(used), total: n(p.totalGb) })}
                  tone={percent > 90 ? "danger" : "accent"}
                />
                <p className="mt-1 text-sm">
                  {p.allocatedGb !== null
                    ? t("capacityLineAllocated", {
                        used: n(used),
                        total: n(p.totalGb),
                        free: n(p.freeGb),
                        allocated: n(p.allocatedGb),
                      })
                    : t("capacityLine", { used: n(used), total: n(p.totalGb), free: n(p.freeGb) })}
                </p>
              </>
            ) : (
              <p className="text-sm text-fg-muted">{t("noFixedCapacity")}</p>
            )}
          </section>
        );
      })}
    </div>
  );
}

/** Admin → Volume services: processes per host and storage capacity per pool. */
export function VolumeServicesView() {
  const t = useTranslations("admin.volumeServices");
  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="volume-services-heading">
        <h2 id="volume-services-heading" className="mb-3 text-base font-semibold">
          {t("servicesHeading")}
        </h2>
        <Services />
      </section>
      <section aria-labelledby="volume-capacity-heading">
        <h2 id="volume-capacity-heading" className="mb-3 text-base font-semibold">
          {t("capacityHeading")}
        </h2>
        <Capacity />
      </section>
    </div>
  );
}
