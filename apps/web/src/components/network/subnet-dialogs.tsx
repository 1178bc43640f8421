"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useMemo } from "react";
import { FormError } from "@/components/form/form-error";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { formValues, validateForm } from "@/lib/field-errors";
import { foldListPaths, subnetFormSchema } from "@/lib/network/network-form-schemas";
import { subnetCreate, subnetFromForm, subnetSet } from "@/lib/openstack-cli/network";
import { useFormErrors } from "@/lib/use-form-errors";
import { type RouterOutputs, trpc } from "@/trpc/react";
import { SubnetFields } from "./subnet-fields";

type Subnet = RouterOutputs["network"]["networks"]["get"]["subnets"][number];

/** Adds a subnet to a network; an overlap or bad pool comes back from the cloud on its field. */
export function SubnetCreateDialog({
  networkId,
  open,
  onClose,
}: {
  networkId: string;
  open: boolean;
  onClose: () => void;
}) {
  const t = useTranslations("network.subnetForm");
  const tCommon = useTranslations("common");
  const tValidation = useTranslations("network.validation");
  const schema = useMemo(() => subnetFormSchema(tValidation), [tValidation]);
  const utils = trpc.useUtils();
  const toast = useToast();
  const errors = useFormErrors();
  const create = trpc.network.subnets.create.useMutation({
    onSuccess: (subnet) => {
      void utils.network.networks.invalidate();
      toast.show(t("addedToast", { cidr: subnet.cidr }));
      errors.reset();
      onClose();
    },
    onError: errors.showError,
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateForm(schema, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    create.mutate({ networkId, ...result.data });
  };
  const cancel = () => {
    errors.reset();
    onClose();
  };
  return (
    <Dialog open={open} onClose={cancel} title={t("addTitle")} size="lg">
      {open ? (
        <form onSubmit={submit} noValidate className="flex flex-col gap-4">
          <SubnetFields prefix="" errors={foldListPaths(errors.fields)} />
          <FormError message={errors.formError} />
          <DialogActions cli={(v) => [subnetCreate(networkId, subnetFromForm(v))]}>
            <Button onClick={cancel}>{tCommon("cancel")}</Button>
            <Button type="submit" variant="primary" busy={create.isPending}>
              {t("add")}
            </Button>
          </DialogActions>
        </form>
      ) : null}
    </Dialog>
  );
}

/** Edits a subnet; its CIDR is fixed, everything else can change. */
export function SubnetEditDialog({ subnet, onClose }: { subnet: Subnet | null; onClose: () => void }) {
  const t = useTranslations("network.subnetForm");
  const tCommon = useTranslations("common");
  const tValidation = useTranslations("network.validation");
  const utils = trpc.useUtils();
  const toast = useToast();
  const errors = useFormErrors();
  const update = trpc.network.subnets.update.useMutation({
    onSuccess: (saved) => {
      void utils.network.networks.invalidate();
      toast.show(t("updatedToast", { cidr: saved.cidr }));
      errors.reset();
      onClose();
    },
    onError: errors.showError,
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!subnet) return;
    const result = validateForm(subnetFormSchema(tValidation, subnet.cidr), formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    const { cidr: _fixed, allocationPools, ...changes } = result.data;
    // Emptied pools mean "as they are": a subnet always has at least one.
    update.mutate({ id: subnet.id, ...changes, ...(allocationPools.length > 0 ? { allocationPools } : {}) });
  };
  const cancel = () => {
    errors.reset();
    onClose();
  };
  return (
    <Dialog
      open={subnet !== null}
      onClose={cancel}
      title={t("editTitle", { name: subnet?.name || subnet?.cidr || "" })}
      size="lg"
    >
      {subnet ? (
        <form onSubmit={submit} noValidate className="flex flex-col gap-4">
          <SubnetFields
            prefix=""
            errors={foldListPaths(errors.fields)}
            fixedCidr={subnet.cidr}
            defaults={subnet}
          />
          <FormError message={errors.formError} />
          <DialogActions
            cli={(v) => {
              const s = subnetFromForm(v);
              return subnetSet({
                subnetId: subnet?.id ?? "",
                name: s.name ?? "",
                gatewayIp: s.gatewayIp,
                noGateway: s.noGateway,
                enableDhcp: s.enableDhcp ?? true,
                dnsNameservers: s.dnsNameservers ?? [],
                allocationPools: s.allocationPools ?? [],
                hostRoutes: s.hostRoutes ?? [],
              });
            }}
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
