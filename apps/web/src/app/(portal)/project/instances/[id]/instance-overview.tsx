import { useFormatter, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { InstanceStatusBadge } from "@/components/compute/instance-status-badge";
import { formatDateTime, formatGb, formatMb } from "@/i18n/format";
import { useStateLabels } from "@/lib/compute/state-labels";
import type { RouterOutputs } from "@/trpc/react";

type InstanceDetails = RouterOutputs["compute"]["instances"]["get"];

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[10rem_1fr] gap-3 border-t border-border py-2 text-sm first:border-t-0">
      <dt className="text-fg-muted">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

/** `empty` replaces the list when there is nothing to list (a <dl> may hold only dt/dd groups). */
function Section({ title, children, empty }: { title: string; children?: ReactNode; empty?: ReactNode }) {
  return (
    <section aria-label={title} className="rounded-lg border border-border bg-surface p-4">
      <h2 className="mb-2 text-xs font-semibold tracking-wide text-fg-muted uppercase">{title}</h2>
      {empty ?? <dl>{children}</dl>}
    </section>
  );
}

const none = <span className="text-fg-muted">—</span>;

/** Every field of the instance; the fault first when it is in ERROR. */
export function InstanceOverview({ instance }: { instance: InstanceDetails }) {
  const t = useTranslations("compute.overview");
  const tCommon = useTranslations("common");
  const format = useFormatter();
  const states = useStateLabels();
  const metadata = Object.entries(instance.metadata);
  return (
    <div className="flex flex-col gap-4">
      {instance.status === "ERROR" && instance.fault ? (
        <div role="alert" className="rounded-md border border-danger bg-danger-soft px-3 py-2 text-sm">
          <p className="font-semibold">{t("failed")}</p>
          <p className="mt-1 font-mono text-xs whitespace-pre-wrap">{instance.fault.message}</p>
        </div>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-2">
        <Section title={t("instance")}>
          <Field label={t("name")}>{instance.name}</Field>
          <Field label={t("id")}>
            <code className="text-xs">{instance.id}</code>
          </Field>
          <Field label={t("status")}>
            <InstanceStatusBadge status={instance.status} taskState={instance.taskState} />
          </Field>
          <Field label={t("taskState")}>
            {instance.taskState ? states.taskState(instance.taskState) : t("noTask")}
          </Field>
          <Field label={t("powerState")}>
            {instance.powerState ? states.powerState(instance.powerState) : none}
          </Field>
          <Field label={t("vmState")}>{instance.vmState ? states.vmState(instance.vmState) : none}</Field>
          <Field label={t("locked")}>{instance.locked ? tCommon("yes") : tCommon("no")}</Field>
          <Field label={t("availabilityZone")}>{instance.availabilityZone || none}</Field>
          {instance.host ? <Field label={t("host")}>{instance.host}</Field> : null}
          <Field label={t("created")}>{formatDateTime(format, instance.created)}</Field>
          <Field label={t("launched")}>{formatDateTime(format, instance.launchedAt)}</Field>
          <Field label={t("updated")}>{formatDateTime(format, instance.updated)}</Field>
        </Section>
        <div className="flex flex-col gap-4">
          <Section title={t("specs")}>
            <Field label={t("flavor")}>{instance.flavor.name}</Field>
            <Field label={t("vcpus")}>{instance.flavor.vcpus}</Field>
            <Field label={t("ram")}>{formatMb(format, instance.flavor.ram)}</Field>
            <Field label={t("disk")}>{formatGb(format, instance.flavor.disk)}</Field>
            <Field label={t("image")}>{instance.image?.name || none}</Field>
            <Field label={t("keyPair")}>{instance.keyName || none}</Field>
          </Section>
          <Section title={t("network")}>
            <Field label={t("ipAddresses")}>
              {instance.addresses.length > 0 ? (
                <ul className="font-mono text-xs">
                  {instance.addresses.map((a) => (
                    <li key={a}>{a}</li>
                  ))}
                </ul>
              ) : (
                none
              )}
            </Field>
          </Section>
          <Section
            title={t("metadata")}
            empty={
              metadata.length > 0 ? undefined : <p className="text-sm text-fg-muted">{t("noMetadata")}</p>
            }
          >
            {metadata.map(([key, value]) => (
              <Field key={key} label={key}>
                {value}
              </Field>
            ))}
          </Section>
          <Section title={t("ownership")}>
            <Field label={t("project")}>
              {instance.projectName ?? <code className="text-xs">{instance.projectId}</code>}
            </Field>
            <Field label={t("userId")}>
              <code className="text-xs">{instance.userId}</code>
            </Field>
          </Section>
        </div>
      </div>
    </div>
  );
}
