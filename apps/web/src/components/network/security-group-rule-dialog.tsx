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
import { type RuleSpec, securityGroupRuleCreate } from "@/lib/openstack-cli/network";
import { useFormErrors } from "@/lib/use-form-errors";
import { type RouterInputs, trpc } from "@/trpc/react";
import { ruleFormSchema } from "./security-group-rule-schema";

type RuleDialogT = ReturnType<typeof useTranslations<"network.ruleDialog">>;

const directions = (t: RuleDialogT) => [
  { value: "ingress", label: t("ingress") },
  { value: "egress", label: t("egress") },
];
// Ether types and protocol names read the same in every language.
const ETHERTYPES = [
  { value: "IPv4", label: "IPv4" }, // i18n-ignore: protocol name
  { value: "IPv6", label: "IPv6" }, // i18n-ignore: protocol name
];
const protocols = (t: RuleDialogT) => [
  { value: "any", label: t("anyProtocol") },
  { value: "tcp", label: "TCP" }, // i18n-ignore: protocol name
  { value: "udp", label: "UDP" }, // i18n-ignore: protocol name
  { value: "icmp", label: "ICMP" }, // i18n-ignore: protocol name
];
const remotes = (t: RuleDialogT) => [
  { value: "cidr", label: t("remoteCidrOption") },
  { value: "group", label: t("remoteGroupOption") },
];

/** The custom rule as typed, for "Show the CLI" (the schema checks it on submit). */
function customRule(v: Readonly<Record<string, string>>, protocol: string): RuleSpec {
  return {
    direction: v.direction === "egress" ? "egress" : "ingress",
    protocol: protocol === "tcp" || protocol === "udp" || protocol === "icmp" ? protocol : "any",
    portRangeMin: v.portRangeMin ?? null,
    portRangeMax: v.portRangeMax ?? null,
  };
}

type TemplateId = NonNullable<RouterInputs["network"]["securityGroups"]["addRule"]["template"]>;

interface Props {
  groupId: string;
  groupName: string;
  open: boolean;
  onClose: () => void;
}

/**
 * Add one rule, or a template's rules: the template list comes from the
 * BFF, which expands it, so what is offered is what gets created.
 */
export function SecurityGroupRuleDialog({ groupId, groupName, open, onClose }: Props) {
  const t = useTranslations("network.ruleDialog");
  const tCommon = useTranslations("common");
  const tValidation = useTranslations("network.validation");
  const schema = useMemo(() => ruleFormSchema(tValidation), [tValidation]);
  const options = useMemo(
    () => ({ directions: directions(t), protocols: protocols(t), remotes: remotes(t) }),
    [t],
  );
  const utils = trpc.useUtils();
  const toast = useToast();
  const errors = useFormErrors();
  const templates = trpc.network.securityGroups.ruleTemplates.useQuery(undefined, {
    enabled: open,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const groups = trpc.network.securityGroups.list.useQuery(
    { pageSize: 100, sort: "name", dir: "asc" },
    { enabled: open },
  );
  const [template, setTemplate] = useState("ssh");
  const [protocol, setProtocol] = useState("tcp");
  const [remoteKind, setRemoteKind] = useState("cidr");
  const [ethertype, setEthertype] = useState("IPv4");

  const chosen = templates.data?.find((tpl) => tpl.id === template);
  const custom = template === "custom";
  const groupOnly = chosen?.remote === "group";
  const remote = groupOnly ? "group" : remoteKind;

  const add = trpc.network.securityGroups.addRule.useMutation({
    onSuccess: (rules) => {
      void utils.network.securityGroups.invalidate();
      toast.show(t("addedToast", { count: rules.length, group: groupName }));
      errors.reset();
      onClose();
    },
    onError: errors.showError,
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = { ...formValues(event.currentTarget), remoteKind: remote };
    const result = validateForm(schema, values);
    if (!result.ok) return errors.showFieldErrors(result.fields);
    const { template: id, ...rule } = result.data;
    // Only ids the BFF just listed (or "custom") are sent.
    const isTemplateId = (v: string): v is TemplateId =>
      v === "custom" || (templates.data ?? []).some((tpl) => tpl.id === v);
    if (!isTemplateId(id)) return errors.showFieldErrors({ template: tValidation("chooseRule") });
    add.mutate({ securityGroupId: groupId, template: id, ...rule });
  };
  const cancel = () => {
    errors.reset();
    onClose();
  };

  const templateOptions = [
    ...(templates.data ?? []).map((tpl) => ({ value: tpl.id, label: `${tpl.label} — ${tpl.description}` })),
    { value: "custom", label: t("customRule") },
  ];
  const ports = custom && (protocol === "tcp" || protocol === "udp");
  const icmp = custom && protocol === "icmp";

  return (
    <Dialog
      open={open}
      onClose={cancel}
      title={t("title", { group: groupName })}
      description={t("description")}
      size="lg"
    >
      <form onSubmit={submit} noValidate className="grid gap-4 sm:grid-cols-2">
        <div className="sm:col-span-2">
          <SelectField
            label={t("rule")}
            name="template"
            value={template}
            onChange={(e) => setTemplate(e.target.value)}
            options={templateOptions}
            error={errors.fields.template}
            autoFocus
          />
        </div>
        {custom ? (
          <>
            <SelectField
              label={t("direction")}
              name="direction"
              options={options.directions}
              error={errors.fields.direction}
            />
            <SelectField
              label={t("protocol")}
              name="protocol"
              value={protocol}
              onChange={(e) => setProtocol(e.target.value)}
              options={options.protocols}
              error={errors.fields.protocol}
            />
          </>
        ) : null}
        {ports ? (
          <>
            <TextField
              label={t("fromPort")}
              name="portRangeMin"
              inputMode="numeric"
              placeholder={t("allPorts")}
              error={errors.fields.portRangeMin}
            />
            <TextField
              label={t("toPort")}
              name="portRangeMax"
              inputMode="numeric"
              hint={t("singlePortHint")}
              error={errors.fields.portRangeMax}
            />
          </>
        ) : null}
        {icmp ? (
          <>
            <TextField
              label={t("icmpType")}
              name="portRangeMin"
              inputMode="numeric"
              placeholder={t("allTypes")}
              error={errors.fields.portRangeMin}
            />
            <TextField
              label={t("icmpCode")}
              name="portRangeMax"
              inputMode="numeric"
              placeholder={t("allCodes")}
              error={errors.fields.portRangeMax}
            />
          </>
        ) : null}
        <SelectField
          label={t("ethertype")}
          name="ethertype"
          value={ethertype}
          onChange={(e) => setEthertype(e.target.value)}
          options={ETHERTYPES}
          error={errors.fields.ethertype}
        />
        <SelectField
          label={t("remote")}
          name="remoteKindChoice"
          value={remote}
          disabled={groupOnly}
          onChange={(e) => setRemoteKind(e.target.value)}
          options={options.remotes}
          hint={groupOnly ? t("groupOnlyHint") : undefined}
        />
        {remote === "cidr" ? (
          <TextField
            label={t("remoteCidr")}
            name="remoteCidr"
            autoComplete="off"
            placeholder={ethertype === "IPv6" ? "::/0" : "0.0.0.0/0"}
            hint={t("anywhereHint")}
            error={errors.fields.remoteCidr}
          />
        ) : (
          <SelectField
            label={t("remoteGroup")}
            name="remoteGroupId"
            placeholder={t("chooseGroup")}
            options={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name || g.id }))}
            hint={t("remoteGroupHint")}
            error={errors.fields.remoteGroupId}
          />
        )}
        <div className="sm:col-span-2">
          <TextField label={t("descriptionField")} name="description" error={errors.fields.description} />
        </div>
        <div className="sm:col-span-2">
          <FormError message={errors.formError ?? (templates.error ? t("templatesError") : null)} />
          <DialogActions
            cli={(v) =>
              securityGroupRuleCreate({
                groupId,
                ethertype: ethertype === "IPv6" ? "IPv6" : "IPv4",
                remote:
                  remote === "group"
                    ? { kind: "group", groupId: v.remoteGroupId ?? "" }
                    : { kind: "cidr", cidr: v.remoteCidr ?? "" },
                description: v.description,
                rules: custom ? [customRule(v, protocol)] : (chosen?.rules ?? []),
              })
            }
          >
            <Button onClick={cancel}>{tCommon("cancel")}</Button>
            <Button type="submit" variant="primary" busy={add.isPending}>
              {t("add")}
            </Button>
          </DialogActions>
        </div>
      </form>
    </Dialog>
  );
}
