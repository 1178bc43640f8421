import type { ListParams } from "./list-url";

/** Whose rows a list shows: the signed-in project's, or every project's (the admin views). */
export type ListScope = "project" | "all";

/**
 * Everything that turns a list page's URL into its procedure's input: the
 * browser's table and the server's prefetch read it from here, so the page
 * the server renders is the page the table asks for. Pure (no React, no
 * "use client"): server components import it.
 */
export interface ListSpec<I, S extends string = string, F extends string = never> {
  /** The BFF procedure, e.g. "compute.instances.list". */
  path: string;
  defaults: Partial<ListParams<S>>;
  /** The list's own filters in the URL, beside page, size, sort, dir and q. */
  filters: readonly F[];
  input(scope: ListScope, params: ListParams<S>, filters: Record<F, string>): I;
}
