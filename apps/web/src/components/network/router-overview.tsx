import type { ReactNode } from "react";
import { formatDateTime } from "@/lib/compute/format";
import type { RouterOutputs } from "@/trpc/react";
import { RouterStatusBadge } from "./router-status-badge";

type RouterDetail = RouterOutputs["network"]["routers"]["get"];

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[10rem_1fr] gap-3 border-t border-border py-2 text-sm first:border-t-0">
      <dt className="text-fg-muted">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="rounded-lg border border-border bg-surface p-4">
      <h2 className="mb-2 text-xs font-semibold tracking-wide text-fg-muted uppercase">{title}</h2>
      <dl>{children}</dl>
    </section>
  );
}

const none = <span className="text-fg-muted">—</span>;

export function RouterOverview({ router }: { router: RouterDetail }) {
  const gw = router.gateway;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Section title="Router">
        <Field label="Name">{router.name || none}</Field>
        <Field label="ID">
          <code className="text-xs">{router.id}</code>
        </Field>
        <Field label="Status">
          <RouterStatusBadge status={router.status} adminStateUp={router.adminStateUp} />
        </Field>
        <Field label="Admin state">{router.adminStateUp ? "Up" : "Down"}</Field>
        <Field label="Description">{router.description || none}</Field>
        <Field label="Project">
          {router.projectName ?? <code className="text-xs">{router.projectId}</code>}
        </Field>
        <Field label="Created">{formatDateTime(router.created)}</Field>
        <Field label="Updated">{formatDateTime(router.updated)}</Field>
      </Section>
      <div className="flex flex-col gap-4">
        <Section title="External gateway">
          {gw ? (
            <>
              <Field label="Network">
                {gw.networkName ?? <code className="text-xs">{gw.networkId}</code>}
              </Field>
              <Field label="Addresses">
                {gw.ips.length > 0 ? (
                  <ul className="font-mono text-xs">
                    {gw.ips.map((ip) => (
                      <li key={ip}>{ip}</li>
                    ))}
                  </ul>
                ) : (
                  none
                )}
              </Field>
              <Field label="SNAT">{gw.enableSnat === null ? none : gw.enableSnat ? "On" : "Off"}</Field>
            </>
          ) : (
            <p className="text-sm text-fg-muted">
              No gateway: instances behind this router cannot reach the external network. Set one from the
              actions menu.
            </p>
          )}
        </Section>
        <Section title="Connections">
          <Field label="Interfaces">{router.interfaces.length}</Field>
          <Field label="Static routes">{router.routes.length}</Field>
        </Section>
      </div>
    </div>
  );
}
