"use client";

import { Fragment } from "react";
import { TableError } from "@/components/data-table/table-states";
import { formatDateTime } from "@/lib/compute/format";
import { humanize } from "@/lib/compute/instance-actions";
import { trpc } from "@/trpc/react";

/** Nova's instance actions (os-instance-actions) with their events. */
export function ActionLogPanel({ id }: { id: string }) {
  const actions = trpc.compute.instances.actionLog.useQuery({ id }, { staleTime: 0 });
  if (actions.error && !actions.data) {
    return <TableError error={actions.error} onRetry={() => void actions.refetch()} />;
  }
  if (!actions.data) return <p className="text-sm text-fg-muted">Loading the action log…</p>;
  if (actions.data.length === 0) return <p className="text-sm text-fg-muted">No actions recorded yet.</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-border bg-surface">
      <table aria-label="Action log" className="w-full text-left text-sm">
        <thead className="bg-surface-muted text-xs tracking-wide text-fg-muted uppercase">
          <tr>
            <th scope="col" className="px-3 py-2 font-semibold">
              Action
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Started
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Request ID
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              User ID
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Message
            </th>
          </tr>
        </thead>
        <tbody>
          {actions.data.map((action) => (
            <Fragment key={action.requestId}>
              <tr className="border-t border-border">
                <td className="px-3 py-2 font-medium">{humanize(action.action)}</td>
                <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(action.startTime)}</td>
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
                      {event.result ?? "In progress"}
                    </span>{" "}
                    · {formatDateTime(event.startTime)} → {formatDateTime(event.finishTime)}
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
