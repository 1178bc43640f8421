"use client";

import { type FormEvent, useState } from "react";
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

const TYPE_OPTIONS = NETWORK_TYPES.map((t) => ({
  value: t,
  label: t === "vxlan" ? "VXLAN" : t[0]?.toUpperCase() + t.slice(1),
}));

/** Admin-only: provider attributes, sharing and the owning project. */
function ProviderFields({ errors }: { errors: Record<string, string> }) {
  const [type, setType] = useState("");
  const projects = trpc.identity.projects.list.useQuery(
    { page: 1, pageSize: 100, sort: "name", dir: "asc" },
    { staleTime: 60_000 },
  );
  return (
    <fieldset className="grid gap-4 rounded-md border border-border p-3 sm:grid-cols-2">
      <legend className="px-1 text-sm font-medium">Provider and sharing (administrators)</legend>
      <SelectField
        label="Owning project"
        name="projectId"
        placeholder="This project"
        options={(projects.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
        error={errors.projectId}
      />
      <SelectField
        label="Network type"
        name="provider.networkType"
        placeholder="Cloud default (tenant network)"
        options={TYPE_OPTIONS}
        value={type}
        onChange={(e) => setType(e.target.value)}
        error={errors["provider.networkType"]}
      />
      {type === "flat" ? (
        <TextField
          label="Physical network"
          name="provider.physicalNetwork"
          placeholder="public"
          error={errors["provider.physicalNetwork"]}
          hint="The physical network name the agents map to a bridge or interface."
          autoComplete="off"
        />
      ) : null}
      {type === "vxlan" ? (
        <TextField
          label="Segmentation id (VNI)"
          name="provider.segmentationId"
          inputMode="numeric"
          error={errors["provider.segmentationId"]}
          hint="Blank: the cloud picks a free one."
          autoComplete="off"
        />
      ) : null}
      <div className="flex flex-col gap-2 sm:col-span-2">
        <CheckboxField label="Shared with every project" name="shared" />
        <CheckboxField
          label="External (routers can use it as their gateway; floating IPs come from it)"
          name="external"
        />
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
  const utils = trpc.useUtils();
  const toast = useToast();
  const errors = useFormErrors();
  const [withSubnet, setWithSubnet] = useState(true);
  const create = trpc.network.networks.create.useMutation({
    onSuccess: ({ network, subnet }) => {
      void utils.network.networks.invalidate();
      toast.show(
        subnet
          ? `Network ${network.name} created with subnet ${subnet.cidr}.`
          : `Network ${network.name} created.`,
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
    const result = validateForm(networkFormSchema(admin), nestValues(formValues(event.currentTarget)));
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
      title={admin ? "Create network (admin)" : "Create network"}
      description="A network and, usually, a subnet with its address range; instances get addresses from the subnet."
      size="lg"
    >
      {open ? (
        <form onSubmit={submit} noValidate className="flex flex-col gap-4">
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField label="Network name" name="name" error={fields.name} autoComplete="off" autoFocus />
            <TextField label="Description" name="description" error={fields.description} autoComplete="off" />
            <CheckboxField label="Admin state up (carries traffic)" name="adminStateUp" defaultChecked />
          </div>
          {admin ? <ProviderFields errors={fields} /> : null}
          <fieldset className="flex flex-col gap-3 rounded-md border border-border p-3">
            <legend className="px-1 text-sm font-medium">Subnet</legend>
            <CheckboxField
              label="Create a subnet now"
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
            <Button onClick={cancel}>Cancel</Button>
            <Button type="submit" variant="primary" busy={create.isPending}>
              Create network
            </Button>
          </DialogActions>
        </form>
      ) : null}
    </Dialog>
  );
}
