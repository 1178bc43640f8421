"use client";

import { clsx } from "clsx";
import { Command } from "cmdk";
import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";

interface PaletteItemProps {
  value: string;
  icon: LucideIcon;
  onSelect: () => void;
  children: ReactNode;
  /** Right-hand side: a status, a section, a hint. */
  aside?: ReactNode;
  /** A second line (an id, why an action does not apply). */
  detail?: ReactNode;
  disabled?: boolean;
  danger?: boolean;
}

/** One row of the palette; cmdk marks the active one `data-selected` (the input keeps focus). */
export function PaletteItem({
  value,
  icon: Icon,
  onSelect,
  children,
  aside,
  detail,
  disabled,
  danger,
}: PaletteItemProps) {
  return (
    <Command.Item
      value={value}
      onSelect={onSelect}
      disabled={disabled}
      className={clsx(
        "flex cursor-pointer items-center gap-3 rounded-md border-l-2 border-transparent px-2 py-2 text-sm",
        "data-[selected=true]:border-accent data-[selected=true]:bg-accent-soft",
        "data-[disabled=true]:cursor-not-allowed data-[disabled=true]:text-fg-muted",
        danger && !disabled ? "text-danger" : !disabled && "text-fg",
      )}
    >
      <Icon size={16} aria-hidden className="shrink-0 text-fg-muted" />
      <span className="flex min-w-0 flex-1 flex-col">
        <span className="truncate">{children}</span>
        {detail ? <span className="truncate text-xs text-fg-muted">{detail}</span> : null}
      </span>
      {aside ? <span className="flex shrink-0 items-center gap-2 text-xs text-fg-muted">{aside}</span> : null}
    </Command.Item>
  );
}

/** Group heading styles for cmdk's `[cmdk-group-heading]`, which it renders itself. */
export const GROUP_CLASS =
  "px-1 pb-1 [&_[cmdk-group-heading]]:px-2 [&_[cmdk-group-heading]]:pt-2 [&_[cmdk-group-heading]]:pb-1 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:font-semibold [&_[cmdk-group-heading]]:tracking-wide [&_[cmdk-group-heading]]:text-fg-muted [&_[cmdk-group-heading]]:uppercase";
