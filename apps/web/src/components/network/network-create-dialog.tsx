"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useMemo, useState } from "react";
import { CheckboxField } from "@/components/form/checkbox-field";
import { FormError } from "@/components/form/form-error";
import { SelectField } from "@/components/form/select-field";
import { TextField } from "@/components/form/text-field";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { formValues, validateForm } from "@/lib/field-errors";
import {
  foldListPaths,
  NETWORK_TYPES,
  nestValues,
  networkFormSchema,
} from "@/lib/network/network-form-schemas";
import { networkCreate, subnetFromForm } from "@/lib/openstack-cli/network";
import { useFormErrors } from "@/lib/use-form-errors";
import { trpc } from "@/trpc/react";
import { SubnetFields } from "./subnet-fields";

const TYPE_KEYS = { flat: "typeFlat", vxlan: "typeVxlan", local: "typeLocal" } as const;

/** Admin-only: provider attributes, sharing and the owning project. */
function ProviderFields({ errors }: { errors: Record<string, string> }) {
  const t = useTranslations("network.networkForm");
  const typeOptions = NETWORK_TYPES.map((type) => ({ value: type, label: t(TYPE_KEYS[type]) }));
  const [type, setType] = useState("");
  const projects = trpc.identity.projects.list.useQuery(
    { page: 1, pageSize: 100, sort: "name", dir: "asc" },
    { staleTime: 60_000 },
  );
  return (
    <fieldset className="grid gap-4 rounded-md border border-border p-3 sm:grid-cols-2">
      <legend className="px-1 text-sm font-medium">{t("providerLegend")}</legend>
      <SelectField
        label={t("owningProject")}
        name="projectId"
        placeholder={t("thisProject")}
        options={(projects.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
        error={errors.projectId}
      />
      <SelectField
        label={t("networkType")}
        name="provider.networkType"
        placeholder={t("cloudDefault")}
        options={typeOptions}
        value={type}
        onChange={(e) => setType(e.target.value)}
        error={errors["provider.networkType"]}
      />
      {type === "flat" ? (
        <TextField
          label={t("physicalNetwork")}
          name="provider.physicalNetwork"
          // i18n-ignore: an example physical network name, typed as is
          placeholder="public"
          error={errors["provider.physicalNetwork"]}
          hint={t("physicalNetworkHint")}
          autoComplete="off"
        />
      ) : null}
      {type === "vxlan" ? (
        <TextField
          label={t("segmentationId")}
          name="provider.segmentationId"
          inputMode="numeric"
          error={errors["provider.segmentationId"]}
          hint={t("segmentationIdHint")}
          autoComplete="off"
        />
      ) : null}
      <div className="flex flex-col gap-2 sm:col-span-2">
        <CheckboxField label={t("shared")} name="shared" />
        <CheckboxField label={t("external")} name="external" />
      </div>
    </fieldset>
  );
}

interface NetworkCreateDialogProps {
  open: boolean;
  onClose: () => void;
  /** Admin → Networks: provider fields, sharing and owning project. */
  admin?: boolean;
  onCreated?: (network: { id: string; name: string }) => void;
}

/** One dialog for a network and its first subnet; a refused subnet leaves no network behind. */
export function NetworkCreateDialog({ open, onClose, admin = false, onCreated }: NetworkCreateDialogProps) {
  const t = useTranslations("network.networkForm");
  const tCommon = useTranslations("common");
  const tValidation = useTranslations("network.validation");
  const schema = useMemo(() => networkFormSchema(tValidation, admin), [tValidation, admin]);
  const utils = trpc.useUtils();
  const toast = useToast();
  const errors = useFormErrors();
  const [withSubnet, setWithSubnet] = useState(true);
  const create = trpc.network.networks.create.useMutation({
    onSuccess: ({ network, subnet }) => {
      void utils.network.networks.invalidate();
      toast.show(
        subnet
          ? t("createdWithSubnetToast", { name: network.name, cidr: subnet.cidr })
          : t("createdToast", { name: network.name }),
      );
      errors.reset();
      onCreated?.(network);
      onClose();
    },
    onError: errors.showError,
  });
  const fields = foldListPaths(errors.fields);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateForm(schema, nestValues(formValues(event.currentTarget)));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    create.mutate(result.data);
  };
  const cancel = () => {
    errors.reset();
    onClose();
  };

  return (
    <Dialog
      open={open}
      onClose={cancel}
      title={admin ? t("createAdminTitle") : t("createTitle")}
      description={t("createDescription")}
      size="lg"
    >
      {open ? (
        <form onSubmit={submit} noValidate className="flex flex-col gap-4">
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              label={t("networkName")}
              name="name"
              error={fields.name}
              autoComplete="off"
              autoFocus
            />
            <TextField
              label={t("description")}
              name="description"
              error={fields.description}
              autoComplete="off"
            />
            <CheckboxField label={t("adminStateUp")} name="adminStateUp" defaultChecked />
          </div>
          {admin ? <ProviderFields errors={fields} /> : null}
          <fieldset className="flex flex-col gap-3 rounded-md border border-border p-3">
            <legend className="px-1 text-sm font-medium">{t("subnetLegend")}</legend>
            <CheckboxField
              label={t("withSubnet")}
              name="withSubnet"
              checked={withSubnet}
              onChange={(e) => setWithSubnet(e.target.checked)}
            />
            {withSubnet ? <SubnetFields prefix="subnet." errors={fields} /> : null}
          </fieldset>
          <FormError message={errors.formError} />
          <DialogActions
            cli={(v) =>
              networkCreate({
                name: v.name ?? "",
                description: v.description,
                adminStateUp: v.adminStateUp === "on",
                ...(admin
                  ? {
                      shared: v.shared === "on",
                      external: v.external === "on",
                      projectId: v.projectId,
                      provider: {
                        networkType: v["provider.networkType"],
                        physicalNetwork: v["provider.physicalNetwork"],
                        segmentationId: v["provider.segmentationId"],
                      },
                    }
                  : {}),
                ...(withSubnet ? { subnet: subnetFromForm(v, "subnet.") } : {}),
              })
            }
          >
            <Button onClick={cancel}>{tCommon("cancel")}</Button>
            <Button type="submit" variant="primary" busy={create.isPending}>
              {t("create")}
            </Button>
          </DialogActions>
        </form>
      ) : null}
    </Dialog>
  );
}
