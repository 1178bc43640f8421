"use client";

import { Server } from "lucide-react";
import Link from "next/link";
import { UsageBar } from "@/components/charts/usage-bar";
import { TableError } from "@/components/data-table/table-states";
import { EmptyState } from "@/components/empty-state";
import { RankedBars } from "@/components/usage/ranked-bars";
import { formatBytes, formatMb } from "@/lib/compute/format";
import { type RouterOutputs, trpc } from "@/trpc/react";

type Overview = RouterOutputs["overview"]["admin"];
type Health = Overview["health"]["compute"];

function Skeleton({ h = "h-40" }: { h?: string }) {
  return <div aria-hidden className={`${h} animate-pulse rounded-lg border border-border bg-surface`} />;
}

const percent = (n: number) => `${n.toFixed(0)} %`;

/** Allocation against capacity per host, and real use where the metric service measures it. */
function Hypervisors({ data }: { data: Overview }) {
  if (data.hypervisors.length === 0) {
    return (
      <EmptyState icon={Server} title="No hypervisors">
        <p>No compute host has reported to this cloud yet.</p>
      </EmptyState>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-border bg-surface">
      <table aria-label="Hypervisor utilisation" className="w-full text-left text-sm">
        <thead className="text-xs text-fg-muted uppercase">
          <tr>
            <th scope="col" className="px-3 py-2 font-semibold">
              Host
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              vCPUs allocated
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              RAM allocated
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Disk allocated
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Measured use
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
                  {h.state} · {h.status} · {h.runningVms ?? "—"} running
                </p>
              </th>
              <td className="px-3 py-2">
                <UsageBar label="vCPU" used={h.vcpus?.used ?? null} total={h.vcpus?.total ?? null} />
              </td>
              <td className="px-3 py-2">
                <UsageBar
                  label="RAM"
                  used={h.memoryMb?.used ?? null}
                  total={h.memoryMb?.total ?? null}
                  format={formatMb}
                />
              </td>
              <td className="px-3 py-2">
                <UsageBar
                  label="Disk"
                  used={h.diskGb?.used ?? null}
                  total={h.diskGb?.total ?? null}
                  format={(gb) => `${gb} GB`}
                />
              </td>
              <td className="px-3 py-2">
                {h.measured ? (
                  <div className="flex flex-col gap-1">
                    <UsageBar label="CPU" used={h.measured.cpuPercent} total={100} format={percent} />
                    <UsageBar
                      label="RAM"
                      used={h.measured.memoryUsedBytes}
                      total={h.measured.memoryTotalBytes}
                      format={formatBytes}
                    />
                    <UsageBar
                      label="Disk"
                      used={h.measured.diskUsedBytes}
                      total={h.measured.diskTotalBytes}
                      format={formatBytes}
                    />
                  </div>
                ) : (
                  <span className="text-xs text-fg-muted">
                    {data.metricsAvailable ? "No measures yet" : "Needs the metric service"}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.metricsAvailable ? null : (
        <p className="border-t border-border px-3 py-2 text-xs text-fg-muted">
          Allocation is what instances were given. Real use appears where the cloud has a metric service
          (Gnocchi) that measures its hosts.
        </p>
      )}
    </div>
  );
}

function HealthCard({
  title,
  href,
  health,
  what,
}: {
  title: string;
  href: string;
  health: Health | null;
  what: string;
}) {
  return (
    <section aria-label={title} className="rounded-lg border border-border bg-surface p-4">
      <h3 className="text-xs font-semibold tracking-wide text-fg-muted uppercase">{title}</h3>
      {health ? (
        <>
          <p className="mt-1 text-lg font-semibold">
            <span className={health.down > 0 ? "text-danger" : undefined}>{health.up} up</span>
            <span className="text-fg-muted"> · </span>
            <span className={health.down > 0 ? "text-danger" : "text-fg-muted"}>{health.down} down</span>
          </p>
          <p className="text-xs text-fg-muted">{health.disabled} disabled</p>
        </>
      ) : (
        <p className="mt-1 text-sm text-fg-muted">This cloud has no {what} service.</p>
      )}
      <Link href={href} className="mt-2 inline-block text-sm font-medium text-accent hover:underline">
        Open {title.toLowerCase()}
      </Link>
    </section>
  );
}

/** Hypervisors, instances by state and the health of every agent, cloud-wide. */
export function CloudHealth() {
  const overview = trpc.overview.admin.useQuery(undefined, { refetchInterval: 30_000 });
  if (overview.error && !overview.data) {
    return <TableError error={overview.error} onRetry={() => void overview.refetch()} />;
  }
  const data = overview.data;
  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="health-heading">
        <h2 id="health-heading" className="mb-3 text-base font-semibold">
          Agents health
        </h2>
        {data ? (
          <div className="grid gap-4 md:grid-cols-3">
            <HealthCard
              title="Compute services"
              href="/admin/compute-services"
              health={data.health.compute}
              what="compute"
            />
            <HealthCard
              title="Network agents"
              href="/admin/network-agents"
              health={data.health.network}
              what="network"
            />
            <HealthCard
              title="Volume services"
              href="/admin/volume-services"
              health={data.health.volume}
              what="block storage"
            />
          </div>
        ) : (
          <Skeleton h="h-28" />
        )}
      </section>
      <section aria-labelledby="hypervisors-heading">
        <h2 id="hypervisors-heading" className="mb-3 text-base font-semibold">
          Hypervisor utilisation
        </h2>
        {data ? <Hypervisors data={data} /> : <Skeleton />}
      </section>
      <section aria-labelledby="states-heading">
        <h2 id="states-heading" className="mb-3 text-base font-semibold">
          Instances by state
        </h2>
        {!data ? (
          <Skeleton />
        ) : data.instancesByState.length === 0 ? (
          <p className="text-sm text-fg-muted">No instances in any project.</p>
        ) : (
          <RankedBars
            title="Instances by state, all projects"
            unit="instances"
            format={String}
            items={data.instancesByState.map((s) => ({ key: s.state, label: s.state, value: s.count }))}
          />
        )}
      </section>
    </div>
  );
}
