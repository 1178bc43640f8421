"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { clsx } from "clsx";
import type { ComponentProps } from "react";

/**
 * The portal's menus (menu button pattern) on Radix Dropdown Menu: arrows,
 * Home/End and type-ahead move, Enter/Space pick, Escape or a click
 * outside closes, focus returns to the button. Content is portalled and
 * positioned by Radix, so table scrolling never clips it.
 */
export function Menu(props: ComponentProps<typeof DropdownMenu.Root>) {
  // Non-modal: a modal menu hides the rest of the page with aria-hidden while its
  // controls stay focusable (axe: aria-hidden-focus). Focus still moves into the
  // menu, Escape closes it, and focus returns to the button.
  return <DropdownMenu.Root modal={false} {...props} />;
}
export const MenuTrigger = DropdownMenu.Trigger;

/** Highlight and disabled state come from Radix's data attributes (they win over the text colour). */
const MENU_ITEM_CLASSES =
  "flex w-full cursor-default rounded-md px-2 py-1.5 text-left text-sm outline-none select-none data-[highlighted]:bg-surface-muted data-[disabled]:cursor-not-allowed data-[disabled]:text-fg-muted";

export function MenuContent({ className, children, ...rest }: ComponentProps<typeof DropdownMenu.Content>) {
  return (
    <DropdownMenu.Portal>
      <DropdownMenu.Content
        sideOffset={4}
        collisionPadding={8}
        {...rest}
        className={clsx(
          "z-40 max-h-[var(--radix-dropdown-menu-content-available-height)] overflow-y-auto rounded-lg border border-border bg-surface p-1.5 text-left shadow-lg",
          className,
        )}
      >
        {children}
      </DropdownMenu.Content>
    </DropdownMenu.Portal>
  );
}

interface MenuItemProps extends Omit<ComponentProps<typeof DropdownMenu.Item>, "className"> {
  danger?: boolean;
  /** Label above a second line (e.g. why the item does not apply) instead of icon beside label. */
  stacked?: boolean;
}

export function MenuItem({ danger = false, stacked = false, ...rest }: MenuItemProps) {
  return (
    <DropdownMenu.Item
      {...rest}
      className={clsx(
        MENU_ITEM_CLASSES,
        stacked ? "flex-col items-start" : "items-center gap-2",
        danger ? "text-danger" : "text-fg",
      )}
    />
  );
}
