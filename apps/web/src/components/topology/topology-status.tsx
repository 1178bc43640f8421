import { clsx } from "clsx";
import { CircleAlert, CircleCheck, CircleMinus, LoaderCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { statusLabel } from "@/lib/topology/labels";
import type { TopologyTone } from "@/lib/topology/types";

/** Border and text per state; each state also has its own icon and word. */
export const TONE_BORDER: Record<TopologyTone, string> = {
  active: "border-success",
  build: "border-accent",
  error: "border-danger",
  down: "border-fg-muted border-dashed",
};

const TONE_TEXT: Record<TopologyTone, string> = {
  active: "text-success bg-success-soft",
  build: "text-accent bg-accent-soft",
  error: "text-danger bg-danger-soft",
  down: "text-fg-muted bg-surface-muted",
};

const ICONS = { active: CircleCheck, build: LoaderCircle, error: CircleAlert, down: CircleMinus } as const;

/** A node's state: icon + word on a tinted chip (legible without colour). */
export function TopologyStatus({
  tone,
  status,
  taskState,
}: {
  tone: TopologyTone;
  status: string;
  taskState?: string | null;
}) {
  const Icon = ICONS[tone];
  const t = useTranslations("topology");
  return (
    <span
      className={clsx(
        "inline-flex shrink-0 items-center gap-1 rounded-full px-1.5 py-0.5 text-[11px] font-medium leading-none",
        TONE_TEXT[tone],
      )}
    >
      <Icon size={11} aria-hidden className={tone === "build" ? "animate-spin" : undefined} />
      {statusLabel(t, taskState || status)}
    </span>
  );
}
