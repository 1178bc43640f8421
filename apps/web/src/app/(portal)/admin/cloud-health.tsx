"use client";

import { Server } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { UsageBar } from "@/components/charts/usage-bar";
import { TableError } from "@/components/data-table/table-states";
import { EmptyState } from "@/components/empty-state";
import { RankedBars } from "@/components/usage/ranked-bars";
import { type Formatter, formatBytes, formatMb, MISSING } from "@/i18n/format";
import { type RouterOutputs, trpc } from "@/trpc/react";

type Overview = RouterOutputs["overview"]["admin"];
type Health = Overview["health"]["compute"];

function Skeleton({ h = "h-40" }: { h?: string }) {
  return <div aria-hidden className={`${h} animate-pulse rounded-lg border border-border bg-surface`} />;
}

type AdminT = ReturnType<typeof useTranslations<"admin">>;

/** "42 %": the spaced percent sign the charts have always shown (and the specs read). */
const percent = (t: AdminT, format: Formatter) => (n: number) =>
  t("units.percent", { value: format.number(n, { maximumFractionDigits: 0 }) });

/** Nova reports disk in GB (decimal, as it counts). */
const gb = (format: Formatter) => (n: number) =>
  format.number(n, { style: "unit", unit: "gigabyte", unitDisplay: "short" });

const INSTANCE_STATES = [
  "ACTIVE",
  "BUILD",
  "SHUTOFF",
  "ERROR",
  "PAUSED",
  "SUSPENDED",
  "SHELVED",
  "SHELVED_OFFLOADED",
  "REBOOT",
  "HARD_REBOOT",
  "RESIZE",
  "VERIFY_RESIZE",
  "REVERT_RESIZE",
  "MIGRATING",
  "REBUILD",
  "RESCUE",
  "SOFT_DELETED",
  "DELETED",
  "UNKNOWN",
] as const;
type InstanceState = (typeof INSTANCE_STATES)[number];
const STATE_SET: ReadonlySet<string> = new Set(INSTANCE_STATES);
const isInstanceState = (s: string): s is InstanceState => STATE_SET.has(s);

/** A hypervisor's state and status as Nova names them (up/down, enabled/disabled), in the reader's language. */
function hostWord(t: AdminT, word: string): string {
  return word === "up" || word === "down" || word === "enabled" || word === "disabled"
    ? t(`health.hostWords.${word}`)
    : word;
}

/** A Nova status in the reader's language; one newer than this list is shown as Nova names it. */
function stateLabel(t: AdminT, state: string): string {
  return isInstanceState(state) ? t(`instanceStates.${state}`) : state;
}

/** Allocation against capacity per host, and real use where the metric service measures it. */
function Hypervisors({ data }: { data: Overview }) {
  const t = useTranslations("admin");
  const format = useFormatter();
  if (data.hypervisors.length === 0) {
    return (
      <EmptyState icon={Server} title={t("health.noHypervisors")}>
        <p>{t("health.noHypervisorsHint")}</p>
      </EmptyState>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-border bg-surface">
      <table aria-label={t("health.tableLabel")} className="w-full text-left text-sm">
        <thead className="text-xs text-fg-muted uppercase">
          <tr>
            <th scope="col" className="px-3 py-2 font-semibold">
              {t("health.host")}
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              {t("health.vcpusAllocated")}
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              {t("health.ramAllocated")}
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              {t("health.diskAllocated")}
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              {t("health.measuredUse")}
            </th>
          </tr>
        </thead>
        <tbody>
          {data.hypervisors.map((h) => (
            <tr key={h.id} className="border-t border-border align-top">
              <th scope="row" className="px-3 py-2 font-medium">
                <Link href="/admin/hypervisors" className="text-accent hover:underline">
                  {h.hostname}
                </Link>
                <p className="text-xs font-normal text-fg-muted">
                  {t("health.hostLine", {
                    state: hostWord(t, h.state),
                    status: hostWord(t, h.status),
                    running:
                      h.runningVms === null || h.runningVms === undefined
                        ? MISSING
                        : format.number(h.runningVms),
                  })}
                </p>
              </th>
              <td className="px-3 py-2">
                <UsageBar
                  label={t("health.vcpu")}
                  used={h.vcpus?.used ?? null}
                  total={h.vcpus?.total ?? null}
                />
              </td>
              <td className="px-3 py-2">
                <UsageBar
                  label={t("health.ram")}
                  used={h.memoryMb?.used ?? null}
                  total={h.memoryMb?.total ?? null}
                  format={(mb) => formatMb(format, mb)}
                />
              </td>
              <td className="px-3 py-2">
                <UsageBar
                  label={t("health.disk")}
                  used={h.diskGb?.used ?? null}
                  total={h.diskGb?.total ?? null}
                  format={gb(format)}
                />
              </td>
              <td className="px-3 py-2">
                {h.measured ? (
                  <div className="flex flex-col gap-1">
                    <UsageBar
                      label={t("health.cpu")}
                      used={h.measured.cpuPercent}
                      total={100}
                      format={percent(t, format)}
                    />
                    <UsageBar
                      label={t("health.ram")}
                      used={h.measured.memoryUsedBytes}
                      total={h.measured.memoryTotalBytes}
                      format={(n) => formatBytes(format, n)}
                    />
                    <UsageBar
                      label={t("health.disk")}
                      used={h.measured.diskUsedBytes}
                      total={h.measured.diskTotalBytes}
                      format={(n) => formatBytes(format, n)}
                    />
                  </div>
                ) : (
                  <span className="text-xs text-fg-muted">
                    {data.metricsAvailable ? t("health.noMeasures") : t("health.needsMetrics")}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.metricsAvailable ? null : (
        <p className="border-t border-border px-3 py-2 text-xs text-fg-muted">{t("health.allocationNote")}</p>
      )}
    </div>
  );
}

function HealthCard({
  kind,
  href,
  health,
}: {
  kind: "compute" | "network" | "volume";
  href: string;
  health: Health | null;
}) {
  const t = useTranslations("admin.health");
  const format = useFormatter();
  const title = t(kind);
  const openKey = { compute: "openCompute", network: "openNetwork", volume: "openVolume" } as const;
  const noneKey = { compute: "noCompute", network: "noNetwork", volume: "noVolume" } as const;
  return (
    <section aria-label={title} className="rounded-lg border border-border bg-surface p-4">
      <h3 className="text-xs font-semibold tracking-wide text-fg-muted uppercase">{title}</h3>
      {health ? (
        <>
          <p className="mt-1 text-lg font-semibold">
            <span className={health.down > 0 ? "text-danger" : undefined}>
              {t("up", { count: format.number(health.up) })}
            </span>
            <span className="text-fg-muted"> · </span>
            <span className={health.down > 0 ? "text-danger" : "text-fg-muted"}>
              {t("down", { count: format.number(health.down) })}
            </span>
          </p>
          <p className="text-xs text-fg-muted">{t("disabled", { count: format.number(health.disabled) })}</p>
        </>
      ) : (
        <p className="mt-1 text-sm text-fg-muted">{t(noneKey[kind])}</p>
      )}
      <Link href={href} className="mt-2 inline-block text-sm font-medium text-accent hover:underline">
        {t(openKey[kind])}
      </Link>
    </section>
  );
}

/** Hypervisors, instances by state and the health of every agent, cloud-wide. */
export function CloudHealth() {
  const t = useTranslations("admin");
  const format = useFormatter();
  const overview = trpc.overview.admin.useQuery(undefined, { refetchInterval: 30_000 });
  if (overview.error && !overview.data) {
    return <TableError error={overview.error} onRetry={() => void overview.refetch()} />;
  }
  const data = overview.data;
  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="health-heading">
        <h2 id="health-heading" className="mb-3 text-base font-semibold">
          {t("health.heading")}
        </h2>
        {data ? (
          <div className="grid gap-4 md:grid-cols-3">
            <HealthCard kind="compute" href="/admin/compute-services" health={data.health.compute} />
            <HealthCard kind="network" href="/admin/network-agents" health={data.health.network} />
            <HealthCard kind="volume" href="/admin/volume-services" health={data.health.volume} />
          </div>
        ) : (
          <Skeleton h="h-28" />
        )}
      </section>
      <section aria-labelledby="hypervisors-heading">
        <h2 id="hypervisors-heading" className="mb-3 text-base font-semibold">
          {t("health.hypervisorsHeading")}
        </h2>
        {data ? <Hypervisors data={data} /> : <Skeleton />}
      </section>
      <section aria-labelledby="states-heading">
        <h2 id="states-heading" className="mb-3 text-base font-semibold">
          {t("health.statesHeading")}
        </h2>
        {!data ? (
          <Skeleton />
        ) : data.instancesByState.length === 0 ? (
          <p className="text-sm text-fg-muted">{t("health.noInstances")}</p>
        ) : (
          <RankedBars
            title={t("health.statesTitle")}
            unit={t("health.statesUnit")}
            format={(n) => format.number(n)}
            items={data.instancesByState.map((s) => ({
              key: s.state,
              label: stateLabel(t, s.state),
              value: s.count,
            }))}
          />
        )}
      </section>
    </div>
  );
}
