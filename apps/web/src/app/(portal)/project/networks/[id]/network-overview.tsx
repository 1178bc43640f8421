import { InfoCard } from "@/components/info-card";
import { AdminStateBadge, NetworkStatusBadge } from "@/components/network/network-status-badge";
import { formatDateTime } from "@/lib/compute/format";
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
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <InfoCard title="Network">
        <dl>
          <Row label="ID">
            <code className="text-xs">{n.id}</code>
          </Row>
          <Row label="Status">
            <NetworkStatusBadge status={n.status} />
          </Row>
          <Row label="Admin state">
            <AdminStateBadge up={n.adminStateUp} />
          </Row>
          <Row label="Shared">{n.shared ? "Yes" : "No"}</Row>
          <Row label="External">{n.external ? "Yes" : "No"}</Row>
          {n.projectName !== undefined || !n.own ? (
            <Row label="Project">
              {n.projectName || <code className="text-xs">{n.projectId ?? "—"}</code>}
            </Row>
          ) : null}
          <Row label="Created">{formatDateTime(n.created)}</Row>
          {n.description ? <Row label="Description">{n.description}</Row> : null}
        </dl>
      </InfoCard>
      <InfoCard title="Usage">
        <dl>
          <Row label="Subnets">{detail.subnets.map((s) => s.cidr).join(", ") || "None yet"}</Row>
          <Row label="Ports">{detail.portCount}</Row>
          <Row label="Instances">{detail.instances.length}</Row>
          <Row label="MTU">{n.mtu ?? "—"}</Row>
          {n.networkType ? (
            <Row label="Provider">
              {n.networkType}
              {n.physicalNetwork ? ` · ${n.physicalNetwork}` : ""}
              {n.segmentationId !== null ? ` · ${n.segmentationId}` : ""}
            </Row>
          ) : null}
        </dl>
        {detail.inUse ? (
          <p className="mt-2 text-fg-muted">
            In use by {detail.inUse}; remove them before deleting the network.
          </p>
        ) : null}
      </InfoCard>
    </div>
  );
}
