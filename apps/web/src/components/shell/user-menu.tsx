"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { ChevronDown, KeyRound, LogOut, Terminal, UserRound } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRef } from "react";
import { logoutAction } from "@/auth/logout-actions";
import { Menu, MenuContent, MenuItem, MenuTrigger } from "@/components/ui/menu";
import { LanguageMenuItems } from "./language-menu-items";
import { useThemeChoice } from "./theme-toggle";

interface UserMenuProps {
  userName: string;
  domainName: string;
}

/** Account menu (Radix menu button): theme, language, password, API access, log out. */
export function UserMenu({ userName, domainName }: UserMenuProps) {
  const t = useTranslations("shell.userMenu");
  const theme = useThemeChoice();
  // The log-out form lives outside the menu: the menu unmounts on select,
  // and a form removed from the page would not submit.
  const logoutForm = useRef<HTMLFormElement>(null);

  return (
    <>
      <form ref={logoutForm} action={logoutAction} hidden />
      <Menu>
        <MenuTrigger
          aria-label={t("button", { name: userName })}
          className="inline-flex h-8 items-center gap-1.5 rounded-md px-2 text-sm hover:bg-surface-muted"
        >
          <UserRound size={16} aria-hidden />
          <span className="font-medium">{userName}</span>
          <ChevronDown size={14} aria-hidden />
        </MenuTrigger>
        <MenuContent align="end" aria-label={t("menu")} className="w-60">
          <DropdownMenu.Label className="px-2 pt-1 pb-2 text-xs text-fg-muted">
            {t.rich("signedInAs", {
              name: userName,
              domain: domainName,
              strong: (chunks) => <span className="font-medium text-fg">{chunks}</span>,
            })}
          </DropdownMenu.Label>
          <MenuItem
            aria-label={theme.ariaLabel}
            // Cycling the theme keeps the menu open, so the choice can be seen and changed again.
            onSelect={(event) => {
              event.preventDefault();
              theme.cycle();
            }}
          >
            <theme.Icon size={16} aria-hidden />
            <span>{theme.label}</span>
          </MenuItem>
          <LanguageMenuItems />
          <MenuItem asChild>
            <Link href="/settings/password">
              <KeyRound size={16} aria-hidden /> {t("changePassword")}
            </Link>
          </MenuItem>
          <MenuItem asChild>
            <Link href="/identity/api-access">
              <Terminal size={16} aria-hidden /> {t("apiAccess")}
            </Link>
          </MenuItem>
          <MenuItem onSelect={() => logoutForm.current?.requestSubmit()}>
            <LogOut size={16} aria-hidden /> {t("logOut")}
          </MenuItem>
        </MenuContent>
      </Menu>
    </>
  );
}
