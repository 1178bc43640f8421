"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useMemo, useState } from "react";
import { FormError } from "@/components/form/form-error";
import { SelectField } from "@/components/form/select-field";
import { TextField } from "@/components/form/text-field";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { formValues, validateForm } from "@/lib/field-errors";
import { routerAddSubnet } from "@/lib/openstack-cli/network";
import { useFormErrors } from "@/lib/use-form-errors";
import { trpc } from "@/trpc/react";
import { addInterfaceFormSchema } from "./router-form-schemas";

/** Attach the router to a subnet: at the subnet's gateway, or at a chosen address in it. */
export function RouterAddInterfaceDialog({
  routerId,
  open,
  onClose,
}: {
  routerId: string;
  open: boolean;
  onClose: () => void;
}) {
  const t = useTranslations("network.addInterface");
  const tCommon = useTranslations("common");
  const tValidation = useTranslations("network.validation");
  const utils = trpc.useUtils();
  const toast = useToast();
  const errors = useFormErrors();
  const [subnetId, setSubnetId] = useState("");
  const options = trpc.network.routers.options.useQuery({ routerId }, { enabled: open });
  const subnets = options.data?.subnets ?? [];
  const chosen = subnets.find((s) => s.id === subnetId);
  const schema = useMemo(() => addInterfaceFormSchema(tValidation, subnets), [tValidation, subnets]);
  const add = trpc.network.routers.addInterface.useMutation({
    onSuccess: () => {
      void utils.network.routers.invalidate();
      toast.show(t("addedToast"));
      close();
    },
    onError: errors.showError,
  });

  const close = () => {
    errors.reset();
    setSubnetId("");
    onClose();
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateForm(schema, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    add.mutate({ routerId, ...result.data });
  };

  let ipHint = t("ipHintOptional");
  if (chosen && !chosen.gatewayFree) {
    ipHint = chosen.gatewayIp
      ? t("ipHintTaken", { gateway: chosen.gatewayIp, cidr: chosen.cidr })
      : t("ipHintNoGateway", { cidr: chosen.cidr });
  } else if (chosen?.gatewayIp) {
    ipHint = t("ipHintGateway", { gateway: chosen.gatewayIp });
  }

  return (
    <Dialog open={open} onClose={close} title={t("title")}>
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        <SelectField
          label={t("subnet")}
          name="subnetId"
          value={subnetId}
          onChange={(e) => setSubnetId(e.target.value)}
          placeholder={options.isLoading ? tCommon("loading") : t("chooseSubnet")}
          options={subnets.map((s) => ({
            value: s.id,
            label: t(s.blockedReason ? "subnetOptionOverlaps" : "subnetOption", {
              network: s.networkName,
              name: s.name || s.id,
              cidr: s.cidr,
            }),
          }))}
          error={errors.fields.subnetId ?? (chosen?.blockedReason || undefined)}
          hint={subnets.length === 0 && !options.isLoading ? t("noSubnet") : undefined}
          autoFocus
        />
        <TextField
          label={t("ipAddress")}
          name="ipAddress"
          autoComplete="off"
          placeholder={chosen?.gatewayIp ?? ""}
          error={errors.fields.ipAddress}
          hint={ipHint}
        />
        <FormError message={errors.formError} />
        <DialogActions
          cli={(v) => routerAddSubnet({ routerId, subnetId: v.subnetId ?? "", ipAddress: v.ipAddress })}
        >
          <Button onClick={close}>{tCommon("cancel")}</Button>
          <Button type="submit" variant="primary" busy={add.isPending}>
            {t("add")}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
