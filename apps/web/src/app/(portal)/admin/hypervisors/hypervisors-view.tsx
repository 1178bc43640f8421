"use client";

import { Server } from "lucide-react";
import { UsageBar } from "@/components/charts/usage-bar";
import { TableError } from "@/components/data-table/table-states";
import { EmptyState } from "@/components/empty-state";
import { ToneBadge } from "@/components/tone-badge";
import { formatMb } from "@/lib/compute/format";
import { humanize } from "@/lib/compute/instance-actions";
import { trpc } from "@/trpc/react";

const HYPERVISOR_REFRESH_MS = 15_000;

/** Capacity and use of each compute host. */
export function HypervisorsView() {
  const hypervisors = trpc.admin.hypervisors.list.useQuery(undefined, {
    refetchInterval: HYPERVISOR_REFRESH_MS,
  });
  if (hypervisors.error && !hypervisors.data) {
    return <TableError error={hypervisors.error} onRetry={() => void hypervisors.refetch()} />;
  }
  if (!hypervisors.data) return <p className="text-sm text-fg-muted">Loading hypervisors…</p>;
  if (hypervisors.data.length === 0) {
    return (
      <EmptyState icon={Server} title="No hypervisors">
        Start a compute agent on a host; it registers itself here.
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
        {hypervisors.data.length} hosts · {totals.vcpusUsed} of {totals.vcpus} vCPUs ·{" "}
        {formatMb(totals.memoryMbUsed)} of {formatMb(totals.memoryMb)} RAM · {totals.vms} running VMs
      </p>
      <div className="overflow-x-auto rounded-lg border border-border bg-surface">
        <table aria-label="Hypervisors" className="w-full text-left text-sm">
          <thead className="bg-surface-muted text-xs tracking-wide text-fg-muted uppercase">
            <tr>
              {["Host", "Type", "State", "Status", "vCPU", "RAM", "Disk", "Running VMs"].map((h) => (
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
                <td className="px-3 py-2.5">{h.type ?? "—"}</td>
                <td className="px-3 py-2.5">
                  <ToneBadge tone={h.state === "up" ? "success" : "danger"}>{humanize(h.state)}</ToneBadge>
                </td>
                <td className="px-3 py-2.5">
                  <ToneBadge tone={h.status === "enabled" ? "success" : "muted"}>
                    {humanize(h.status)}
                  </ToneBadge>
                </td>
                <td className="px-3 py-2.5">
                  <UsageBar label="vCPU" used={h.vcpusUsed} total={h.vcpus} />
                </td>
                <td className="px-3 py-2.5">
                  <UsageBar label="RAM" used={h.memoryMbUsed} total={h.memoryMb} format={formatMb} />
                </td>
                <td className="px-3 py-2.5">
                  <UsageBar label="Disk" used={h.localGbUsed} total={h.localGb} format={(n) => `${n} GB`} />
                </td>
                <td className="px-3 py-2.5 tabular-nums">{h.runningVms ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
