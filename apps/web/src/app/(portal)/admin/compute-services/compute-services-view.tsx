"use client";

import { type FormEvent, useState } from "react";
import { z } from "zod";
import { Age } from "@/components/age";
import { TableError } from "@/components/data-table/table-states";
import { FormError } from "@/components/form/form-error";
import { TextField } from "@/components/form/text-field";
import { useToast } from "@/components/toast/toast-provider";
import { ToneBadge } from "@/components/tone-badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { humanize } from "@/lib/compute/instance-actions";
import { formValues, validateForm } from "@/lib/field-errors";
import { errorMessageOf } from "@/lib/trpc-errors";
import { useFormErrors } from "@/lib/use-form-errors";
import { type RouterOutputs, trpc } from "@/trpc/react";

type ComputeService = RouterOutputs["admin"]["computeServices"]["list"][number];

const DisableSchema = z.object({
  reason: z
    .string()
    .trim()
    .min(1, "Say why the service is disabled; other admins see it.")
    .max(255, "At most 255 characters."),
});

function DisableServiceDialog({ service, onClose }: { service: ComputeService | null; onClose: () => void }) {
  const toast = useToast();
  const utils = trpc.useUtils();
  const errors = useFormErrors();
  const disable = trpc.admin.computeServices.setEnabled.useMutation({
    onSuccess: () => {
      toast.show(`${service?.binary} on ${service?.host} disabled; no new instances go there.`);
      void utils.admin.invalidate();
      errors.reset();
      onClose();
    },
    onError: errors.showError,
  });
  const close = () => {
    errors.reset();
    onClose();
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!service) return;
    const result = validateForm(DisableSchema, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    disable.mutate({ id: service.id, enabled: false, reason: result.data.reason });
  };
  return (
    <Dialog
      open={service !== null}
      onClose={close}
      title={service ? `Disable ${service.host}` : "Disable service"}
    >
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        <p className="text-sm text-fg-muted">
          The scheduler stops placing new instances on this host. Instances already there keep running.
        </p>
        <TextField label="Reason" name="reason" error={errors.fields.reason} autoFocus autoComplete="off" />
        <FormError message={errors.formError} />
        <DialogActions>
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="danger" busy={disable.isPending}>
            Disable service
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** nova-compute services per host; disabling one takes its host out of scheduling. */
export function ComputeServicesView() {
  const toast = useToast();
  const utils = trpc.useUtils();
  const services = trpc.admin.computeServices.list.useQuery();
  const [disabling, setDisabling] = useState<ComputeService | null>(null);
  const enable = trpc.admin.computeServices.setEnabled.useMutation({
    onSuccess: () => {
      toast.show("Service enabled.");
      void utils.admin.invalidate();
    },
    onError: (error) => toast.show(errorMessageOf(error), "error"),
  });
  if (services.error && !services.data) {
    return <TableError error={services.error} onRetry={() => void services.refetch()} />;
  }
  if (!services.data) return <p className="text-sm text-fg-muted">Loading services…</p>;
  return (
    <>
      <div className="overflow-x-auto rounded-lg border border-border bg-surface">
        <table aria-label="Compute services" className="w-full text-left text-sm">
          <thead className="bg-surface-muted text-xs tracking-wide text-fg-muted uppercase">
            <tr>
              {["Host", "Binary", "Zone", "Status", "State", "Disabled reason", "Updated", "Actions"].map(
                (h) => (
                  <th key={h} scope="col" className="px-3 py-2 font-semibold">
                    {h}
                  </th>
                ),
              )}
            </tr>
          </thead>
          <tbody>
            {services.data.map((s) => {
              const enabled = s.status === "enabled";
              return (
                <tr key={s.id} className="border-t border-border">
                  <td className="px-3 py-2.5 font-medium">{s.host}</td>
                  <td className="px-3 py-2.5">{s.binary}</td>
                  <td className="px-3 py-2.5">{s.zone ?? "—"}</td>
                  <td className="px-3 py-2.5">
                    <ToneBadge tone={enabled ? "success" : "muted"}>{humanize(s.status)}</ToneBadge>
                  </td>
                  <td className="px-3 py-2.5">
                    <ToneBadge tone={s.state === "up" ? "success" : "danger"}>{humanize(s.state)}</ToneBadge>
                  </td>
                  <td className="px-3 py-2.5">
                    {s.disabledReason ?? <span className="text-fg-muted">—</span>}
                  </td>
                  <td className="px-3 py-2.5">
                    {s.updatedAt ? <Age iso={s.updatedAt} suffix=" ago" /> : "—"}
                  </td>
                  <td className="px-3 py-2.5">
                    {enabled ? (
                      <Button size="sm" aria-label={`Disable ${s.host}`} onClick={() => setDisabling(s)}>
                        Disable
                      </Button>
                    ) : (
                      <Button
                        size="sm"
                        aria-label={`Enable ${s.host}`}
                        busy={enable.isPending && enable.variables?.id === s.id}
                        onClick={() => enable.mutate({ id: s.id, enabled: true })}
                      >
                        Enable
                      </Button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <DisableServiceDialog
        key={disabling?.id ?? "none"}
        service={disabling}
        onClose={() => setDisabling(null)}
      />
    </>
  );
}
