"use client";

import { Search } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { type ComponentType, useCallback, useEffect, useRef, useState } from "react";
import { preloadMessages } from "@/i18n/lazy-client-messages";
import type { PaletteDialog as PaletteDialogComponent } from "./palette-dialog";
import { loadPaletteAreas } from "./palette-messages";
import { isPaletteShortcut, shortcutLabel } from "./palette-shortcut";

type PaletteDialogType = typeof PaletteDialogComponent;

let dialogModule: Promise<PaletteDialogType> | null = null;
let loadedDialog: PaletteDialogType | null = null;

/**
 * The palette's body (cmdk, Radix's dialog, the results and every kind's
 * row-menu actions with what they import, ~130 KB of JavaScript) as its own
 * chunk: no page needs it to show or be used, so it loads when the browser
 * is idle, when the pointer or focus reaches the trigger, or on the first
 * Ctrl-K, whichever comes first. A failed load may be tried again.
 */
function loadPaletteDialog(): Promise<PaletteDialogType> {
  dialogModule ??= import("./palette-dialog").then(
    (m) => {
      loadedDialog = m.PaletteDialog;
      return m.PaletteDialog;
    },
    (error: unknown) => {
      dialogModule = null;
      throw error;
    },
  );
  return dialogModule;
}

/**
 * The command palette (Ctrl-K / Cmd-K, or the top bar's button): the part
 * every page loads is this trigger and the shortcut's listener; the dialog
 * itself (palette-dialog.tsx) is loaded on first use. Until it has arrived,
 * an open palette shows a placeholder frame (the first Ctrl-K on a page
 * still loading); Radix's dialog then takes focus into its input.
 */
export function CommandPalette({ isAdmin, userId }: { isAdmin: boolean; userId: string }) {
  const t = useTranslations("palette");
  const locale = useLocale();
  const [open, setOpen] = useState(false);
  // Each open mounts the dialog afresh: a clean slate, the recent items read again.
  const [opening, setOpening] = useState(0);
  const [Dialog, setDialog] = useState<ComponentType<Parameters<PaletteDialogType>[0]> | null>(
    () => loadedDialog,
  );
  const [shortcut, setShortcut] = useState("Ctrl K");
  const returnFocus = useRef<HTMLElement | null>(null);

  const openRef = useRef(open);
  openRef.current = open;

  const load = useCallback(() => {
    loadPaletteDialog().then(
      (loaded) => setDialog(() => loaded),
      () => undefined,
    );
    void preloadMessages(loadPaletteAreas, locale).catch(() => undefined);
  }, [locale]);

  /** Remembers where focus was, to give it back on close. */
  const openPalette = useCallback(() => {
    if (document.activeElement instanceof HTMLElement) returnFocus.current = document.activeElement;
    load();
    setOpening((n) => n + 1);
    setOpen(true);
  }, [load]);
  const close = useCallback(() => setOpen(false), []);

  useEffect(() => {
    setShortcut(shortcutLabel(navigator.platform));
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (isPaletteShortcut(event)) {
        event.preventDefault();
        if (openRef.current) setOpen(false);
        else openPalette();
      } else if (event.key === "Escape" && openRef.current && !loadedDialog) {
        // The placeholder has no dialog of its own to close on Escape.
        setOpen(false);
      }
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [openPalette]);

  // The dialog's code and its results' and actions' messages, fetched once the page is idle so the first Ctrl-K finds them.
  useEffect(() => {
    if (typeof window.requestIdleCallback !== "function") {
      const timer = window.setTimeout(load, 1_000);
      return () => window.clearTimeout(timer);
    }
    const idle = window.requestIdleCallback(load, { timeout: 3_000 });
    return () => window.cancelIdleCallback(idle);
  }, [load]);

  return (
    <>
      <button
        type="button"
        aria-keyshortcuts="Control+K Meta+K"
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => (openRef.current ? setOpen(false) : openPalette())}
        onPointerEnter={load}
        onFocus={load}
        className="inline-flex h-9 w-72 max-w-full items-center gap-2 rounded-md border border-border bg-surface-muted px-3 text-sm text-fg-muted hover:text-fg"
      >
        <Search size={15} aria-hidden />
        <span className="flex-1 text-left">{t("trigger")}</span>
        <kbd className="rounded border border-border bg-surface px-1.5 font-sans text-xs">{shortcut}</kbd>
      </button>
      {Dialog ? (
        <Dialog
          key={opening}
          open={open}
          onClose={close}
          isAdmin={isAdmin}
          userId={userId}
          returnFocus={returnFocus}
        />
      ) : (
        open && <PalettePlaceholder label={t("title")} text={t("opening")} />
      )}
    </>
  );
}

/** What an open palette shows while its code loads: its frame, busy. */
function PalettePlaceholder({ label, text }: { label: string; text: string }) {
  return (
    <>
      <div className="fixed inset-0 z-50 bg-black/40" />
      <div
        role="dialog"
        aria-label={label}
        aria-busy
        className="fixed top-[12vh] left-1/2 z-50 w-[min(40rem,calc(100vw-2rem))] -translate-x-1/2 overflow-hidden rounded-lg border border-border bg-surface text-fg shadow-xl"
      >
        <p className="flex h-12 items-center gap-2 px-3 text-sm text-fg-muted">
          <Search size={16} aria-hidden /> {text}
        </p>
      </div>
    </>
  );
}
