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
import { type RuleSpec, securityGroupRuleCreate } from "@/lib/openstack-cli/network";
import { useFormErrors } from "@/lib/use-form-errors";
import { type RouterInputs, trpc } from "@/trpc/react";
import { RuleFormSchema } from "./security-group-rule-schema";

const DIRECTIONS = [
  { value: "ingress", label: "Ingress (incoming)" },
  { value: "egress", label: "Egress (outgoing)" },
];
const ETHERTYPES = [
  { value: "IPv4", label: "IPv4" },
  { value: "IPv6", label: "IPv6" },
];
const PROTOCOLS = [
  { value: "any", label: "Any protocol" },
  { value: "tcp", label: "TCP" },
  { value: "udp", label: "UDP" },
  { value: "icmp", label: "ICMP" },
];
const REMOTES = [
  { value: "cidr", label: "Address range (CIDR)" },
  { value: "group", label: "Security group" },
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

  const chosen = templates.data?.find((t) => t.id === template);
  const custom = template === "custom";
  const groupOnly = chosen?.remote === "group";
  const remote = groupOnly ? "group" : remoteKind;

  const add = trpc.network.securityGroups.addRule.useMutation({
    onSuccess: (rules) => {
      void utils.network.securityGroups.invalidate();
      toast.show(`${rules.length === 1 ? "Rule" : `${rules.length} rules`} added to ${groupName}.`);
      errors.reset();
      onClose();
    },
    onError: errors.showError,
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = { ...formValues(event.currentTarget), remoteKind: remote };
    const result = validateForm(RuleFormSchema, values);
    if (!result.ok) return errors.showFieldErrors(result.fields);
    const { template: id, ...rule } = result.data;
    // Only ids the BFF just listed (or "custom") are sent.
    const isTemplateId = (v: string): v is TemplateId =>
      v === "custom" || (templates.data ?? []).some((t) => t.id === v);
    if (!isTemplateId(id)) return errors.showFieldErrors({ template: "Choose a rule from the list." });
    add.mutate({ securityGroupId: groupId, template: id, ...rule });
  };
  const cancel = () => {
    errors.reset();
    onClose();
  };

  const templateOptions = [
    ...(templates.data ?? []).map((t) => ({ value: t.id, label: `${t.label} — ${t.description}` })),
    { value: "custom", label: "Custom rule" },
  ];
  const ports = custom && (protocol === "tcp" || protocol === "udp");
  const icmp = custom && protocol === "icmp";

  return (
    <Dialog
      open={open}
      onClose={cancel}
      title={`Add rule to ${groupName}`}
      description="Rules allow traffic; anything no rule allows is dropped."
      size="lg"
    >
      <form onSubmit={submit} noValidate className="grid gap-4 sm:grid-cols-2">
        <div className="sm:col-span-2">
          <SelectField
            label="Rule"
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
              label="Direction"
              name="direction"
              options={DIRECTIONS}
              error={errors.fields.direction}
            />
            <SelectField
              label="Protocol"
              name="protocol"
              value={protocol}
              onChange={(e) => setProtocol(e.target.value)}
              options={PROTOCOLS}
              error={errors.fields.protocol}
            />
          </>
        ) : null}
        {ports ? (
          <>
            <TextField
              label="From port"
              name="portRangeMin"
              inputMode="numeric"
              placeholder="All ports"
              error={errors.fields.portRangeMin}
            />
            <TextField
              label="To port"
              name="portRangeMax"
              inputMode="numeric"
              hint="Leave empty for a single port."
              error={errors.fields.portRangeMax}
            />
          </>
        ) : null}
        {icmp ? (
          <>
            <TextField
              label="ICMP type"
              name="portRangeMin"
              inputMode="numeric"
              placeholder="All types"
              error={errors.fields.portRangeMin}
            />
            <TextField
              label="ICMP code"
              name="portRangeMax"
              inputMode="numeric"
              placeholder="All codes"
              error={errors.fields.portRangeMax}
            />
          </>
        ) : null}
        <SelectField
          label="Ether type"
          name="ethertype"
          value={ethertype}
          onChange={(e) => setEthertype(e.target.value)}
          options={ETHERTYPES}
          error={errors.fields.ethertype}
        />
        <SelectField
          label="Remote"
          name="remoteKindChoice"
          value={remote}
          disabled={groupOnly}
          onChange={(e) => setRemoteKind(e.target.value)}
          options={REMOTES}
          hint={groupOnly ? "This template allows members of a group." : undefined}
        />
        {remote === "cidr" ? (
          <TextField
            label="Remote CIDR"
            name="remoteCidr"
            autoComplete="off"
            placeholder={ethertype === "IPv6" ? "::/0" : "0.0.0.0/0"}
            hint="Empty means from anywhere."
            error={errors.fields.remoteCidr}
          />
        ) : (
          <SelectField
            label="Remote security group"
            name="remoteGroupId"
            placeholder="Choose a group"
            options={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name || g.id }))}
            hint="Traffic from instances in this group is allowed."
            error={errors.fields.remoteGroupId}
          />
        )}
        <div className="sm:col-span-2">
          <TextField label="Description" name="description" error={errors.fields.description} />
        </div>
        <div className="sm:col-span-2">
          <FormError
            message={errors.formError ?? (templates.error ? "The rule templates could not be loaded." : null)}
          />
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
            <Button onClick={cancel}>Cancel</Button>
            <Button type="submit" variant="primary" busy={add.isPending}>
              Add rule
            </Button>
          </DialogActions>
        </div>
      </form>
    </Dialog>
  );
}
