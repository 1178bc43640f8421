"use client";

import { EllipsisVertical } from "lucide-react";
import { useTranslations } from "next-intl";
import { Menu, MenuContent, MenuItem, MenuTrigger } from "@/components/ui/menu";

export interface RowMenuItem {
  key: string;
  label: string;
  onSelect: () => void;
  danger?: boolean;
  /** Shown as the reason when the item does not apply. */
  disabledReason?: string | null;
}

interface RowMenuProps {
  /** Names the row: the button reads "Actions for web-1". */
  subject: string;
  items: readonly RowMenuItem[];
}

/** A per-row action menu (Radix menu button); an item that does not apply says why. */
export function RowMenu({ subject, items }: RowMenuProps) {
  const t = useTranslations("common");
  return (
    <Menu>
      <MenuTrigger
        aria-label={t("actionsFor", { subject })}
        title={t("actionsFor", { subject })}
        className="inline-flex size-8 items-center justify-center rounded-md text-fg-muted hover:bg-surface-muted hover:text-fg"
      >
        <EllipsisVertical size={16} aria-hidden />
      </MenuTrigger>
      <MenuContent align="end" aria-label={t("actionsFor", { subject })} className="w-56">
        {items.map((item) => {
          const disabled = Boolean(item.disabledReason);
          return (
            <MenuItem
              key={item.key}
              disabled={disabled}
              title={item.disabledReason ?? undefined}
              onSelect={item.onSelect}
              danger={item.danger === true}
              stacked
            >
              <span>{item.label}</span>
              {item.disabledReason ? <span className="text-xs">{item.disabledReason}</span> : null}
            </MenuItem>
          );
        })}
      </MenuContent>
    </Menu>
  );
}
