import { useFormatter, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { formatDateTime } from "@/i18n/format";
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
  const t = useTranslations("network.routerOverview");
  const tStatus = useTranslations("network.status");
  const format = useFormatter();
  const gw = router.gateway;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Section title={t("router")}>
        <Field label={t("name")}>{router.name || none}</Field>
        <Field label={t("id")}>
          <code className="text-xs">{router.id}</code>
        </Field>
        <Field label={t("status")}>
          <RouterStatusBadge status={router.status} adminStateUp={router.adminStateUp} />
        </Field>
        <Field label={t("adminState")}>{router.adminStateUp ? tStatus("up") : tStatus("down")}</Field>
        <Field label={t("description")}>{router.description || none}</Field>
        <Field label={t("project")}>
          {router.projectName ?? <code className="text-xs">{router.projectId}</code>}
        </Field>
        <Field label={t("created")}>{formatDateTime(format, router.created)}</Field>
        <Field label={t("updated")}>{formatDateTime(format, router.updated)}</Field>
      </Section>
      <div className="flex flex-col gap-4">
        <Section title={t("externalGateway")}>
          {gw ? (
            <>
              <Field label={t("network")}>
                {gw.networkName ?? <code className="text-xs">{gw.networkId}</code>}
              </Field>
              <Field label={t("addresses")}>
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
              <Field label={t("snat")}>
                {gw.enableSnat === null ? none : gw.enableSnat ? tStatus("on") : tStatus("off")}
              </Field>
            </>
          ) : (
            <p className="text-sm text-fg-muted">{t("noGateway")}</p>
          )}
        </Section>
        <Section title={t("connections")}>
          <Field label={t("interfaces")}>{router.interfaces.length}</Field>
          <Field label={t("staticRoutes")}>{router.routes.length}</Field>
        </Section>
      </div>
    </div>
  );
}
