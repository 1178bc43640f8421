"use client";

import { useFormatter, useTranslations } from "next-intl";
import { Fragment } from "react";
import { TableError } from "@/components/data-table/table-states";
import { formatDateTime } from "@/i18n/format";
import { useStateLabels } from "@/lib/compute/state-labels";
import { trpc } from "@/trpc/react";

/** Nova's instance actions (os-instance-actions) with their events. */
export function ActionLogPanel({ id }: { id: string }) {
  const t = useTranslations("compute.actionLog");
  const format = useFormatter();
  const states = useStateLabels();
  const actions = trpc.compute.instances.actionLog.useQuery({ id }, { staleTime: 0 });
  if (actions.error && !actions.data) {
    return <TableError error={actions.error} onRetry={() => void actions.refetch()} />;
  }
  if (!actions.data) return <p className="text-sm text-fg-muted">{t("loading")}</p>;
  if (actions.data.length === 0) return <p className="text-sm text-fg-muted">{t("empty")}</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-border bg-surface">
      <table aria-label={t("title")} className="w-full text-left text-sm">
        <thead className="bg-surface-muted text-xs tracking-wide text-fg-muted uppercase">
          <tr>
            <th scope="col" className="px-3 py-2 font-semibold">
              {t("action")}
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              {t("started")}
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              {t("requestId")}
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              {t("userId")}
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              {t("message")}
            </th>
          </tr>
        </thead>
        <tbody>
          {actions.data.map((action) => (
            <Fragment key={action.requestId}>
              <tr className="border-t border-border">
                <td className="px-3 py-2 font-medium">{states.novaAction(action.action)}</td>
                <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(format, action.startTime)}</td>
                <td className="px-3 py-2">
                  <code className="text-xs">{action.requestId}</code>
                </td>
                <td className="px-3 py-2">
                  <code className="text-xs">{action.userId ?? "—"}</code>
                </td>
                <td className="px-3 py-2">{action.message ?? "—"}</td>
              </tr>
              {action.events.map((event) => (
                <tr
                  key={`${action.requestId}-${event.event}-${event.startTime}`}
                  className="text-xs text-fg-muted"
                >
                  <td className="py-1 pr-3 pl-8" colSpan={2}>
                    ↳ {event.event}
                  </td>
                  <td className="px-3 py-1" colSpan={3}>
                    <span className={event.result === "Error" ? "font-medium text-danger" : undefined}>
                      {event.result ? t("eventResult", { result: event.result }) : t("inProgress")}
                    </span>{" "}
                    · {formatDateTime(format, event.startTime)} → {formatDateTime(format, event.finishTime)}
                  </td>
                </tr>
              ))}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
