"use client";

import { Monitor, Moon, Sun } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { applyThemeChoice, readThemeChoice, type ThemeChoice } from "@/lib/theme";

const NEXT: Record<ThemeChoice, ThemeChoice> = { light: "dark", dark: "system", system: "light" };
const ICON = { light: Sun, dark: Moon, system: Monitor } as const;

/**
 * The theme choice, cycling light → dark → system; kept in localStorage (only
 * the theme). Shared by the standalone toggle and the user menu's item.
 */
export function useThemeChoice() {
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

  const cycle = () => {
    const next = NEXT[choice];
    applyThemeChoice(next);
    setChoice(next);
  };

  return {
    Icon: ICON[choice],
    /** "Theme: Dark", as the user menu's item reads. */
    label: t("label", { current: t(choice) }),
    ariaLabel: t("switch", { current: t(choice), next: t(NEXT[choice]) }),
    cycle,
  };
}

interface ThemeToggleProps {
  withLabel?: boolean;
}

/** A standalone theme button (outside menus, e.g. on the login page). */
export function ThemeToggle({ withLabel = false }: ThemeToggleProps) {
  const { Icon, label, ariaLabel, cycle } = useThemeChoice();
  return (
    <button
      type="button"
      onClick={cycle}
      aria-label={ariaLabel}
      className="inline-flex items-center gap-2 rounded-md px-2 py-1.5 text-sm text-fg-muted hover:bg-surface-muted hover:text-fg"
    >
      <Icon size={16} aria-hidden />
      {withLabel ? <span>{label}</span> : null}
    </button>
  );
}
