"use client";

import { useTranslations } from "next-intl";
import { CopyButton } from "@/components/copy-button";
import { TableError } from "@/components/data-table/table-states";
import { trpc } from "@/trpc/react";

/** The endpoints of the caller's token catalog: what `openstack catalog list` shows, each URL copyable. */
export function EndpointCatalog() {
  const t = useTranslations("identity.apiAccess");
  const catalog = trpc.identity.apiAccess.catalog.useQuery(undefined, { staleTime: 60_000 });
  if (catalog.error) return <TableError error={catalog.error} onRetry={() => void catalog.refetch()} />;
  if (!catalog.data) return <p className="text-sm text-fg-muted">{t("loadingCatalog")}</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-border bg-surface">
      <table className="w-full text-sm" aria-label={t("catalog")}>
        <thead className="text-left text-fg-muted">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              {t("service")}
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              {t("type")}
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              {t("interface")}
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              {t("region")}
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              {t("url")}
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
                  <CopyButton
                    value={e.url}
                    label={t("copyUrl", { interface: e.interface, serviceType: e.serviceType })}
                  />
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
