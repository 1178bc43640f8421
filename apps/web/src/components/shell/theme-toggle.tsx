"use client";

import { Monitor, Moon, Sun } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { applyThemeChoice, readThemeChoice, type ThemeChoice } from "@/lib/theme";

const NEXT: Record<ThemeChoice, ThemeChoice> = { light: "dark", dark: "system", system: "light" };
const ICON = { light: Sun, dark: Moon, system: Monitor } as const;

/** Cycles light → dark → system; the choice is kept in localStorage (only the theme). */
interface ThemeToggleProps {
  withLabel?: boolean;
  /** Render as an item of a role="menu". */
  menuItem?: boolean;
}

export function ThemeToggle({ withLabel = false, menuItem = false }: ThemeToggleProps) {
  const t = useTranslations("shell.theme");
  const [choice, setChoice] = useState<ThemeChoice>("system");

  useEffect(() => {
    setChoice(readThemeChoice());
  }, []);

  useEffect(() => {
    if (choice !== "system") return;
    const media = window.matchMedia("(prefers-color-scheme: dark)");
    const follow = () => applyThemeChoice("system");
    media.addEventListener("change", follow);
    return () => media.removeEventListener("change", follow);
  }, [choice]);

  const Icon = ICON[choice];
  const change = () => {
    const next = NEXT[choice];
    applyThemeChoice(next);
    setChoice(next);
  };

  return (
    <button
      type="button"
      role={menuItem ? "menuitem" : undefined}
      onClick={change}
      aria-label={t("switch", { current: t(choice), next: t(NEXT[choice]) })}
      className={
        menuItem
          ? "flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-left text-sm text-fg hover:bg-surface-muted"
          : "inline-flex items-center gap-2 rounded-md px-2 py-1.5 text-sm text-fg-muted hover:bg-surface-muted hover:text-fg"
      }
    >
      <Icon size={16} aria-hidden />
      {withLabel ? <span>{t("label", { current: t(choice) })}</span> : null}
    </button>
  );
}
