"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { ChevronDown, KeyRound, LogOut, Terminal, UserRound } from "lucide-react";
import Link from "next/link";
import { useRef } from "react";
import { logoutAction } from "@/auth/logout-actions";
import { Menu, MenuContent, MenuItem, MenuTrigger } from "@/components/ui/menu";
import { useThemeChoice } from "./theme-toggle";

interface UserMenuProps {
  userName: string;
  domainName: string;
}

/** Account menu (Radix menu button): theme, password, API access, log out. */
export function UserMenu({ userName, domainName }: UserMenuProps) {
  const theme = useThemeChoice();
  // The log-out form lives outside the menu: the menu unmounts on select,
  // and a form removed from the page would not submit.
  const logoutForm = useRef<HTMLFormElement>(null);

  return (
    <>
      <form ref={logoutForm} action={logoutAction} hidden />
      <Menu>
        <MenuTrigger
          aria-label={`User menu for ${userName}`}
          className="inline-flex h-8 items-center gap-1.5 rounded-md px-2 text-sm hover:bg-surface-muted"
        >
          <UserRound size={16} aria-hidden />
          <span className="font-medium">{userName}</span>
          <ChevronDown size={14} aria-hidden />
        </MenuTrigger>
        <MenuContent align="end" aria-label="User menu" className="w-60">
          <DropdownMenu.Label className="px-2 pt-1 pb-2 text-xs text-fg-muted">
            Signed in as <span className="font-medium text-fg">{userName}</span> ({domainName})
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
            <span>Theme: {theme.label}</span>
          </MenuItem>
          <MenuItem asChild>
            <Link href="/settings/password">
              <KeyRound size={16} aria-hidden /> Change password
            </Link>
          </MenuItem>
          <MenuItem asChild>
            <Link href="/identity/api-access">
              <Terminal size={16} aria-hidden /> API access
            </Link>
          </MenuItem>
          <MenuItem onSelect={() => logoutForm.current?.requestSubmit()}>
            <LogOut size={16} aria-hidden /> Log out
          </MenuItem>
        </MenuContent>
      </Menu>
    </>
  );
}
