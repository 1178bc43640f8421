import { Server } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { InstanceStatusBadge } from "@/components/compute/instance-status-badge";
import { EmptyState } from "@/components/empty-state";
import type { RouterOutputs } from "@/trpc/react";

type Instance = RouterOutputs["network"]["networks"]["get"]["instances"][number];

/** The instances with a port on this network, linking to their pages. */
export function InstancesPanel({ instances }: { instances: Instance[] }) {
  const t = useTranslations("network.instancesPanel");
  if (instances.length === 0) {
    return (
      <EmptyState icon={Server} title={t("empty")}>
        {t("emptyHint")}
      </EmptyState>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-border bg-surface">
      <table className="w-full text-sm">
        <caption className="sr-only">{t("caption")}</caption>
        <thead className="bg-surface-muted text-left text-xs text-fg-muted uppercase">
          <tr>
            <th scope="col" className="px-3 py-2">
              {t("name")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("addresses")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("status")}
            </th>
          </tr>
        </thead>
        <tbody>
          {instances.map((i) => (
            <tr key={i.id} className="border-t border-border">
              <td className="px-3 py-2">
                <Link href={`/project/instances/${i.id}`} className="font-medium text-accent hover:underline">
                  {i.name || i.id}
                </Link>
              </td>
              <td className="px-3 py-2 font-mono text-xs">{i.addresses.join(", ")}</td>
              <td className="px-3 py-2">
                <InstanceStatusBadge status={i.status} taskState={null} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
