"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import type { PrefetchQuery } from "@/trpc/query-key";
import { usePrefetchQuery } from "@/trpc/use-prefetch-query";

/**
 * Next's default prefetch fetches a link's route shell once the link is in
 * view (a table shows one page, so at most a page of links); a hover, focus
 * or touch fetches the page's whole render, data included, so the click
 * shows it at once. The app router's Link has this prop; `next/link`'s
 * published types are the pages router's, hence the spread (as the side
 * navigation does).
 */
const FULL_PREFETCH_ON_HOVER = { unstable_dynamicOnHover: true };

/**
 * A row's link to its detail page. With `query` (the detail page's first
 * query, from trpc/page-queries.ts), the intent to open it also fills
 * React Query's cache, so the page renders from it at once.
 */
export function RowLink({
  href,
  query,
  className,
  children,
}: {
  href: string;
  query?: PrefetchQuery;
  className?: string;
  children: ReactNode;
}) {
  const prefetch = usePrefetchQuery();
  const intent = query ? () => prefetch(query) : undefined;
  return (
    <Link
      href={href}
      {...FULL_PREFETCH_ON_HOVER}
      onPointerEnter={intent}
      onFocus={intent}
      onTouchStart={intent}
      className={className}
    >
      {children}
    </Link>
  );
}
