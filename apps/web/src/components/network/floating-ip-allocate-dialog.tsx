"use client";

import type { FormEvent } from "react";
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
import { AllocateFormSchema } from "./floating-ip-model";

/** Allocates an address from an external network (a pool) to the current project. */
export function FloatingIpAllocateDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const utils = trpc.useUtils();
  const toast = useToast();
  const errors = useFormErrors();
  const pools = trpc.network.floatingIps.pools.useQuery(undefined, { enabled: open });
  const allocate = trpc.network.floatingIps.allocate.useMutation({
    onSuccess: (fip) => {
      void utils.network.floatingIps.list.invalidate();
      toast.show(`Floating IP ${fip.address} allocated.`);
      errors.reset();
      onClose();
    },
    onError: errors.showError,
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateForm(AllocateFormSchema, formValues(event.currentTarget));
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
    <Dialog
      open={open}
      onClose={cancel}
      title="Allocate floating IP"
      description="A public address from an external network, reserved for this project until you release it."
    >
      <form onSubmit={submit} noValidate className="grid gap-4">
        <SelectField
          key={only ?? "pools"}
          label="Pool"
          name="poolId"
          placeholder={pools.isLoading ? "Loading…" : "Choose an external network"}
          defaultValue={only ?? ""}
          options={options}
          error={errors.fields.poolId}
          hint={noPools ? "No external network exists. Ask an administrator to create one." : undefined}
          autoFocus
        />
        <TextField label="Description" name="description" error={errors.fields.description} />
        <FormError
          message={errors.formError ?? (pools.error ? "The pools could not be loaded. Try again." : null)}
        />
        <DialogActions
          cli={(v) => floatingIpCreate({ externalNetworkId: v.poolId ?? "", description: v.description })}
        >
          <Button onClick={cancel}>Cancel</Button>
          <Button type="submit" variant="primary" busy={allocate.isPending} disabled={noPools}>
            Allocate
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
