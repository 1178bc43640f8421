import { clsx } from "clsx";
import { LoaderCircle } from "lucide-react";
import type { StatusTone } from "@/lib/compute/instance-status";

const TONE_CLASSES: Record<StatusTone, string> = {
  success: "bg-success-soft text-success",
  busy: "bg-accent-soft text-accent",
  warning: "bg-warning-soft text-warning",
  danger: "bg-danger-soft text-danger",
  muted: "bg-surface-muted text-fg-muted",
};

/** A status pill coloured by tone; busy states spin so a change in progress is visible. */
export function ToneBadge({ tone, children }: { tone: StatusTone; children: string }) {
  return (
    <span
      className={clsx(
        "inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap",
        TONE_CLASSES[tone],
      )}
    >
      {tone === "busy" ? <LoaderCircle size={12} aria-hidden className="animate-spin" /> : null}
      {children}
    </span>
  );
}
