"use client";

import { type ComponentType, useEffect, useState } from "react";

/**
 * A dialog whose code (its form, its zod schemas, what they import) loads
 * when it first opens, not with the page: a list is shown and used without
 * it. `isOpen` says from the props whether the dialog is open. Until the
 * code has arrived (a click's chunk, a few ms from the portal's own server)
 * nothing is shown and focus stays on what was clicked, so Radix's dialog
 * finds it there to give it back on close. Once loaded it stays rendered,
 * so closing it behaves as before. A failed load is tried again on the
 * next open. Call it at module level (once per dialog), as next/dynamic.
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
      if (Dialog || !open) return;
      let live = true;
      get().then(
        (component) => live && setDialog(() => component),
        () => undefined,
      );
      return () => {
        live = false;
      };
    }, [Dialog, open]);
    return Dialog ? <Dialog {...props} /> : null;
  }
  return LazyDialog;
}
