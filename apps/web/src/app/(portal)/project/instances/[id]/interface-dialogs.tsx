"use client";

import { useTranslations } from "next-intl";
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
  serverAddFloatingIp,
  serverAddInterface,
  serverSetSecurityGroups,
} from "@/lib/openstack-cli/compute";
import { useErrorMessage } from "@/lib/use-error-message";
import { useFormErrors } from "@/lib/use-form-errors";
import { type RouterOutputs, trpc } from "@/trpc/react";
import { attachSchema, floatingSchema, ipv4Of } from "./interface-forms";

type Interface = RouterOutputs["compute"]["instances"]["interfaces"]["interfaces"][number];

/** Re-reads what the actions change: the tab, the instance (its addresses) and the dialogs' choices. */
export function useInterfacesRefresh(id: string) {
  const utils = trpc.useUtils();
  return () => {
    void utils.compute.instances.interfaces.invalidate({ id });
    void utils.compute.instances.interfaceOptions.invalidate({ id });
    void utils.compute.instances.get.invalidate({ id });
    void utils.compute.instances.list.invalidate();
  };
}

function Choice({
  name,
  value,
  checked,
  onChange,
  label,
}: {
  name: string;
  value: string;
  checked: boolean;
  onChange: (value: string) => void;
  label: string;
}) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <input
        type="radio"
        name={name}
        value={value}
        checked={checked}
        onChange={() => onChange(value)}
        className="size-4 accent-[var(--accent)]"
      />
      {label}
    </label>
  );
}

export function AttachInterfaceDialog({
  id,
  open,
  onClose,
}: {
  id: string;
  open: boolean;
  onClose: () => void;
}) {
  const t = useTranslations("compute.interfaces");
  const tCommon = useTranslations("common");
  const tValidation = useTranslations("compute.interfaces.validation");
  const toast = useToast();
  const errors = useFormErrors();
  const messageOf = useErrorMessage();
  const refresh = useInterfacesRefresh(id);
  const [target, setTarget] = useState<"network" | "port">("network");
  const options = trpc.compute.instances.interfaceOptions.useQuery({ id }, { enabled: open });
  const attach = trpc.compute.instances.attachInterface.useMutation({
    onSuccess: () => {
      toast.show(t("attachedToast"));
      refresh();
      close();
    },
    onError: errors.showError,
  });
  const networks = options.data?.networks ?? [];
  const ports = options.data?.ports ?? [];
  const close = () => {
    errors.reset();
    setTarget("network");
    onClose();
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const schema = attachSchema(
      (networkId) => networks.find((n) => n.id === networkId)?.subnets ?? [],
      tValidation,
    );
    const result = validateForm(schema, { ...formValues(event.currentTarget), target });
    if (!result.ok) return errors.showFieldErrors(result.fields);
    attach.mutate({ id, ...result.data });
  };
  return (
    <Dialog open={open} onClose={close} title={t("attachInterface")} description={t("attachDescription")}>
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        <fieldset className="flex gap-4">
          <legend className="sr-only">{t("attachLegend")}</legend>
          <Choice
            name="target"
            value="network"
            checked={target === "network"}
            onChange={() => setTarget("network")}
            label={t("aNetwork")}
          />
          <Choice
            name="target"
            value="port"
            checked={target === "port"}
            onChange={() => setTarget("port")}
            label={t("anExistingPort")}
          />
        </fieldset>
        {options.error ? <FormError message={messageOf(options.error)} /> : null}
        {target === "network" ? (
          <>
            <SelectField
              label={t("network")}
              name="networkId"
              placeholder={options.isLoading ? t("loadingNetworks") : t("chooseNetwork")}
              options={networks.map((n) => ({
                value: n.id,
                label: t("networkOption", {
                  name: n.name,
                  cidrs: n.subnets.map((s) => s.cidr).join(", ") || t("noSubnet"),
                }),
              }))}
              error={errors.fields.networkId}
              autoFocus
            />
            <TextField
              label={t("fixedIpOptional")}
              name="fixedIp"
              error={errors.fields.fixedIp}
              hint={t("fixedIpHint")}
              autoComplete="off"
            />
          </>
        ) : (
          <SelectField
            label={t("port")}
            name="portId"
            placeholder={ports.length === 0 ? t("noFreePort") : t("choosePort")}
            options={ports.map((p) => ({
              value: p.id,
              label: t("portOption", {
                name: p.name || p.id.slice(0, 8),
                network: p.networkName,
                addresses: p.fixedIps.join(", ") || t("noAddress"),
              }),
            }))}
            error={errors.fields.portId}
            autoFocus
          />
        )}
        <FormError message={errors.formError} />
        <DialogActions
          cli={(v) =>
            target === "port"
              ? serverAddInterface({ serverId: id, kind: "port", portId: v.portId ?? "" })
              : serverAddInterface({
                  serverId: id,
                  kind: "network",
                  networkId: v.networkId ?? "",
                  fixedIp: v.fixedIp,
                })
          }
        >
          <Button onClick={close}>{tCommon("cancel")}</Button>
          <Button type="submit" variant="primary" busy={attach.isPending}>
            {t("attach")}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

export function AddFloatingIpDialog({
  id,
  port,
  onClose,
}: {
  id: string;
  port: Interface | null;
  onClose: () => void;
}) {
  const t = useTranslations("compute.interfaces");
  const tCommon = useTranslations("common");
  const tValidation = useTranslations("compute.interfaces.validation");
  const toast = useToast();
  const errors = useFormErrors();
  const messageOf = useErrorMessage();
  const refresh = useInterfacesRefresh(id);
  const options = trpc.compute.instances.interfaceOptions.useQuery({ id }, { enabled: port !== null });
  const free = options.data?.freeFloatingIps ?? [];
  const pools = options.data?.pools ?? [];
  const [source, setSource] = useState<"existing" | "allocate" | null>(null);
  // Allocate by default when the project has no free address to reuse.
  const chosen = source ?? (free.length > 0 ? "existing" : "allocate");
  const add = trpc.compute.instances.addFloatingIp.useMutation({
    onSuccess: ({ floatingIp }) => {
      toast.show(t("associatedToast", { address: floatingIp.address }));
      refresh();
      close();
    },
    onError: errors.showError,
  });
  const close = () => {
    errors.reset();
    setSource(null);
    onClose();
  };
  const fixedIps = port ? ipv4Of(port.fixedIps) : [];
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!port) return;
    const result = validateForm(floatingSchema(tValidation), {
      ...formValues(event.currentTarget),
      source: chosen,
    });
    if (!result.ok) return errors.showFieldErrors(result.fields);
    add.mutate({ id, portId: port.portId, ...result.data });
  };
  return (
    <Dialog
      open={port !== null}
      onClose={close}
      title={t("addFloating")}
      description={
        port
          ? t("addFloatingDescription", { network: port.networkName, address: fixedIps[0] ?? "" })
          : undefined
      }
    >
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        <fieldset className="flex gap-4">
          <legend className="sr-only">{t("floatingSource")}</legend>
          <Choice
            name="source"
            value="existing"
            checked={chosen === "existing"}
            onChange={() => setSource("existing")}
            label={t("freeOne", { count: free.length })}
          />
          <Choice
            name="source"
            value="allocate"
            checked={chosen === "allocate"}
            onChange={() => setSource("allocate")}
            label={t("allocateNew")}
          />
        </fieldset>
        {options.error ? <FormError message={messageOf(options.error)} /> : null}
        {chosen === "existing" ? (
          <SelectField
            label={t("floatingIp")}
            name="floatingIpId"
            placeholder={free.length === 0 ? t("noFreeFloating") : t("chooseFloating")}
            options={free.map((f) => ({
              value: f.id,
              label: t("floatingOption", {
                address: f.address,
                pool: pools.find((p) => p.id === f.networkId)?.name ?? f.networkId,
              }),
            }))}
            error={errors.fields.floatingIpId}
          />
        ) : (
          <SelectField
            label={t("pool")}
            name="poolNetworkId"
            defaultValue={pools.length === 1 ? pools[0]?.id : undefined}
            placeholder={pools.length === 0 ? t("noExternalNetwork") : t("choosePool")}
            options={pools.map((p) => ({ value: p.id, label: p.name }))}
            error={errors.fields.poolNetworkId}
          />
        )}
        {fixedIps.length > 1 ? (
          <SelectField
            label={t("fixedIpOfPort")}
            name="fixedIp"
            options={fixedIps.map((a) => ({ value: a, label: a }))}
            error={errors.fields.fixedIp}
          />
        ) : null}
        <FormError message={errors.formError} />
        <DialogActions
          cli={(v) =>
            serverAddFloatingIp(
              chosen === "existing"
                ? {
                    source: "existing",
                    portId: port?.portId ?? "",
                    fixedIp: v.fixedIp,
                    floatingIpId: v.floatingIpId ?? "",
                  }
                : {
                    source: "allocate",
                    portId: port?.portId ?? "",
                    fixedIp: v.fixedIp,
                    poolNetworkId: v.poolNetworkId ?? "",
                  },
            )
          }
        >
          <Button onClick={close}>{tCommon("cancel")}</Button>
          <Button type="submit" variant="primary" busy={add.isPending}>
            {t("associate")}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

export function EditSecurityGroupsDialog({
  id,
  current,
  open,
  onClose,
}: {
  id: string;
  current: readonly string[];
  open: boolean;
  onClose: () => void;
}) {
  const t = useTranslations("compute.interfaces");
  const tCommon = useTranslations("common");
  const toast = useToast();
  const errors = useFormErrors();
  const messageOf = useErrorMessage();
  const refresh = useInterfacesRefresh(id);
  const options = trpc.compute.instances.interfaceOptions.useQuery({ id }, { enabled: open });
  const groups = options.data?.securityGroups ?? [];
  const set = trpc.compute.instances.setSecurityGroups.useMutation({
    onSuccess: () => {
      toast.show(t("groupsUpdatedToast"));
      refresh();
      close();
    },
    onError: errors.showError,
  });
  const close = () => {
    errors.reset();
    onClose();
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const ids = new FormData(event.currentTarget).getAll("securityGroupIds").map(String);
    set.mutate({ id, securityGroupIds: ids });
  };
  return (
    <Dialog open={open} onClose={close} title={t("editSecurityGroups")} description={t("groupsDescription")}>
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        <fieldset className="flex flex-col gap-1.5">
          <legend className="mb-1 text-sm font-medium">{t("securityGroups")}</legend>
          {options.isLoading ? <p className="text-sm text-fg-muted">{t("loadingGroups")}</p> : null}
          {options.error ? <FormError message={messageOf(options.error)} /> : null}
          {groups.map((g) => (
            <CheckboxField
              key={g.id}
              name="securityGroupIds"
              value={g.id}
              label={g.description ? t("groupOption", { name: g.name, description: g.description }) : g.name}
              defaultChecked={current.includes(g.id)}
            />
          ))}
        </fieldset>
        <FormError message={errors.formError ?? errors.fields.securityGroupIds} />
        <DialogActions
          cli={(_v, data) =>
            serverSetSecurityGroups({
              serverId: id,
              current,
              chosen: data.getAll("securityGroupIds").map(String),
            })
          }
        >
          <Button onClick={close}>{tCommon("cancel")}</Button>
          <Button type="submit" variant="primary" busy={set.isPending} disabled={options.isLoading}>
            {tCommon("save")}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
