"use client";

import { clsx } from "clsx";
import { EllipsisVertical } from "lucide-react";
import { useTranslations } from "next-intl";
import { type CSSProperties, type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { onMenuKeyDown } from "./menu-keys";

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

const MENU_WIDTH = 224;

function menuPosition(button: HTMLElement): CSSProperties {
  const rect = button.getBoundingClientRect();
  const right = Math.max(8, window.innerWidth - rect.right);
  const spaceBelow = window.innerHeight - rect.bottom - 12;
  const spaceAbove = rect.top - 12;
  // Open where there is more room; the menu scrolls inside that room, never past the viewport.
  return spaceBelow >= 320 || spaceBelow >= spaceAbove
    ? { top: rect.bottom + 4, right, maxHeight: spaceBelow }
    : { bottom: window.innerHeight - rect.top + 4, right, maxHeight: spaceAbove };
}

/**
 * A per-row action menu (menu button pattern): arrows move, Enter picks,
 * Escape or a click outside closes. Positioned fixed so table scrolling
 * never clips it.
 */
export function RowMenu({ subject, items }: RowMenuProps) {
  const [position, setPosition] = useState<CSSProperties | null>(null);
  const t = useTranslations("common");
  const open = position !== null;
  const menuId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLElement>("[role=menuitem]:not([aria-disabled=true])")?.focus();
    const onPointer = (event: PointerEvent) => {
      const target = event.target;
      if (!(target instanceof Node)) return;
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) setPosition(null);
    };
    const onViewportChange = () => setPosition(null);
    // The page moved under the fixed menu: close it (scrolling inside the menu is fine).
    const onScroll = (event: Event) => {
      if (event.target instanceof Node && menuRef.current?.contains(event.target)) return;
      setPosition(null);
    };
    document.addEventListener("pointerdown", onPointer);
    window.addEventListener("resize", onViewportChange);
    window.addEventListener("scroll", onScroll, true);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      window.removeEventListener("resize", onViewportChange);
      window.removeEventListener("scroll", onScroll, true);
    };
  }, [open]);

  const close = () => {
    setPosition(null);
    buttonRef.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => onMenuKeyDown(event, menuRef.current, close);

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={t("actionsFor", { subject })}
        title={t("actionsFor", { subject })}
        onClick={() => {
          const button = buttonRef.current;
          setPosition(open || !button ? null : menuPosition(button));
        }}
        className="inline-flex size-8 items-center justify-center rounded-md text-fg-muted hover:bg-surface-muted hover:text-fg"
      >
        <EllipsisVertical size={16} aria-hidden />
      </button>
      {position ? (
        <div
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label={t("actionsFor", { subject })}
          tabIndex={-1}
          onKeyDown={onKeyDown}
          style={{ ...position, width: MENU_WIDTH }}
          className="fixed z-40 overflow-y-auto rounded-lg border border-border bg-surface p-1.5 text-left shadow-lg"
        >
          {items.map((item) => {
            const disabled = Boolean(item.disabledReason);
            return (
              <button
                key={item.key}
                type="button"
                role="menuitem"
                tabIndex={-1}
                aria-disabled={disabled || undefined}
                title={item.disabledReason ?? undefined}
                onClick={() => {
                  if (disabled) return;
                  setPosition(null);
                  item.onSelect();
                }}
                className={clsx(
                  "flex w-full flex-col items-start rounded-md px-2 py-1.5 text-left text-sm focus-visible:bg-surface-muted",
                  disabled ? "cursor-not-allowed text-fg-muted" : "hover:bg-surface-muted",
                  item.danger && !disabled ? "text-danger" : !disabled && "text-fg",
                )}
              >
                <span>{item.label}</span>
                {item.disabledReason ? <span className="text-xs">{item.disabledReason}</span> : null}
              </button>
            );
          })}
        </div>
      ) : null}
    </>
  );
}
