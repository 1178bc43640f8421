"use client";

import { useLocale } from "next-intl";
import { type ReactNode, useEffect, useMemo, useState } from "react";
import { type ClientNamespace, pickMessages } from "./client-namespaces";
import { MessagesScope } from "./messages-scope";

type Tree = Parameters<typeof pickMessages>[0];

/** Loads a locale's message areas in the browser (`import()` of their JSON: static chunks the browser caches). */
export type MessagesLoader = (locale: string) => Promise<Tree>;

const pending = new Map<MessagesLoader, Map<string, Promise<Tree>>>();
const loaded = new Map<MessagesLoader, Map<string, Tree>>();

/** Starts (once per loader and locale) loading the messages; a later render finds them loaded. */
export function preloadMessages(load: MessagesLoader, locale: string): Promise<Tree> {
  const byLocale = pending.get(load) ?? new Map<string, Promise<Tree>>();
  pending.set(load, byLocale);
  const known = byLocale.get(locale);
  if (known) return known;
  const promise = load(locale).then((tree) => {
    const done = loaded.get(load) ?? new Map<string, Tree>();
    done.set(locale, tree);
    loaded.set(load, done);
    return tree;
  });
  // A failed load may be tried again (the next open of the palette).
  promise.catch(() => byLocale.delete(locale));
  byLocale.set(locale, promise);
  return promise;
}

/**
 * ClientMessages for a part of the shell that shows later (the palette's
 * results and actions): its namespaces are loaded in the browser when it
 * first renders (or sooner, with preloadMessages), not sent in every page's
 * HTML. Renders `fallback` until they are there. The module that renders it
 * must read these namespaces only inside it: client-namespaces.test.ts
 * counts them as provided to that module and everything it imports.
 */
export function LazyClientMessages({
  namespaces,
  load,
  fallback = null,
  children,
}: {
  namespaces: readonly ClientNamespace[];
  load: MessagesLoader;
  fallback?: ReactNode;
  children: ReactNode;
}) {
  const locale = useLocale();
  const [tree, setTree] = useState(() => loaded.get(load)?.get(locale));
  const ready = loaded.get(load)?.get(locale) ?? tree;
  useEffect(() => {
    if (ready) return;
    let live = true;
    preloadMessages(load, locale).then(
      (next) => live && setTree(next),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [load, locale, ready]);
  // The list is a literal at the call site (the namespace check reads it): picked again only when it says otherwise.
  const key = namespaces.join(",");
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `namespaces`' content
  const picked = useMemo(() => (ready ? pickMessages(ready, namespaces) : undefined), [ready, key]);
  if (!picked) return fallback;
  return <MessagesScope messages={picked}>{children}</MessagesScope>;
}
