"use client";

import { type FormEvent, useState } from "react";
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
  const utils = trpc.useUtils();
  const toast = useToast();
  const errors = useFormErrors();
  const [subnetId, setSubnetId] = useState("");
  const options = trpc.network.routers.options.useQuery({ routerId }, { enabled: open });
  const subnets = options.data?.subnets ?? [];
  const chosen = subnets.find((s) => s.id === subnetId);
  const add = trpc.network.routers.addInterface.useMutation({
    onSuccess: () => {
      void utils.network.routers.invalidate();
      toast.show("Interface added.");
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
    const result = validateForm(addInterfaceFormSchema(subnets), formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    add.mutate({ routerId, ...result.data });
  };

  let ipHint = "Optional. Leave empty to use the subnet's gateway address.";
  if (chosen && !chosen.gatewayFree) {
    ipHint = chosen.gatewayIp
      ? `Required: the gateway ${chosen.gatewayIp} is used by another router. Enter a free address in ${chosen.cidr}.`
      : `Required: the subnet has no gateway. Enter a free address in ${chosen.cidr}.`;
  } else if (chosen?.gatewayIp) {
    ipHint = `Optional. Leave empty to use the gateway ${chosen.gatewayIp}.`;
  }

  return (
    <Dialog open={open} onClose={close} title="Add interface">
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        <SelectField
          label="Subnet"
          name="subnetId"
          value={subnetId}
          onChange={(e) => setSubnetId(e.target.value)}
          placeholder={options.isLoading ? "Loading…" : "Choose a subnet"}
          options={subnets.map((s) => ({
            value: s.id,
            label: `${s.networkName}: ${s.name || s.id} (${s.cidr})${s.blockedReason ? " — overlaps" : ""}`,
          }))}
          error={errors.fields.subnetId ?? (chosen?.blockedReason || undefined)}
          hint={
            subnets.length === 0 && !options.isLoading
              ? "No subnet is free to attach: create a network with a subnet first."
              : undefined
          }
          autoFocus
        />
        <TextField
          label="IP address"
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
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="primary" busy={add.isPending}>
            Add interface
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
