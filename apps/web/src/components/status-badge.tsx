import { clsx } from "clsx";

export function EnabledBadge({ enabled }: { enabled: boolean }) {
  return (
    <span
      className={clsx(
        "inline-flex rounded-full px-2 py-0.5 text-xs font-medium",
        enabled ? "bg-success-soft text-success" : "bg-surface-muted text-fg-muted",
      )}
    >
      {enabled ? "Enabled" : "Disabled"}
    </span>
  );
}
