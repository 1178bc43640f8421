"use client";

import { ChevronDown, Keyboard } from "lucide-react";
import { useTranslations } from "next-intl";
import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { buttonClasses } from "@/components/ui/button";
import { onMenuKeyDown } from "../menu-keys";

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

/** "Send key" menu button: keys the browser or the OS would keep for themselves. */
export function KeyMenu({ disabled, onSend }: KeyMenuProps) {
  const t = useTranslations("compute.console");
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const wrapperRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLElement>("[role=menuitem]")?.focus();
    const onPointer = (event: PointerEvent) => {
      if (event.target instanceof Node && !wrapperRef.current?.contains(event.target)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    return () => document.removeEventListener("pointerdown", onPointer);
  }, [open]);

  useEffect(() => {
    if (disabled) setOpen(false);
  }, [disabled]);

  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => onMenuKeyDown(event, menuRef.current, close);

  return (
    <div ref={wrapperRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        disabled={disabled}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((o) => !o)}
        className={buttonClasses("secondary", "sm")}
      >
        <Keyboard size={14} aria-hidden /> {t("sendKey")} <ChevronDown size={14} aria-hidden />
      </button>
      {open ? (
        <div
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label={t("sendKey")}
          tabIndex={-1}
          onKeyDown={onKeyDown}
          className="absolute top-full right-0 z-40 mt-1 w-44 rounded-lg border border-border bg-surface p-1.5 text-left shadow-lg"
        >
          {KEY_COMBOS.map((combo) => (
            <button
              key={combo.label}
              type="button"
              role="menuitem"
              tabIndex={-1}
              onClick={() => {
                setOpen(false);
                onSend(combo);
              }}
              className="flex w-full rounded-md px-2 py-1.5 text-left text-sm text-fg hover:bg-surface-muted focus-visible:bg-surface-muted"
            >
              {combo.label}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
