"use client";

import type { FormEvent } from "react";
import { CheckboxField } from "@/components/form/checkbox-field";
import { FormError } from "@/components/form/form-error";
import { TextField } from "@/components/form/text-field";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { formValues, validateForm } from "@/lib/field-errors";
import { EditNetworkFormSchema } from "@/lib/network/network-form-schemas";
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
  const utils = trpc.useUtils();
  const toast = useToast();
  const errors = useFormErrors();
  const update = trpc.network.networks.update.useMutation({
    onSuccess: (saved) => {
      void utils.network.networks.invalidate();
      toast.show(`Network ${saved.name} updated.`);
      errors.reset();
      onClose();
    },
    onError: errors.showError,
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!network) return;
    const result = validateForm(EditNetworkFormSchema, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    const { shared, ...rest } = result.data;
    update.mutate({ id: network.id, ...rest, ...(admin ? { shared } : {}) });
  };
  const cancel = () => {
    errors.reset();
    onClose();
  };

  return (
    <Dialog open={network !== null} onClose={cancel} title={`Edit network ${network?.name ?? ""}`}>
      {network ? (
        <form onSubmit={submit} noValidate className="flex flex-col gap-4">
          <TextField
            label="Name"
            name="name"
            defaultValue={network.name}
            error={errors.fields.name}
            autoFocus
          />
          <TextField
            label="Description"
            name="description"
            defaultValue={network.description}
            error={errors.fields.description}
          />
          <CheckboxField
            label="Admin state up (carries traffic)"
            name="adminStateUp"
            defaultChecked={network.adminStateUp}
          />
          {admin ? (
            <CheckboxField label="Shared with every project" name="shared" defaultChecked={network.shared} />
          ) : null}
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
            <Button onClick={cancel}>Cancel</Button>
            <Button type="submit" variant="primary" busy={update.isPending}>
              Save changes
            </Button>
          </DialogActions>
        </form>
      ) : null}
    </Dialog>
  );
}
