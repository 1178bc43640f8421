"use client";

import { ArrowLeft, Plus, ShieldOff, Trash2 } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { TableEmpty, TableError } from "@/components/data-table/table-states";
import { EmptyState } from "@/components/empty-state";
import { InfoCard } from "@/components/info-card";
import { PageHeader } from "@/components/page-header";
import { RowAction } from "@/components/row-action";
import { useToast } from "@/components/toast/toast-provider";
import { ToneBadge } from "@/components/tone-badge";
import { Button } from "@/components/ui/button";
import { errorMessageOf, trpcCodeOf } from "@/lib/trpc-errors";
import { type RouterOutputs, trpc } from "@/trpc/react";
import { SecurityGroupRuleDialog } from "./security-group-rule-dialog";
import { portRangeLabel, protocolLabel, remoteLabel } from "./security-group-rule-schema";

type Rule = RouterOutputs["network"]["securityGroups"]["get"]["rules"][number];

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

function describeRule(rule: Rule): string {
  const dir = rule.direction === "ingress" ? "incoming" : "outgoing";
  return `${dir} ${protocolLabel(rule.protocol)} ${portRangeLabel(rule)} ${rule.direction === "ingress" ? "from" : "to"} ${remoteLabel(rule)}`;
}

/** One security group: its rules (add from templates, delete) and the instances using it. */
export function SecurityGroupDetail({ id }: { id: string }) {
  const group = trpc.network.securityGroups.get.useQuery({ id });
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState<Rule | null>(null);
  const utils = trpc.useUtils();
  const toast = useToast();
  const removeRule = trpc.network.securityGroups.deleteRule.useMutation({
    onSuccess: () => {
      void utils.network.securityGroups.invalidate();
      toast.show("Rule deleted.");
      setDeleting(null);
    },
  });

  if (group.error && trpcCodeOf(group.error) === "NOT_FOUND") {
    return (
      <EmptyState icon={ArrowLeft} title="This security group no longer exists">
        <Link href="/project/security-groups" className="text-accent hover:underline">
          Back to security groups
        </Link>
      </EmptyState>
    );
  }
  if (group.error && !group.data) {
    return <TableError error={group.error} onRetry={() => void group.refetch()} />;
  }
  const data = group.data;
  if (!data) return <p className="text-sm text-fg-muted">Loading the security group…</p>;
  const rules = ordered(data.rules);

  return (
    <>
      <nav className="mb-2 text-sm">
        <Link
          href="/project/security-groups"
          className="inline-flex items-center gap-1 text-accent hover:underline"
        >
          <ArrowLeft size={14} aria-hidden /> Security groups
        </Link>
      </nav>
      <PageHeader
        title={data.name || data.id}
        description={data.description || "Rules allow traffic to and from the instances in this group."}
        actions={
          <Button variant="primary" onClick={() => setAdding(true)}>
            <Plus size={16} aria-hidden /> Add rule
          </Button>
        }
      />
      <div className="grid gap-4 lg:grid-cols-[1fr_18rem]">
        <section aria-labelledby="rules-heading" className="rounded-lg border border-border bg-surface">
          <h2 id="rules-heading" className="px-3 pt-3 text-sm font-semibold">
            Rules <span className="font-normal text-fg-muted">({rules.length})</span>
          </h2>
          <div className="overflow-x-auto">
            <table aria-label={`Rules of ${data.name}`} className="mt-2 w-full text-left text-sm">
              <thead className="bg-surface-muted text-xs tracking-wide text-fg-muted uppercase">
                <tr>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    Direction
                  </th>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    Ether type
                  </th>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    Protocol
                  </th>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    Ports
                  </th>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    Remote
                  </th>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    Description
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-semibold">
                    Actions
                  </th>
                </tr>
              </thead>
              <tbody>
                {rules.length === 0 ? (
                  <tr>
                    <td colSpan={7}>
                      <TableEmpty
                        title="No rules: this group allows no traffic."
                        hint="Add a rule, for example SSH or ICMP, to let traffic in."
                      />
                    </td>
                  </tr>
                ) : (
                  rules.map((rule) => (
                    <tr key={rule.id} className="border-t border-border hover:bg-surface-muted/60">
                      <td className="px-3 py-2.5">
                        <ToneBadge tone={rule.direction === "ingress" ? "success" : "muted"}>
                          {rule.direction === "ingress" ? "Ingress" : "Egress"}
                        </ToneBadge>
                      </td>
                      <td className="px-3 py-2.5">{rule.ethertype}</td>
                      <td className="px-3 py-2.5">{protocolLabel(rule.protocol)}</td>
                      <td className="px-3 py-2.5 tabular-nums">{portRangeLabel(rule)}</td>
                      <td className="px-3 py-2.5 font-mono text-xs">{remoteLabel(rule)}</td>
                      <td className="px-3 py-2.5">
                        {rule.description || <span className="text-fg-muted">—</span>}
                      </td>
                      <td className="px-3 py-2 text-right">
                        <RowAction
                          icon={Trash2}
                          label="Delete"
                          subject={`rule ${describeRule(rule)}`}
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
        <InfoCard title="Used by">
          {data.usedBy.length === 0 ? (
            <p className="flex items-center gap-2 text-fg-muted">
              <ShieldOff size={16} aria-hidden /> No instance uses this group.
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
        key={adding ? "open" : "closed"}
        groupId={data.id}
        groupName={data.name}
        open={adding}
        onClose={() => setAdding(false)}
      />
      <ConfirmDialog
        open={deleting !== null}
        title="Delete rule"
        confirmLabel="Delete rule"
        busy={removeRule.isPending}
        error={removeRule.error ? errorMessageOf(removeRule.error) : null}
        onCancel={() => setDeleting(null)}
        onConfirm={() => deleting && removeRule.mutate({ id: deleting.id })}
      >
        {deleting ? (
          <p>
            Delete the rule allowing <strong>{describeRule(deleting)}</strong>? Instances in{" "}
            <strong>{data.name}</strong> stop accepting that traffic at once.
          </p>
        ) : null}
      </ConfirmDialog>
    </>
  );
}
