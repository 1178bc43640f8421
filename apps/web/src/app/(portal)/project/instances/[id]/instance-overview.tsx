import type { ReactNode } from "react";
import { InstanceStatusBadge } from "@/components/compute/instance-status-badge";
import { formatDateTime, formatMb } from "@/lib/compute/format";
import { humanize } from "@/lib/compute/instance-actions";
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
  const metadata = Object.entries(instance.metadata);
  return (
    <div className="flex flex-col gap-4">
      {instance.status === "ERROR" && instance.fault ? (
        <div role="alert" className="rounded-md border border-danger bg-danger-soft px-3 py-2 text-sm">
          <p className="font-semibold">The instance failed</p>
          <p className="mt-1 font-mono text-xs whitespace-pre-wrap">{instance.fault.message}</p>
        </div>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-2">
        <Section title="Instance">
          <Field label="Name">{instance.name}</Field>
          <Field label="ID">
            <code className="text-xs">{instance.id}</code>
          </Field>
          <Field label="Status">
            <InstanceStatusBadge status={instance.status} taskState={instance.taskState} />
          </Field>
          <Field label="Task state">{instance.taskState ? humanize(instance.taskState) : "None"}</Field>
          <Field label="Power state">{instance.powerState ? humanize(instance.powerState) : none}</Field>
          <Field label="VM state">{instance.vmState ? humanize(instance.vmState) : none}</Field>
          <Field label="Locked">{instance.locked ? "Yes" : "No"}</Field>
          <Field label="Availability zone">{instance.availabilityZone || none}</Field>
          {instance.host ? <Field label="Host">{instance.host}</Field> : null}
          <Field label="Created">{formatDateTime(instance.created)}</Field>
          <Field label="Launched">{formatDateTime(instance.launchedAt)}</Field>
          <Field label="Updated">{formatDateTime(instance.updated)}</Field>
        </Section>
        <div className="flex flex-col gap-4">
          <Section title="Specs">
            <Field label="Flavor">{instance.flavor.name}</Field>
            <Field label="vCPUs">{instance.flavor.vcpus}</Field>
            <Field label="RAM">{formatMb(instance.flavor.ram)}</Field>
            <Field label="Disk">{instance.flavor.disk} GB</Field>
            <Field label="Image">{instance.image?.name || none}</Field>
            <Field label="Key pair">{instance.keyName || none}</Field>
          </Section>
          <Section title="Network">
            <Field label="IP addresses">
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
            title="Metadata"
            empty={metadata.length > 0 ? undefined : <p className="text-sm text-fg-muted">No metadata.</p>}
          >
            {metadata.map(([key, value]) => (
              <Field key={key} label={key}>
                {value}
              </Field>
            ))}
          </Section>
          <Section title="Ownership">
            <Field label="Project">
              {instance.projectName ?? <code className="text-xs">{instance.projectId}</code>}
            </Field>
            <Field label="User ID">
              <code className="text-xs">{instance.userId}</code>
            </Field>
          </Section>
        </div>
      </div>
    </div>
  );
}
