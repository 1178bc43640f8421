"use client";

import { Server } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { UsageBar } from "@/components/charts/usage-bar";
import { TableError } from "@/components/data-table/table-states";
import { EmptyState } from "@/components/empty-state";
import { ToneBadge } from "@/components/tone-badge";
import { formatMb, MISSING } from "@/i18n/format";
import { trpc } from "@/trpc/react";

const HYPERVISOR_REFRESH_MS = 15_000;

/** Capacity and use of each compute host. */
export function HypervisorsView() {
  const t = useTranslations("admin.hypervisors");
  const tServices = useTranslations("admin.services");
  const format = useFormatter();
  const mb = (n: number) => formatMb(format, n);
  const gb = (n: number) => format.number(n, { style: "unit", unit: "gigabyte", unitDisplay: "short" });
  // Nova's hypervisor state is up/down and its status enabled/disabled; anything newer reads as Nova names it.
  const word = (w: string) =>
    w === "up" || w === "down" || w === "enabled" || w === "disabled" ? tServices(w) : w;
  const hypervisors = trpc.admin.hypervisors.list.useQuery(undefined, {
    refetchInterval: HYPERVISOR_REFRESH_MS,
  });
  if (hypervisors.error && !hypervisors.data) {
    return <TableError error={hypervisors.error} onRetry={() => void hypervisors.refetch()} />;
  }
  if (!hypervisors.data) return <p className="text-sm text-fg-muted">{t("loading")}</p>;
  if (hypervisors.data.length === 0) {
    return (
      <EmptyState icon={Server} title={t("empty")}>
        {t("emptyHint")}
      </EmptyState>
    );
  }
  const totals = hypervisors.data.reduce(
    (t, h) => ({
      vcpus: t.vcpus + (h.vcpus ?? 0),
      vcpusUsed: t.vcpusUsed + (h.vcpusUsed ?? 0),
      memoryMb: t.memoryMb + (h.memoryMb ?? 0),
      memoryMbUsed: t.memoryMbUsed + (h.memoryMbUsed ?? 0),
      vms: t.vms + (h.runningVms ?? 0),
    }),
    { vcpus: 0, vcpusUsed: 0, memoryMb: 0, memoryMbUsed: 0, vms: 0 },
  );
  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm text-fg-muted">
        {t("summary", {
          hosts: format.number(hypervisors.data.length),
          vcpusUsed: format.number(totals.vcpusUsed),
          vcpus: format.number(totals.vcpus),
          ramUsed: mb(totals.memoryMbUsed),
          ram: mb(totals.memoryMb),
          vms: format.number(totals.vms),
        })}
      </p>
      <div className="overflow-x-auto rounded-lg border border-border bg-surface">
        <table aria-label={t("tableLabel")} className="w-full text-left text-sm">
          <thead className="bg-surface-muted text-xs tracking-wide text-fg-muted uppercase">
            <tr>
              {[
                t("host"),
                t("type"),
                t("state"),
                t("status"),
                t("vcpu"),
                t("ram"),
                t("disk"),
                t("runningVms"),
              ].map((h) => (
                <th key={h} scope="col" className="px-3 py-2 font-semibold">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {hypervisors.data.map((h) => (
              <tr key={h.id} className="border-t border-border">
                <td className="px-3 py-2.5 font-medium">{h.hostname}</td>
                <td className="px-3 py-2.5">{h.type ?? MISSING}</td>
                <td className="px-3 py-2.5">
                  <ToneBadge tone={h.state === "up" ? "success" : "danger"}>{word(h.state)}</ToneBadge>
                </td>
                <td className="px-3 py-2.5">
                  <ToneBadge tone={h.status === "enabled" ? "success" : "muted"}>{word(h.status)}</ToneBadge>
                </td>
                <td className="px-3 py-2.5">
                  <UsageBar label={t("vcpu")} used={h.vcpusUsed} total={h.vcpus} />
                </td>
                <td className="px-3 py-2.5">
                  <UsageBar label={t("ram")} used={h.memoryMbUsed} total={h.memoryMb} format={mb} />
                </td>
                <td className="px-3 py-2.5">
                  <UsageBar label={t("disk")} used={h.localGbUsed} total={h.localGb} format={gb} />
                </td>
                <td className="px-3 py-2.5 tabular-nums">{h.runningVms ?? MISSING}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
