"use client";

import Link from "next/link";
import { type FormEvent, useState } from "react";
import { FormError } from "@/components/form/form-error";
import { SelectField } from "@/components/form/select-field";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { validateForm } from "@/lib/field-errors";
import { floatingIpAssociate } from "@/lib/openstack-cli/network";
import { useFormErrors } from "@/lib/use-form-errors";
import { trpc } from "@/trpc/react";
import { AssociateFormSchema, associateChoices, portLabel } from "./floating-ip-model";

export interface AssociateSubject {
  id: string;
  address: string;
  /** The floating IP's project: admins associate within it. */
  projectId: string;
}

interface Props {
  floatingIp: AssociateSubject | null;
  /** Admin view: list the floating IP's project's instances, not the session's. */
  crossProject: boolean;
  onClose: () => void;
}

/** Pick the instance, then its port if it has several, then the address if the port has several. */
export function FloatingIpAssociateDialog({ floatingIp, crossProject, onClose }: Props) {
  const open = floatingIp !== null;
  const utils = trpc.useUtils();
  const toast = useToast();
  const errors = useFormErrors();
  const targets = trpc.network.floatingIps.targets.useQuery(
    crossProject && floatingIp ? { projectId: floatingIp.projectId } : {},
    { enabled: open },
  );
  const [instanceId, setInstanceId] = useState("");
  const [portId, setPortId] = useState("");
  const [fixedIp, setFixedIp] = useState("");
  const choice = associateChoices(targets.data ?? [], instanceId, portId);

  const associate = trpc.network.floatingIps.associate.useMutation({
    onSuccess: (fip) => {
      void utils.network.floatingIps.invalidate();
      toast.show(`Floating IP ${fip.address} now maps to ${fip.fixedIp ?? "the port"}.`);
      errors.reset();
      onClose();
    },
    onError: errors.showError,
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!floatingIp) return;
    const result = validateForm(AssociateFormSchema, {
      instanceId,
      portId: choice.port?.id ?? "",
      fixedIp: choice.chooseAddress ? fixedIp : "",
    });
    if (!result.ok) return errors.showFieldErrors(result.fields);
    associate.mutate({ id: floatingIp.id, portId: result.data.portId, fixedIp: result.data.fixedIp });
  };
  const cancel = () => {
    errors.reset();
    onClose();
  };
  const noInstances = targets.isSuccess && targets.data.length === 0;

  return (
    <Dialog
      open={open}
      onClose={cancel}
      title={`Associate ${floatingIp?.address ?? "floating IP"}`}
      description="Traffic to the floating IP reaches the instance's address on its network, through the network's router."
    >
      <form onSubmit={submit} noValidate className="grid gap-4">
        <SelectField
          label="Instance"
          name="instanceId"
          placeholder={targets.isLoading ? "Loading…" : "Choose an instance"}
          value={instanceId}
          onChange={(e) => {
            setInstanceId(e.target.value);
            setPortId("");
            setFixedIp("");
          }}
          options={(targets.data ?? []).map((t) => ({ value: t.id, label: t.name }))}
          error={errors.fields.instanceId}
          hint={
            noInstances ? (
              <>
                No instance has an IPv4 address yet.{" "}
                <Link href="/project/instances/launch" className="text-accent hover:underline">
                  Launch one
                </Link>{" "}
                first.
              </>
            ) : undefined
          }
          autoFocus
        />
        {choice.choosePort ? (
          <SelectField
            label="Port"
            name="portId"
            placeholder="Choose one of its ports"
            value={portId}
            onChange={(e) => {
              setPortId(e.target.value);
              setFixedIp("");
            }}
            options={choice.ports.map((p) => ({ value: p.id, label: portLabel(p) }))}
            error={errors.fields.portId}
          />
        ) : choice.port ? (
          <p className="text-sm text-fg-muted">
            Port: <span className="font-mono text-xs text-fg">{portLabel(choice.port)}</span>
            {errors.fields.portId ? <span className="block text-danger">{errors.fields.portId}</span> : null}
          </p>
        ) : null}
        {choice.chooseAddress ? (
          <SelectField
            label="Address"
            name="fixedIp"
            placeholder="Choose the address to map"
            value={fixedIp}
            onChange={(e) => setFixedIp(e.target.value)}
            options={choice.addresses.map((ip) => ({
              value: ip.address,
              label: ip.floatingIp ? `${ip.address} (now ${ip.floatingIp})` : ip.address,
            }))}
            error={errors.fields.fixedIp}
          />
        ) : null}
        <FormError
          message={
            errors.formError ?? (targets.error ? "The instances could not be loaded. Try again." : null)
          }
        />
        <DialogActions
          cli={floatingIpAssociate({
            floatingIpId: floatingIp?.id ?? "",
            portId: choice.port?.id ?? "",
            fixedIp: choice.chooseAddress ? fixedIp : "",
          })}
        >
          <Button onClick={cancel}>Cancel</Button>
          <Button type="submit" variant="primary" busy={associate.isPending} disabled={noInstances}>
            Associate
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
