"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { ReactNode } from "react";
import { FULL_ROUTE } from "@/lib/route-prefetch";
import type { PrefetchQuery } from "@/trpc/query-key";
import { usePrefetchQuery } from "@/trpc/use-prefetch-query";

/**
 * A row's link to its detail page. The intent to open it (hover, focus,
 * touch) reads the route's whole render and, with `query` (the detail
 * page's first query, from trpc/page-queries.ts), fills React Query's cache,
 * so the click renders the page at once. Next's own prefetch of each link
 * in view is off: a page of rows made two requests per row (the route's
 * tree and shell) on every load, server work for pages mostly never opened.
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
  const router = useRouter();
  const prefetch = usePrefetchQuery();
  const intent = () => {
    router.prefetch(href, { kind: FULL_ROUTE });
    if (query) prefetch(query);
  };
  return (
    <Link
      href={href}
      prefetch={false}
      onPointerEnter={intent}
      onFocus={intent}
      onTouchStart={intent}
      className={className}
    >
      {children}
    </Link>
  );
}
