"use client";

import { ChevronRight } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useMessages, useTranslations } from "next-intl";
import { breadcrumbsFor } from "@/lib/navigation";

export function Breadcrumbs() {
  const t = useTranslations("shell");
  const crumbs = breadcrumbsFor(usePathname(), useMessages().shell.segments);
  if (crumbs.length === 0) return null;
  return (
    <nav aria-label={t("breadcrumb")} className="mb-3 text-sm text-fg-muted">
      <ol className="flex flex-wrap items-center gap-1">
        {crumbs.map((crumb, index) => {
          const last = index === crumbs.length - 1;
          const label = crumb.labelKey ? t(`segments.${crumb.labelKey}`) : crumb.text;
          return (
            <li key={crumb.href} className="flex items-center gap-1">
              {index > 0 ? <ChevronRight size={14} aria-hidden /> : null}
              {last ? (
                <span aria-current="page" className="text-fg">
                  {label}
                </span>
              ) : (
                <Link href={crumb.href} className="hover:text-fg hover:underline">
                  {label}
                </Link>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
