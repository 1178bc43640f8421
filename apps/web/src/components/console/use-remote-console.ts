"use client";

import { useCallback, useRef, useSyncExternalStore } from "react";
import { type ErrorMessageOf, trpcCodeOf } from "@/lib/trpc-errors";
import { trpc } from "@/trpc/react";

export type RemoteConsoleKind = "serial" | "novnc";

/** What `compute.instances.remoteConsole` answers. */
export interface RemoteConsole {
  kind: RemoteConsoleKind;
  /** Nova's URL: for novnc an HTML page with noVNC (for a new window). */
  url: string;
  /** The ws(s):// URL the browser connects to; its token is single-use and expires after 10 minutes. */
  websocketUrl: string;
}

/**
 * Requests a NEW remote console of an instance on every call: the tokens are single-use, so each
 * (re)connect needs its own. The returned function keeps its identity while `id` does.
 */
export function useRemoteConsole(id: string): (kind: RemoteConsoleKind) => Promise<RemoteConsole> {
  const mutation = trpc.compute.instances.remoteConsole.useMutation();
  const mutateRef = useRef(mutation.mutateAsync);
  mutateRef.current = mutation.mutateAsync;
  return useCallback(
    async (kind: RemoteConsoleKind): Promise<RemoteConsole> => mutateRef.current({ id, kind }),
    [id],
  );
}

/**
 * The BFF's own message when it explains the state (not running, no consoles);
 * otherwise `messageOf` (from `useErrorMessage()`), in the reader's language.
 */
export function consoleErrorMessage(error: unknown, messageOf: ErrorMessageOf): string {
  const code = trpcCodeOf(error);
  const own = ["CONFLICT", "NOT_FOUND", "NOT_IMPLEMENTED", "PRECONDITION_FAILED", "BAD_REQUEST"];
  if (code && own.includes(code) && error instanceof Error && error.message)
    return messageOf(error, { bare: true });
  return messageOf(error);
}

export type ColorScheme = "light" | "dark";

/** The portal's resolved theme (`<html data-theme>`), live. */
export function readColorScheme(): ColorScheme {
  return document.documentElement.dataset.theme === "dark" ? "dark" : "light";
}

function subscribeColorScheme(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  return () => observer.disconnect();
}

export function useColorScheme(): ColorScheme {
  return useSyncExternalStore(subscribeColorScheme, readColorScheme, () => "dark");
}

/** Moves focus out of a console that captures every key (Tab included): F6, as browsers use it between panes. */
export const LEAVE_CONSOLE_KEY = "F6";
