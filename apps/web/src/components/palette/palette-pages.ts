// Relative, not "@/": the web unit tests run without the path alias.
import type { AppMessages } from "../../i18n/catalog";
import { type NavLabelKey, type NavSectionKey, visibleSections } from "../../lib/navigation";

export interface PalettePage {
  href: string;
  label: string;
  /** The side navigation's section ("Project", "Admin", …), shown beside the label. */
  section: string;
}

/** Pages reached from elsewhere than the side navigation, offered too. */
const EXTRA_PAGES: readonly { href: string; labelKey: NavLabelKey; sectionKey: NavSectionKey }[] = [
  { href: "/project/instances/launch", labelKey: "launchInstance", sectionKey: "project" },
  { href: "/settings/password", labelKey: "settingsPassword", sectionKey: "settings" },
];

/**
 * Every page the user may open: the side navigation's own list (admin pages
 * for admins only), then the extras, labelled in the reader's language
 * (`shell` messages: plain labels, no ICU arguments).
 */
export function palettePages(isAdmin: boolean, shell: AppMessages["shell"]): PalettePage[] {
  const nav = visibleSections(isAdmin).flatMap((section) =>
    section.items.map((item) => ({
      href: item.href,
      label: shell.nav[item.labelKey],
      section: shell.sections[section.titleKey],
    })),
  );
  const extras = EXTRA_PAGES.map((page) => ({
    href: page.href,
    label: shell.nav[page.labelKey],
    section: shell.sections[page.sectionKey],
  }));
  return [...nav, ...extras];
}

/** Pages whose label or section contains every word typed, case-insensitively. */
export function matchPages(pages: readonly PalettePage[], text: string): PalettePage[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...pages];
  return pages.filter((page) => {
    const haystack = `${page.section} ${page.label}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}
