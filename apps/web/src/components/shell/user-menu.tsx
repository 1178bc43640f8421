"use client";

import { ChevronDown, KeyRound, LogOut, Terminal, UserRound } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { logoutAction } from "@/auth/logout-actions";
import { LanguageMenuItems } from "./language-menu-items";
import { ThemeToggle } from "./theme-toggle";

const ITEM_CLASSES =
  "flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-left text-sm text-fg hover:bg-surface-muted focus-visible:bg-surface-muted";

interface UserMenuProps {
  userName: string;
  domainName: string;
}

/** Account menu: theme, language, password, API access, log out. Escape or a click outside closes it. */
export function UserMenu({ userName, domainName }: UserMenuProps) {
  const t = useTranslations("shell.userMenu");
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const first = menuRef.current?.querySelector<HTMLElement>("[role=menuitem]");
    first?.focus();
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    return () => document.removeEventListener("pointerdown", onPointer);
  }, [open]);

  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === "Escape") {
      event.preventDefault();
      close();
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    event.preventDefault();
    const items = [...(menuRef.current?.querySelectorAll<HTMLElement>("[role=menuitem]") ?? [])];
    const index = items.indexOf(document.activeElement as HTMLElement);
    const step = event.key === "ArrowDown" ? 1 : -1;
    items[(index + step + items.length) % items.length]?.focus();
  };

  return (
    <div className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={t("button", { name: userName })}
        onClick={() => setOpen((v) => !v)}
        className="inline-flex h-8 items-center gap-1.5 rounded-md px-2 text-sm hover:bg-surface-muted"
      >
        <UserRound size={16} aria-hidden />
        <span className="font-medium">{userName}</span>
        <ChevronDown size={14} aria-hidden />
      </button>
      {open ? (
        <div
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label={t("menu")}
          tabIndex={-1}
          onKeyDown={onKeyDown}
          className="absolute right-0 z-40 mt-1 w-60 rounded-lg border border-border bg-surface p-1.5 shadow-lg"
        >
          <p className="px-2 pt-1 pb-2 text-xs text-fg-muted">
            {t.rich("signedInAs", {
              name: userName,
              domain: domainName,
              strong: (chunks) => <span className="font-medium text-fg">{chunks}</span>,
            })}
          </p>
          <ThemeToggle withLabel menuItem />
          <LanguageMenuItems className={ITEM_CLASSES} />
          <Link
            role="menuitem"
            href="/settings/password"
            className={ITEM_CLASSES}
            onClick={() => setOpen(false)}
          >
            <KeyRound size={16} aria-hidden /> {t("changePassword")}
          </Link>
          <Link
            role="menuitem"
            href="/identity/api-access"
            className={ITEM_CLASSES}
            onClick={() => setOpen(false)}
          >
            <Terminal size={16} aria-hidden /> {t("apiAccess")}
          </Link>
          <form action={logoutAction} role="none">
            <button role="menuitem" type="submit" className={ITEM_CLASSES}>
              <LogOut size={16} aria-hidden /> {t("logOut")}
            </button>
          </form>
        </div>
      ) : null}
    </div>
  );
}
