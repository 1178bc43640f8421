"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef } from "react";
import { ACTION_PARAM } from "./resource-actions";

/**
 * Runs the action a URL names (`?action=<key>`, as the command palette
 * opens pages) once the page is ready to, then drops the parameter so a
 * reload or the back button does not open it again. `run` gets the raw
 * name: the page decides whether it knows it and whether it applies.
 */
export function useActionParam(ready: boolean, run: (action: string) => void): void {
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
    // Once per visit: the parameter is dropped below, so the next visit with it runs it again.
    const key = `${pathname}?${params.toString()}`;
    if (handled.current === key) return;
    handled.current = key;
    runRef.current(action);
    const rest = new URLSearchParams(params);
    rest.delete(ACTION_PARAM);
    const query = rest.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  }, [ready, action, params, pathname, router]);
}
