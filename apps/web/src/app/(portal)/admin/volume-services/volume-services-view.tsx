"use client";

import { Database, Server } from "lucide-react";
import { Age } from "@/components/age";
import { TableError } from "@/components/data-table/table-states";
import { EmptyState } from "@/components/empty-state";
import { ProgressBar } from "@/components/progress-bar";
import { ToneBadge } from "@/components/tone-badge";
import { trpc } from "@/trpc/react";

function Services() {
  const services = trpc.admin.volumes.services.useQuery(undefined, { refetchInterval: 30_000 });
  if (services.error) return <TableError error={services.error} onRetry={() => void services.refetch()} />;
  const rows = services.data;
  if (!rows) return <p className="text-sm text-fg-muted">Loading services…</p>;
  if (rows.length === 0) {
    return (
      <EmptyState icon={Server} title="No volume services">
        No volume host has reported yet. Start the volume agent on a storage host.
      </EmptyState>
    );
  }
  return (
    <table className="w-full text-sm" aria-label="Volume services">
      <thead className="text-left text-fg-muted">
        <tr>
          <th className="py-2 pr-3 font-medium">Service</th>
          <th className="py-2 pr-3 font-medium">Host</th>
          <th className="py-2 pr-3 font-medium">Zone</th>
          <th className="py-2 pr-3 font-medium">Status</th>
          <th className="py-2 pr-3 font-medium">State</th>
          <th className="py-2 font-medium">Last report</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((s) => (
          <tr key={`${s.binary}@${s.host}`} className="border-t border-border">
            <td className="py-2 pr-3 font-medium">{s.binary}</td>
            <td className="py-2 pr-3">{s.host}</td>
            <td className="py-2 pr-3">{s.zone ?? "—"}</td>
            <td className="py-2 pr-3">
              <ToneBadge tone={s.enabled ? "success" : "muted"}>
                {s.enabled ? "Enabled" : "Disabled"}
              </ToneBadge>
              {s.disabledReason ? (
                <span className="ml-2 text-xs text-fg-muted">{s.disabledReason}</span>
              ) : null}
            </td>
            <td className="py-2 pr-3">
              <ToneBadge tone={s.up ? "success" : "danger"}>{s.up ? "Up" : "Down"}</ToneBadge>
            </td>
            <td className="py-2">{s.updatedAt ? <Age iso={s.updatedAt} /> : "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Capacity per pool (`host@backend#pool`) as the volume hosts report it. */
function Capacity() {
  const pools = trpc.admin.volumes.pools.useQuery(undefined, { refetchInterval: 30_000 });
  if (pools.error) return <TableError error={pools.error} onRetry={() => void pools.refetch()} />;
  const rows = pools.data;
  if (!rows) return <p className="text-sm text-fg-muted">Loading capacity…</p>;
  if (rows.length === 0) {
    return (
      <EmptyState icon={Database} title="No storage pools">
        Pools appear once a volume host reports its capacity.
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
            aria-label={`Pool ${p.name}`}
            className="rounded-lg border border-border bg-surface p-4"
          >
            <h3 className="font-medium">{p.host}</h3>
            <p className="mb-2 text-xs text-fg-muted">
              {p.name}
              {p.protocol ? ` · ${p.protocol}` : ""}
            </p>
            {p.totalGb !== null && used !== null ? (
              <>
                <ProgressBar
                  percent={percent}
                  label={`Capacity used on ${p.host}`}
                  valueText={`${used} of ${p.totalGb} GiB`}
                  tone={percent > 90 ? "danger" : "accent"}
                />
                <p className="mt-1 text-sm">
                  {used} of {p.totalGb} GiB used · {p.freeGb} GiB free
                  {p.allocatedGb !== null ? ` · ${p.allocatedGb} GiB allocated to volumes` : ""}
                </p>
              </>
            ) : (
              <p className="text-sm text-fg-muted">The backend reports no fixed capacity.</p>
            )}
          </section>
        );
      })}
    </div>
  );
}

/** Admin → Volume services: processes per host and storage capacity per pool. */
export function VolumeServicesView() {
  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="volume-services-heading">
        <h2 id="volume-services-heading" className="mb-3 text-base font-semibold">
          Services
        </h2>
        <Services />
      </section>
      <section aria-labelledby="volume-capacity-heading">
        <h2 id="volume-capacity-heading" className="mb-3 text-base font-semibold">
          Capacity per host
        </h2>
        <Capacity />
      </section>
    </div>
  );
}
