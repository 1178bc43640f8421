// Relative, not "@/": the web unit tests run without the path alias.
import { visibleSections } from "../../lib/navigation";

export interface PalettePage {
  href: string;
  label: string;
  /** The side navigation's section ("Project", "Admin", …), shown beside the label. */
  section: string;
}

/** Pages reached from elsewhere than the side navigation, offered too. */
const EXTRA_PAGES: readonly PalettePage[] = [
  { href: "/project/instances/launch", label: "Launch instance", section: "Project" },
  { href: "/settings/password", label: "Change password", section: "Settings" },
];

/** Every page the user may open: the side navigation's own list (admin pages for admins only), then the extras. */
export function palettePages(isAdmin: boolean): PalettePage[] {
  const nav = visibleSections(isAdmin).flatMap((section) =>
    section.items.map((item) => ({ href: item.href, label: item.label, section: section.title })),
  );
  return [...nav, ...EXTRA_PAGES];
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
