"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useMemo } from "react";
import { TableError } from "@/components/data-table/table-states";
import { FormError } from "@/components/form/form-error";
import { TextField } from "@/components/form/text-field";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { formValues, validateForm } from "@/lib/field-errors";
import { useFormErrors } from "@/lib/use-form-errors";
import { type RouterOutputs, trpc } from "@/trpc/react";
import { NETWORK_QUOTA_FIELDS, networkQuotaSchema, usageHint } from "./network-quota-schema";

type NetworkQuota = RouterOutputs["admin"]["network"]["quotas"]["get"]["quota"];

interface NetworkQuotaFormProps {
  projectName: string;
  quota: NetworkQuota;
  saving: boolean;
  onSave: (limits: Partial<Record<keyof NetworkQuota, number>>, showError: (error: unknown) => void) => void;
}

/** Neutron's limits of one project as one form, each with what the project uses now; -1 is unlimited. */
function NetworkQuotaForm({ projectName, quota, saving, onSave }: NetworkQuotaFormProps) {
  const t = useTranslations("admin.quotas");
  const schema = useMemo(() => networkQuotaSchema(t), [t]);
  const errors = useFormErrors();
  const fields = NETWORK_QUOTA_FIELDS.filter((name) => quota[name] !== undefined);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateForm(schema, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    errors.reset();
    onSave(result.data, errors.showError);
  };
  if (fields.length === 0) {
    return <p className="text-fg-muted">{t("noNetworkQuotas")}</p>;
  }
  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={t("networkFormLabel", { project: projectName })}
      className="flex flex-col gap-4"
    >
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {fields.map((name) => {
          const q = quota[name];
          return (
            <TextField
              key={name}
              label={t(`fields.${name}`)}
              name={name}
              type="number"
              min={-1}
              defaultValue={q ? String(q.limit) : ""}
              error={errors.fields[name] ?? errors.fields[`limits.${name}`]}
              hint={q ? usageHint(t, q.used, q.limit) : undefined}
            />
          );
        })}
      </div>
      <FormError message={errors.formError} />
      <div>
        <Button type="submit" variant="primary" busy={saving}>
          {t("saveNetwork")}
        </Button>
      </div>
    </form>
  );
}

/** A project's network quotas (Neutron `/quotas/{project}`), with usage. */
export function NetworkQuotas({ projectId, projectName }: { projectId: string; projectName: string }) {
  const t = useTranslations("admin.quotas");
  const tCommon = useTranslations("common");
  const toast = useToast();
  const utils = trpc.useUtils();
  const quotas = trpc.admin.network.quotas.get.useQuery({ projectId });
  const save = trpc.admin.network.quotas.update.useMutation({
    onSuccess: () => {
      toast.show(t("networkSavedToast", { project: projectName }));
      void utils.admin.network.quotas.get.invalidate({ projectId });
    },
  });
  if (quotas.error && !quotas.data)
    return <TableError error={quotas.error} onRetry={() => void quotas.refetch()} />;
  if (!quotas.data) return <p className="text-sm text-fg-muted">{tCommon("loading")}</p>;
  return (
    <NetworkQuotaForm
      key={`${projectId}-${JSON.stringify(quotas.data.quota)}`}
      projectName={projectName}
      quota={quotas.data.quota}
      saving={save.isPending}
      onSave={(limits, showError) => save.mutate({ projectId, limits }, { onError: showError })}
    />
  );
}
