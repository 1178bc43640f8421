"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { type FormEvent, useMemo, useState } from "react";
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
import { associateChoices, floatingIpFormSchemas, portLabel } from "./floating-ip-model";

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
  const t = useTranslations("network.floatingIpAssociate");
  const tCommon = useTranslations("common");
  const tValidation = useTranslations("network.validation");
  const schema = useMemo(() => floatingIpFormSchemas(tValidation).associate, [tValidation]);
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
      toast.show(
        fip.fixedIp
          ? t("associatedToast", { address: fip.address, fixedIp: fip.fixedIp })
          : t("associatedToastPort", { address: fip.address }),
      );
      errors.reset();
      onClose();
    },
    onError: errors.showError,
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!floatingIp) return;
    const result = validateForm(schema, {
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
      title={floatingIp ? t("title", { address: floatingIp.address }) : t("titleNone")}
      description={t("description")}
    >
      <form onSubmit={submit} noValidate className="grid gap-4">
        <SelectField
          label={t("instance")}
          name="instanceId"
          placeholder={targets.isLoading ? tCommon("loading") : t("chooseInstance")}
          value={instanceId}
          onChange={(e) => {
            setInstanceId(e.target.value);
            setPortId("");
            setFixedIp("");
          }}
          options={(targets.data ?? []).map((target) => ({ value: target.id, label: target.name }))}
          error={errors.fields.instanceId}
          hint={
            noInstances
              ? t.rich("noInstances", {
                  link: (chunks) => (
                    <Link href="/project/instances/launch" className="text-accent hover:underline">
                      {chunks}
                    </Link>
                  ),
                })
              : undefined
          }
          autoFocus
        />
        {choice.choosePort ? (
          <SelectField
            label={t("port")}
            name="portId"
            placeholder={t("choosePort")}
            value={portId}
            onChange={(e) => {
              setPortId(e.target.value);
              setFixedIp("");
            }}
            options={choice.ports.map((p) => ({ value: p.id, label: portLabel(t, p) }))}
            error={errors.fields.portId}
          />
        ) : choice.port ? (
          <p className="text-sm text-fg-muted">
            {t.rich("portLine", {
              port: portLabel(t, choice.port),
              mono: (chunks) => <span className="font-mono text-xs text-fg">{chunks}</span>,
            })}
            {errors.fields.portId ? <span className="block text-danger">{errors.fields.portId}</span> : null}
          </p>
        ) : null}
        {choice.chooseAddress ? (
          <SelectField
            label={t("address")}
            name="fixedIp"
            placeholder={t("chooseAddress")}
            value={fixedIp}
            onChange={(e) => setFixedIp(e.target.value)}
            options={choice.addresses.map((ip) => ({
              value: ip.address,
              label: ip.floatingIp
                ? t("addressNow", { address: ip.address, floatingIp: ip.floatingIp })
                : ip.address,
            }))}
            error={errors.fields.fixedIp}
          />
        ) : null}
        <FormError message={errors.formError ?? (targets.error ? t("instancesError") : null)} />
        <DialogActions
          cli={floatingIpAssociate({
            floatingIpId: floatingIp?.id ?? "",
            portId: choice.port?.id ?? "",
            fixedIp: choice.chooseAddress ? fixedIp : "",
          })}
        >
          <Button onClick={cancel}>{tCommon("cancel")}</Button>
          <Button type="submit" variant="primary" busy={associate.isPending} disabled={noInstances}>
            {t("associate")}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
