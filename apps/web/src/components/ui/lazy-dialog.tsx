"use client";

import { type ComponentType, useEffect, useState } from "react";

/** The longest a mounted dialog waits for an idle moment before its code is fetched anyway. */
const IDLE_TIMEOUT_MS = 1_000;

/**
 * A dialog whose code (its form, its zod schemas, what they import) is not
 * part of the page's first load: a list is shown and used without it. It
 * loads once the page is idle after it has hydrated (so a click finds it
 * there and the dialog opens in the same render, as before), or at once
 * when it opens first. `isOpen` says from the props whether it is open.
 * While the code is still on its way nothing is shown and focus stays on
 * what was clicked, so the dialog finds its opener there to give focus
 * back on close. A failed load is tried again on the next open. Call it at
 * module level (once per dialog), as next/dynamic.
 */
export function lazyDialog<P extends object>(
  load: () => Promise<ComponentType<P>>,
  isOpen: (props: P) => boolean,
): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  const get = () => {
    pending ??= load().then(
      (component) => {
        loaded = component;
        return component;
      },
      (error: unknown) => {
        pending = null;
        throw error;
      },
    );
    return pending;
  };

  // biome-ignore lint/correctness/noComponentHookFactories: called once per dialog at module level, as next/dynamic is
  function LazyDialog(props: P) {
    const [Dialog, setDialog] = useState<ComponentType<P> | null>(() => loaded);
    const open = isOpen(props);
    useEffect(() => {
      if (Dialog) return;
      let live = true;
      const fetchCode = () =>
        get().then(
          (component) => live && setDialog(() => component),
          () => undefined,
        );
      if (open) void fetchCode();
      // Not needed to show the page: fetched when the browser is idle, before the user reaches for it.
      const idle =
        typeof window.requestIdleCallback === "function"
          ? window.requestIdleCallback(fetchCode, { timeout: IDLE_TIMEOUT_MS })
          : window.setTimeout(fetchCode, IDLE_TIMEOUT_MS);
      return () => {
        live = false;
        if (typeof window.cancelIdleCallback === "function") window.cancelIdleCallback(idle);
        else window.clearTimeout(idle);
      };
    }, [Dialog, open]);
    // Loaded already (another instance, an earlier page): rendered in this very render.
    const Component = Dialog ?? loaded;
    return Component ? <Component {...props} /> : null;
  }
  return LazyDialog;
}
