"use client";

import { ChevronDown, Keyboard } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { buttonClasses } from "@/components/ui/button";
import { Menu, MenuContent, MenuItem, MenuTrigger } from "@/components/ui/menu";

/** One key: its X11 keysym and its DOM `code` (noVNC maps the code to a scancode for QEMU). */
export interface KeyStroke {
  keysym: number;
  code: string;
}

export const KEYS = {
  ControlLeft: { keysym: 0xffe3, code: "ControlLeft" },
  AltLeft: { keysym: 0xffe9, code: "AltLeft" },
  Delete: { keysym: 0xffff, code: "Delete" },
  Tab: { keysym: 0xff09, code: "Tab" },
  Escape: { keysym: 0xff1b, code: "Escape" },
  F1: { keysym: 0xffbe, code: "F1" },
  F2: { keysym: 0xffbf, code: "F2" },
} satisfies Record<string, KeyStroke>;

export interface KeyCombo {
  /** The keys' names as printed on keyboards, the same in every language. */
  label: string;
  /** Pressed in order, released in reverse. */
  keys: readonly KeyStroke[];
}

export const CTRL_ALT_DEL: KeyCombo = {
  // i18n-ignore: key names, as printed on keyboards
  label: "Ctrl-Alt-Del",
  keys: [KEYS.ControlLeft, KEYS.AltLeft, KEYS.Delete],
};

export const KEY_COMBOS: readonly KeyCombo[] = [
  CTRL_ALT_DEL,
  // i18n-ignore: key names, as printed on keyboards
  { label: "Tab", keys: [KEYS.Tab] },
  // i18n-ignore: key names, as printed on keyboards
  { label: "Esc", keys: [KEYS.Escape] },
  // i18n-ignore: key names, as printed on keyboards
  { label: "Ctrl-Alt-F1", keys: [KEYS.ControlLeft, KEYS.AltLeft, KEYS.F1] },
  // i18n-ignore: key names, as printed on keyboards
  { label: "Ctrl-Alt-F2", keys: [KEYS.ControlLeft, KEYS.AltLeft, KEYS.F2] },
];

interface KeyMenuProps {
  disabled: boolean;
  onSend: (combo: KeyCombo) => void;
}

/** "Send key" menu button (Radix): keys the browser or the OS would keep for themselves. */
export function KeyMenu({ disabled, onSend }: KeyMenuProps) {
  const t = useTranslations("compute.console");
  const [open, setOpen] = useState(false);
  return (
    // The console disconnecting disables the button and closes an open menu.
    <Menu open={open && !disabled} onOpenChange={setOpen}>
      <MenuTrigger disabled={disabled} className={buttonClasses("secondary", "sm")}>
        <Keyboard size={14} aria-hidden /> {t("sendKey")} <ChevronDown size={14} aria-hidden />
      </MenuTrigger>
      <MenuContent align="end" aria-label={t("sendKey")} className="w-44">
        {KEY_COMBOS.map((combo) => (
          <MenuItem key={combo.label} onSelect={() => onSend(combo)}>
            {combo.label}
          </MenuItem>
        ))}
      </MenuContent>
    </Menu>
  );
}
