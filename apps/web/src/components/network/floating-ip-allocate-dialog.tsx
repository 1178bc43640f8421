"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useMemo } from "react";
import { FormError } from "@/components/form/form-error";
import { SelectField } from "@/components/form/select-field";
import { TextField } from "@/components/form/text-field";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { formValues, validateForm } from "@/lib/field-errors";
import { floatingIpCreate } from "@/lib/openstack-cli/network";
import { useFormErrors } from "@/lib/use-form-errors";
import { trpc } from "@/trpc/react";
import { floatingIpFormSchemas } from "./floating-ip-model";

/** Allocates an address from an external network (a pool) to the current project. */
export function FloatingIpAllocateDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useTranslations("network.floatingIpAllocate");
  const tCommon = useTranslations("common");
  const tValidation = useTranslations("network.validation");
  const schema = useMemo(() => floatingIpFormSchemas(tValidation).allocate, [tValidation]);
  const utils = trpc.useUtils();
  const toast = useToast();
  const errors = useFormErrors();
  const pools = trpc.network.floatingIps.pools.useQuery(undefined, { enabled: open });
  const allocate = trpc.network.floatingIps.allocate.useMutation({
    onSuccess: (fip) => {
      void utils.network.floatingIps.list.invalidate();
      toast.show(t("allocatedToast", { address: fip.address }));
      errors.reset();
      onClose();
    },
    onError: errors.showError,
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateForm(schema, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    allocate.mutate(result.data);
  };
  const cancel = () => {
    errors.reset();
    onClose();
  };
  const options = (pools.data ?? []).map((p) => ({
    value: p.id,
    label: p.cidrs.length > 0 ? `${p.name} (${p.cidrs.join(", ")})` : p.name,
  }));
  const only = options.length === 1 ? options[0]?.value : undefined;
  const noPools = pools.isSuccess && options.length === 0;

  return (
    <Dialog open={open} onClose={cancel} title={t("title")} description={t("description")}>
      <form onSubmit={submit} noValidate className="grid gap-4">
        <SelectField
          key={only ?? "pools"}
          label={t("pool")}
          name="poolId"
          placeholder={pools.isLoading ? tCommon("loading") : t("chooseExternal")}
          defaultValue={only ?? ""}
          options={options}
          error={errors.fields.poolId}
          hint={noPools ? t("noPools") : undefined}
          autoFocus
        />
        <TextField label={t("descriptionField")} name="description" error={errors.fields.description} />
        <FormError message={errors.formError ?? (pools.error ? t("poolsError") : null)} />
        <DialogActions
          cli={(v) => floatingIpCreate({ externalNetworkId: v.poolId ?? "", description: v.description })}
        >
          <Button onClick={cancel}>{tCommon("cancel")}</Button>
          <Button type="submit" variant="primary" busy={allocate.isPending} disabled={noPools}>
            {t("allocate")}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
