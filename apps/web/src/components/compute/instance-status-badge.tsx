import { statusTone } from "@/lib/compute/instance-status";
import { useStateLabels } from "@/lib/compute/state-labels";
import { ToneBadge } from "../tone-badge";

interface InstanceStatusBadgeProps {
  status: string;
  taskState: string | null;
}

/** Nova's status, with the task state underneath while a task runs ("Active · rebooting"). */
export function InstanceStatusBadge({ status, taskState }: InstanceStatusBadgeProps) {
  const states = useStateLabels();
  const tone = taskState ? "busy" : statusTone(status);
  return (
    <span className="inline-flex flex-col items-start gap-0.5" data-status={status}>
      <ToneBadge tone={tone}>{states.instanceStatus(status)}</ToneBadge>
      {taskState ? <span className="text-xs text-fg-muted">{states.taskState(taskState)}</span> : null}
    </span>
  );
}
