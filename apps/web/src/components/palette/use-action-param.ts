"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef } from "react";
import type { RowMenuItem } from "@/components/row-menu";
import { useToast } from "@/components/toast/toast-provider";
import { ACTION_PARAM, ID_PARAM, withoutActionParams } from "./action-url";

/**
 * Runs the action a URL names (`?action=<key>`, and on list pages
 * `&id=<row>`, as the command palette opens pages) once the page is ready
 * to, then drops both parameters so a reload or the back button does not
 * run it again. `run` gets the raw names: the page decides whether it
 * knows them and whether the action applies (`useMenuActionRunner`).
 */
export function useActionParam(ready: boolean, run: (action: string, id: string | null) => void): void {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const action = params.get(ACTION_PARAM);
  const runRef = useRef(run);
  runRef.current = run;
  const handled = useRef<string | null>(null);

  useEffect(() => {
    if (!action) {
      handled.current = null;
      return;
    }
    if (!ready) return;
    // Once per visit: the parameters are dropped below, so the next visit with them runs it again.
    const key = `${pathname}?${params.toString()}`;
    if (handled.current === key) return;
    handled.current = key;
    // Dropped first: an action that navigates (an image's Launch) must be the navigation that wins.
    const query = withoutActionParams(params.toString());
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    runRef.current(action, params.get(ID_PARAM));
  }, [ready, action, params, pathname, router]);
}

/**
 * Selects the menu item a URL names as a click would; when there is no
 * such item, or it does not apply now, says so (the item's own reason)
 * instead of doing nothing.
 */
export function useMenuActionRunner(): (items: readonly RowMenuItem[], action: string) => void {
  const t = useTranslations("palette");
  const toast = useToast();
  return useCallback(
    (items, action) => {
      const item = items.find((i) => i.key === action);
      if (!item) toast.show(t("unknownAction", { action }), "error");
      else if (item.disabledReason)
        toast.show(t("actionUnavailable", { action: item.label, reason: item.disabledReason }), "error");
      else item.onSelect();
    },
    [t, toast],
  );
}
