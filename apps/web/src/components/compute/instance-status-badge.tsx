import { humanize } from "@/lib/compute/instance-actions";
import { statusLabel, statusTone } from "@/lib/compute/instance-status";
import { ToneBadge } from "../tone-badge";

interface InstanceStatusBadgeProps {
  status: string;
  taskState: string | null;
}

/** Nova's status, with the task state underneath while a task runs ("Active · rebooting"). */
export function InstanceStatusBadge({ status, taskState }: InstanceStatusBadgeProps) {
  const tone = taskState ? "busy" : statusTone(status);
  return (
    <span className="inline-flex flex-col items-start gap-0.5" data-status={status}>
      <ToneBadge tone={tone}>{statusLabel(status)}</ToneBadge>
      {taskState ? <span className="text-xs text-fg-muted">{humanize(taskState)}</span> : null}
    </span>
  );
}
