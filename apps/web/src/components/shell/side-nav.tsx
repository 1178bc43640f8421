"use client";

import { clsx } from "clsx";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { visibleSections } from "@/lib/navigation";
import { useNavPrefetch } from "./use-nav-prefetch";

/**
 * The side navigation prefetches its pages itself (useNavPrefetch): a
 * hover, focus or touch reads the route's whole render and the page's data,
 * and once the page has settled the other entries of its area are read
 * while the browser is idle, so a click renders at once. Next's own
 * prefetch of every link in view is off: it fetched each entry's route tree
 * and shell (two requests per link, ~55 per document) and cost the portal's
 * server ~0.6 s of CPU on every document load, for shells a click from the
 * cache does not need.
 */

function matches(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}

/** The most specific entry wins: on /project/instances "Instances" is current, not "Overview". */
function activeHref(pathname: string, hrefs: readonly string[]): string | undefined {
  return hrefs.filter((href) => matches(pathname, href)).sort((a, b) => b.length - a.length)[0];
}

export function SideNav({ isAdmin }: { isAdmin: boolean }) {
  const t = useTranslations("shell");
  const pathname = usePathname();
  const sections = useMemo(() => visibleSections(isAdmin), [isAdmin]);
  const current = activeHref(
    pathname,
    sections.flatMap((section) => section.items.map((item) => item.href)),
  );
  const prefetch = useNavPrefetch(sections, current);
  return (
    <nav aria-label={t("mainNav")} className="flex flex-col gap-5 px-3 py-4">
      {sections.map((section) => (
        <div key={section.titleKey}>
          <h2 className="px-2 pb-1 text-xs font-semibold tracking-wide text-fg-muted uppercase">
            {t(`sections.${section.titleKey}`)}
          </h2>
          <ul className="flex flex-col gap-0.5">
            {section.items.map((item) => {
              const active = item.href === current;
              return (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    prefetch={false}
                    aria-current={active ? "page" : undefined}
                    onMouseEnter={() => prefetch(item.href)}
                    onFocus={() => prefetch(item.href)}
                    onTouchStart={() => prefetch(item.href)}
                    className={clsx(
                      "block rounded-md px-2 py-1.5 text-sm",
                      active ? "bg-accent-soft font-medium text-accent" : "text-fg hover:bg-surface-muted",
                    )}
                  >
                    {t(`nav.${item.labelKey}`)}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
