"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useMemo, useState } from "react";
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
import { MISSING } from "@/i18n/format";
import { formValues, validateForm } from "@/lib/field-errors";
import { useErrorMessage } from "@/lib/use-error-message";
import { useFormErrors } from "@/lib/use-form-errors";
import { type RouterOutputs, trpc } from "@/trpc/react";

type ComputeService = RouterOutputs["admin"]["computeServices"]["list"][number];

type ComputeServicesT = ReturnType<typeof useTranslations<"admin.computeServices">>;

/** The disable form's schema, its messages in the reader's language. */
const disableSchema = (t: ComputeServicesT) =>
  z.object({
    reason: z.string().trim().min(1, t("reasonRequired")).max(255, t("atMost255")),
  });

function DisableServiceDialog({ service, onClose }: { service: ComputeService | null; onClose: () => void }) {
  const t = useTranslations("admin.computeServices");
  const tCommon = useTranslations("common");
  const schema = useMemo(() => disableSchema(t), [t]);
  const toast = useToast();
  const utils = trpc.useUtils();
  const errors = useFormErrors();
  const disable = trpc.admin.computeServices.setEnabled.useMutation({
    onSuccess: () => {
      toast.show(t("disabledToast", { binary: service?.binary ?? "", host: service?.host ?? "" }));
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
    const result = validateForm(schema, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    disable.mutate({ id: service.id, enabled: false, reason: result.data.reason });
  };
  return (
    <Dialog
      open={service !== null}
      onClose={close}
      title={service ? t("disableTitle", { host: service.host }) : t("disableServiceTitle")}
    >
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        <p className="text-sm text-fg-muted">{t("disableIntro")}</p>
        <TextField
          label={t("reason")}
          name="reason"
          error={errors.fields.reason}
          autoFocus
          autoComplete="off"
        />
        <FormError message={errors.formError} />
        <DialogActions>
          <Button onClick={close}>{tCommon("cancel")}</Button>
          <Button type="submit" variant="danger" busy={disable.isPending}>
            {t("disableSubmit")}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** nova-compute services per host; disabling one takes its host out of scheduling. */
export function ComputeServicesView() {
  const errorMessageOf = useErrorMessage();
  const t = useTranslations("admin.computeServices");
  const tServices = useTranslations("admin.services");
  const toast = useToast();
  const utils = trpc.useUtils();
  const services = trpc.admin.computeServices.list.useQuery();
  const [disabling, setDisabling] = useState<ComputeService | null>(null);
  const enable = trpc.admin.computeServices.setEnabled.useMutation({
    onSuccess: () => {
      toast.show(t("enabledToast"));
      void utils.admin.invalidate();
    },
    onError: (error) => toast.show(errorMessageOf(error), "error"),
  });
  if (services.error && !services.data) {
    return <TableError error={services.error} onRetry={() => void services.refetch()} />;
  }
  if (!services.data) return <p className="text-sm text-fg-muted">{t("loading")}</p>;
  return (
    <>
      <div className="overflow-x-auto rounded-lg border border-border bg-surface">
        <table aria-label={t("tableLabel")} className="w-full text-left text-sm">
          <thead className="bg-surface-muted text-xs tracking-wide text-fg-muted uppercase">
            <tr>
              {[
                t("host"),
                t("binary"),
                t("zone"),
                t("status"),
                t("state"),
                t("disabledReason"),
                t("updated"),
                t("actions"),
              ].map((h) => (
                <th key={h} scope="col" className="px-3 py-2 font-semibold">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {services.data.map((s) => {
              const enabled = s.status === "enabled";
              return (
                <tr key={s.id} className="border-t border-border">
                  <td className="px-3 py-2.5 font-medium">{s.host}</td>
                  <td className="px-3 py-2.5">{s.binary}</td>
                  <td className="px-3 py-2.5">{s.zone ?? MISSING}</td>
                  <td className="px-3 py-2.5">
                    <ToneBadge tone={enabled ? "success" : "muted"}>
                      {tServices(enabled ? "enabled" : "disabled")}
                    </ToneBadge>
                  </td>
                  <td className="px-3 py-2.5">
                    <ToneBadge tone={s.state === "up" ? "success" : "danger"}>
                      {tServices(s.state === "up" ? "up" : "down")}
                    </ToneBadge>
                  </td>
                  <td className="px-3 py-2.5">
                    {s.disabledReason ?? <span className="text-fg-muted">—</span>}
                  </td>
                  <td className="px-3 py-2.5">{s.updatedAt ? <Age iso={s.updatedAt} ago /> : MISSING}</td>
                  <td className="px-3 py-2.5">
                    {enabled ? (
                      <Button
                        size="sm"
                        aria-label={t("disableHost", { host: s.host })}
                        onClick={() => setDisabling(s)}
                      >
                        {t("disable")}
                      </Button>
                    ) : (
                      <Button
                        size="sm"
                        aria-label={t("enableHost", { host: s.host })}
                        busy={enable.isPending && enable.variables?.id === s.id}
                        onClick={() => enable.mutate({ id: s.id, enabled: true })}
                      >
                        {t("enable")}
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
