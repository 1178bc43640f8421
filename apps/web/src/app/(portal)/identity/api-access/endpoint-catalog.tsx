"use client";

import { CopyButton } from "@/components/copy-button";
import { TableError } from "@/components/data-table/table-states";
import { trpc } from "@/trpc/react";

/** The endpoints of the caller's token catalog: what `openstack catalog list` shows, each URL copyable. */
export function EndpointCatalog() {
  const catalog = trpc.identity.apiAccess.catalog.useQuery(undefined, { staleTime: 60_000 });
  if (catalog.error) return <TableError error={catalog.error} onRetry={() => void catalog.refetch()} />;
  if (!catalog.data) return <p className="text-sm text-fg-muted">Loading the endpoint catalog…</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-border bg-surface">
      <table className="w-full text-sm" aria-label="Endpoint catalog">
        <thead className="text-left text-fg-muted">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              Service
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Type
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Interface
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Region
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              URL
            </th>
          </tr>
        </thead>
        <tbody>
          {catalog.data.endpoints.map((e) => (
            <tr
              key={`${e.serviceType}|${e.interface}|${e.region}|${e.url}`}
              className="border-t border-border"
            >
              <td className="px-3 py-2 font-medium">{e.serviceName || "—"}</td>
              <td className="px-3 py-2">{e.serviceType}</td>
              <td className="px-3 py-2">{e.interface}</td>
              <td className="px-3 py-2">{e.region || "—"}</td>
              <td className="px-3 py-2">
                <div className="flex items-center gap-2">
                  <code className="break-all text-xs">{e.url}</code>
                  <CopyButton value={e.url} label={`Copy the ${e.interface} ${e.serviceType} URL`} />
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
