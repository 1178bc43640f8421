"use client";

import { ArrowLeft, ShieldOff, Trash2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ActionButtons } from "@/components/action-buttons";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { TableEmpty, TableError } from "@/components/data-table/table-states";
import { EmptyState } from "@/components/empty-state";
import { InfoCard } from "@/components/info-card";
import { PageHeader } from "@/components/page-header";
import { useActionParam, useMenuActionRunner } from "@/components/palette/use-action-param";
import { RowAction } from "@/components/row-action";
import { useToast } from "@/components/toast/toast-provider";
import { ToneBadge } from "@/components/tone-badge";
import { trpcCodeOf } from "@/lib/trpc-errors";
import { useErrorMessage } from "@/lib/use-error-message";
import { type RouterOutputs, trpc } from "@/trpc/react";
import { SecurityGroupDeleteDialog } from "./security-group-delete-dialog";
import { SecurityGroupEditDialog } from "./security-group-edit-dialog";
import { type SecurityGroupMenuAction, securityGroupMenuItems } from "./security-group-menu-items";
import { SecurityGroupRuleDialog } from "./security-group-rule-dialog";
import { portRangeLabel, protocolLabel, type RuleLabelsT, remoteLabel } from "./security-group-rule-schema";

type Rule = RouterOutputs["network"]["securityGroups"]["get"]["rules"][number];
type DetailT = ReturnType<typeof useTranslations<"network.securityGroupDetail">>;

/** Ingress first, then egress; within each, by protocol and port, as people scan a firewall. */
function ordered(rules: readonly Rule[]): Rule[] {
  return [...rules].sort(
    (a, b) =>
      a.direction.localeCompare(b.direction) * -1 ||
      (a.protocol ?? "").localeCompare(b.protocol ?? "") ||
      (a.portRangeMin ?? -1) - (b.portRangeMin ?? -1) ||
      a.id.localeCompare(b.id),
  );
}

function describeRule(t: DetailT, labels: RuleLabelsT, rule: Rule): string {
  const parts = {
    protocol: protocolLabel(labels, rule.protocol),
    ports: portRangeLabel(labels, rule),
    remote: remoteLabel(labels, rule),
  };
  return rule.direction === "ingress" ? t("describeIngress", parts) : t("describeEgress", parts);
}

/** One security group: its rules (add from templates, delete), the instances using it, and its row's actions. */
export function SecurityGroupDetail({ id }: { id: string }) {
  const errorMessageOf = useErrorMessage();
  const t = useTranslations("network.securityGroupDetail");
  const labels = useTranslations("network.ruleLabels");
  const tGroups = useTranslations("network.securityGroups");
  const group = trpc.network.securityGroups.get.useQuery({ id });
  const [dialog, setDialog] = useState<SecurityGroupMenuAction | null>(null);
  const navigation = useRouter();
  const runItem = useMenuActionRunner();
  const menuOf = (g: { isDefault: boolean }) =>
    securityGroupMenuItems(tGroups, g, setDialog, { addRule: true });
  // `?action=<menu key>` (the command palette) opens that dialog, as the buttons would.
  useActionParam(group.data !== undefined, (action) => group.data && runItem(menuOf(group.data), action));
  const [deleting, setDeleting] = useState<Rule | null>(null);
  const utils = trpc.useUtils();
  const toast = useToast();
  const removeRule = trpc.network.securityGroups.deleteRule.useMutation({
    onSuccess: () => {
      void utils.network.securityGroups.invalidate();
      toast.show(t("ruleDeletedToast"));
      setDeleting(null);
    },
  });

  if (group.error && trpcCodeOf(group.error) === "NOT_FOUND") {
    return (
      <EmptyState icon={ArrowLeft} title={t("notFound")}>
        <Link href="/project/security-groups" className="text-accent hover:underline">
          {t("back")}
        </Link>
      </EmptyState>
    );
  }
  if (group.error && !group.data) {
    return <TableError error={group.error} onRetry={() => void group.refetch()} />;
  }
  const data = group.data;
  if (!data) return <p className="text-sm text-fg-muted">{t("loading")}</p>;
  const rules = ordered(data.rules);

  return (
    <>
      <nav className="mb-2 text-sm">
        <Link
          href="/project/security-groups"
          className="inline-flex items-center gap-1 text-accent hover:underline"
        >
          <ArrowLeft size={14} aria-hidden /> {t("breadcrumb")}
        </Link>
      </nav>
      <PageHeader
        title={data.name || data.id}
        description={data.description || t("defaultDescription")}
        actions={<ActionButtons items={menuOf(data)} primary="addRule" />}
      />
      <div className="grid gap-4 lg:grid-cols-[1fr_18rem]">
        <section aria-labelledby="rules-heading" className="rounded-lg border border-border bg-surface">
          <h2 id="rules-heading" className="px-3 pt-3 text-sm font-semibold">
            {t.rich("rulesHeading", {
              count: rules.length,
              muted: (chunks) => <span className="font-normal text-fg-muted">{chunks}</span>,
            })}
          </h2>
          <div className="overflow-x-auto">
            <table aria-label={t("rulesOf", { name: data.name })} className="mt-2 w-full text-left text-sm">
              <thead className="bg-surface-muted text-xs tracking-wide text-fg-muted uppercase">
                <tr>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    {t("direction")}
                  </th>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    {t("ethertype")}
                  </th>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    {t("protocol")}
                  </th>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    {t("ports")}
                  </th>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    {t("remote")}
                  </th>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    {t("description")}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-semibold">
                    {t("actions")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rules.length === 0 ? (
                  <tr>
                    <td colSpan={7}>
                      <TableEmpty title={t("noRules")} hint={t("noRulesHint")} />
                    </td>
                  </tr>
                ) : (
                  rules.map((rule) => (
                    <tr key={rule.id} className="border-t border-border hover:bg-surface-muted/60">
                      <td className="px-3 py-2.5">
                        <ToneBadge tone={rule.direction === "ingress" ? "success" : "muted"}>
                          {rule.direction === "ingress" ? t("ingress") : t("egress")}
                        </ToneBadge>
                      </td>
                      <td className="px-3 py-2.5">{rule.ethertype}</td>
                      <td className="px-3 py-2.5">{protocolLabel(labels, rule.protocol)}</td>
                      <td className="px-3 py-2.5 tabular-nums">{portRangeLabel(labels, rule)}</td>
                      <td className="px-3 py-2.5 font-mono text-xs">{remoteLabel(labels, rule)}</td>
                      <td className="px-3 py-2.5">
                        {rule.description || <span className="text-fg-muted">—</span>}
                      </td>
                      <td className="px-3 py-2 text-right">
                        <RowAction
                          icon={Trash2}
                          label={t("delete")}
                          subject={t("ruleSubject", { rule: describeRule(t, labels, rule) })}
                          danger
                          onClick={() => {
                            removeRule.reset();
                            setDeleting(rule);
                          }}
                        />
                      </td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
        </section>
        <InfoCard title={t("usedBy")}>
          {data.usedBy.length === 0 ? (
            <p className="flex items-center gap-2 text-fg-muted">
              <ShieldOff size={16} aria-hidden /> {t("unused")}
            </p>
          ) : (
            <ul className="grid gap-1">
              {data.usedBy.map((instance) => (
                <li key={instance.id}>
                  <Link href={`/project/instances/${instance.id}`} className="text-accent hover:underline">
                    {instance.name}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </InfoCard>
      </div>
      <SecurityGroupRuleDialog
        key={dialog === "addRule" ? "open" : "closed"}
        groupId={data.id}
        groupName={data.name}
        open={dialog === "addRule"}
        onClose={() => setDialog(null)}
      />
      <SecurityGroupEditDialog group={dialog === "edit" ? data : null} onClose={() => setDialog(null)} />
      <SecurityGroupDeleteDialog
        group={dialog === "delete" ? { ...data, instanceCount: data.usedBy.length } : null}
        onClose={() => setDialog(null)}
        onDeleted={() => navigation.push("/project/security-groups")}
      />
      <ConfirmDialog
        open={deleting !== null}
        title={t("deleteRuleTitle")}
        confirmLabel={t("deleteRuleTitle")}
        busy={removeRule.isPending}
        error={removeRule.error ? errorMessageOf(removeRule.error) : null}
        onCancel={() => setDeleting(null)}
        onConfirm={() => deleting && removeRule.mutate({ id: deleting.id })}
      >
        {deleting ? (
          <p>
            {t.rich("deleteRuleConfirm", {
              rule: describeRule(t, labels, deleting),
              group: data.name,
              strong: (chunks) => <strong>{chunks}</strong>,
            })}
          </p>
        ) : null}
      </ConfirmDialog>
    </>
  );
}
