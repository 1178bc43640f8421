"use client";

/**
 * The address bar's query as an external store for React: the browser's
 * location is the one source of a table's list state, read at every render
 * and announced on Back/Forward (popstate) and on the tables' own History
 * API writes. Next's router follows those writes too, but its copy of the
 * URL (useSearchParams) changes inside a transition that waits for the
 * server when it restores an entry it has no render for (Back after a
 * reload): a table that read Next's copy showed the entry it had left.
 */

const listeners = new Set<() => void>();

function announce(): void {
  for (const listener of listeners) listener();
}

export function subscribeLocation(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("popstate", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("popstate", listener);
  };
}

/** The current query without its "?" (URLSearchParams' own spelling, so equal states compare equal). */
export function locationQuery(): string {
  return new URLSearchParams(window.location.search).toString();
}

/**
 * Writes the query of the current path: `push` makes a history entry (Back
 * returns to the state before), `replace` amends the current one. The
 * History API keeps Next's own state on the entry (its patched pushState
 * copies it), so Back and Forward stay Next's to handle.
 */
export function writeLocationQuery(query: string, mode: "push" | "replace"): void {
  const { pathname, hash } = window.location;
  const target = `${pathname}${query ? `?${query}` : ""}${hash}`;
  if (mode === "push") window.history.pushState(null, "", target);
  else window.history.replaceState(null, "", target);
  announce();
}
