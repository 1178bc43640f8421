"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useMemo } from "react";
import { CheckboxField } from "@/components/form/checkbox-field";
import { FormError } from "@/components/form/form-error";
import { SelectField } from "@/components/form/select-field";
import { TextField } from "@/components/form/text-field";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { formValues, validateForm } from "@/lib/field-errors";
import { routerCreate } from "@/lib/openstack-cli/network";
import { useFormErrors } from "@/lib/use-form-errors";
import { trpc } from "@/trpc/react";
import { routerFormSchemas } from "./router-form-schemas";

/** Create a router in the current project, optionally with its gateway on an external network. */
export function RouterCreateDialog({
  open,
  isAdmin,
  onClose,
  onCreated,
}: {
  open: boolean;
  /** Cloud admins also choose SNAT. */
  isAdmin: boolean;
  onClose: () => void;
  onCreated?: (id: string) => void;
}) {
  const t = useTranslations("network.routerDialogs");
  const tCommon = useTranslations("common");
  const tValidation = useTranslations("network.validation");
  const schema = useMemo(() => routerFormSchemas(tValidation).createRouter, [tValidation]);
  const utils = trpc.useUtils();
  const toast = useToast();
  const errors = useFormErrors();
  const options = trpc.network.routers.options.useQuery({}, { enabled: open, staleTime: 30_000 });
  const externals = options.data?.externalNetworks ?? [];
  const create = trpc.network.routers.create.useMutation({
    onSuccess: (router) => {
      void utils.network.routers.invalidate();
      toast.show(t("createdToast", { name: router.name }));
      errors.reset();
      // onCreated navigates away (and closes); without it the dialog just closes.
      if (onCreated) onCreated(router.id);
      else onClose();
    },
    onError: errors.showError,
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    const result = validateForm(schema, values);
    if (!result.ok) return errors.showFieldErrors(result.fields);
    const snat = isAdmin && result.data.externalNetworkId ? { enableSnat: values.enableSnat === "on" } : {};
    create.mutate({ ...result.data, ...snat });
  };

  const cancel = () => {
    errors.reset();
    onClose();
  };

  return (
    <Dialog open={open} onClose={cancel} title={t("createTitle")} description={t("createDescription")}>
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        <TextField label={t("name")} name="name" autoComplete="off" error={errors.fields.name} autoFocus />
        <TextField
          label={t("description")}
          name="description"
          autoComplete="off"
          error={errors.fields.description}
        />
        <SelectField
          // Remounts when the networks arrive, so the only external network is chosen by default.
          key={externals.length === 1 ? externals[0]?.id : "choose"}
          label={t("externalNetwork")}
          name="externalNetworkId"
          placeholder={options.isLoading ? tCommon("loading") : t("noGateway")}
          options={externals.map((n) => ({ value: n.id, label: n.name || n.id }))}
          defaultValue={externals.length === 1 ? externals[0]?.id : ""}
          error={errors.fields.externalNetworkId}
          hint={options.error ? t("externalError") : t("externalHint")}
        />
        {isAdmin ? <CheckboxField label={t("snatCreate")} name="enableSnat" defaultChecked /> : null}
        <CheckboxField label={t("enabled")} name="adminStateUp" defaultChecked />
        <FormError message={errors.formError ?? errors.fields.enableSnat} />
        <DialogActions
          cli={(v) =>
            routerCreate({
              name: v.name ?? "",
              description: v.description,
              externalNetworkId: v.externalNetworkId,
              ...(isAdmin && v.externalNetworkId ? { enableSnat: v.enableSnat === "on" } : {}),
              adminStateUp: v.adminStateUp === "on",
            })
          }
        >
          <Button onClick={cancel}>{tCommon("cancel")}</Button>
          <Button type="submit" variant="primary" busy={create.isPending}>
            {t("create")}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
