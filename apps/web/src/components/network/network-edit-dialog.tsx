"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useMemo } from "react";
import { CheckboxField } from "@/components/form/checkbox-field";
import { FormError } from "@/components/form/form-error";
import { TextField } from "@/components/form/text-field";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { formValues, validateForm } from "@/lib/field-errors";
import { editNetworkFormSchema } from "@/lib/network/network-form-schemas";
import { networkSet } from "@/lib/openstack-cli/network";
import { useFormErrors } from "@/lib/use-form-errors";
import { type RouterOutputs, trpc } from "@/trpc/react";

type Network = RouterOutputs["network"]["networks"]["list"]["items"][number];

/** Name, description and admin state; sharing only for cloud admins (the BFF refuses it to others). */
export function NetworkEditDialog({
  network,
  admin = false,
  onClose,
}: {
  network: Network | null;
  admin?: boolean;
  onClose: () => void;
}) {
  const t = useTranslations("network.networkForm");
  const tCommon = useTranslations("common");
  const tValidation = useTranslations("network.validation");
  const schema = useMemo(() => editNetworkFormSchema(tValidation), [tValidation]);
  const utils = trpc.useUtils();
  const toast = useToast();
  const errors = useFormErrors();
  const update = trpc.network.networks.update.useMutation({
    onSuccess: (saved) => {
      void utils.network.networks.invalidate();
      toast.show(t("updatedToast", { name: saved.name }));
      errors.reset();
      onClose();
    },
    onError: errors.showError,
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!network) return;
    const result = validateForm(schema, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    const { shared, ...rest } = result.data;
    update.mutate({ id: network.id, ...rest, ...(admin ? { shared } : {}) });
  };
  const cancel = () => {
    errors.reset();
    onClose();
  };

  return (
    <Dialog open={network !== null} onClose={cancel} title={t("editTitle", { name: network?.name ?? "" })}>
      {network ? (
        <form onSubmit={submit} noValidate className="flex flex-col gap-4">
          <TextField
            label={t("name")}
            name="name"
            defaultValue={network.name}
            error={errors.fields.name}
            autoFocus
          />
          <TextField
            label={t("description")}
            name="description"
            defaultValue={network.description}
            error={errors.fields.description}
          />
          <CheckboxField
            label={t("adminStateUp")}
            name="adminStateUp"
            defaultChecked={network.adminStateUp}
          />
          {admin ? <CheckboxField label={t("shared")} name="shared" defaultChecked={network.shared} /> : null}
          <FormError message={errors.formError} />
          <DialogActions
            cli={(v) =>
              networkSet({
                networkId: network?.id ?? "",
                name: v.name ?? "",
                description: v.description ?? "",
                adminStateUp: v.adminStateUp === "on",
                ...(admin ? { shared: v.shared === "on" } : {}),
              })
            }
          >
            <Button onClick={cancel}>{tCommon("cancel")}</Button>
            <Button type="submit" variant="primary" busy={update.isPending}>
              {t("save")}
            </Button>
          </DialogActions>
        </form>
      ) : null}
    </Dialog>
  );
}
