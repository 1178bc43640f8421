"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { keepPreviousData } from "@tanstack/react-query";
import { Command } from "cmdk";
import { ArrowLeft, Search } from "lucide-react";
import { useRouter } from "next/navigation";
import { useMessages, useTranslations } from "next-intl";
import { type KeyboardEvent, type RefObject, useMemo, useState } from "react";
import { LazyClientMessages } from "@/i18n/lazy-client-messages";
import { trpc } from "@/trpc/react";
import { TargetActions } from "./palette-actions";
import { loadPaletteAreas } from "./palette-messages";
import { matchPages, type PalettePage, palettePages } from "./palette-pages";
import { isSearchKind, PaletteResults, recentValue, resourceValue } from "./palette-results";
import { type RecentItem, readRecent, rememberRecent } from "./recent-items";
import type { ActionTarget } from "./resource-actions";
import { RESOURCE_KINDS, type SearchHit, type SearchKind } from "./resource-kinds";
import { useDebouncedValue } from "./use-debounced-value";

const DEBOUNCE_MS = 200;
const HITS_PER_KIND = 6;
const MAX_PAGES_SHOWN = 8;

/**
 * The command palette's body, loaded on first use (command-palette.tsx
 * holds the always-loaded trigger and Ctrl-K listener): jump to any page
 * the user may open, find any resource by name or id (the BFF's
 * `search.resources`), and run what its row menu offers. Radix's dialog
 * traps focus and gives it back where it was; cmdk drives the list. The
 * trigger mounts it afresh (a new `key`) on each open, so every open starts
 * on a clean slate, with the recent items read before the first render so
 * the first row cmdk selects is the most recent one.
 */
export function PaletteDialog({
  open,
  onClose,
  isAdmin,
  userId,
  returnFocus,
}: {
  open: boolean;
  onClose: () => void;
  isAdmin: boolean;
  userId: string;
  /** Where focus was when it opened: it goes back there on close. */
  returnFocus: RefObject<HTMLElement | null>;
}) {
  const t = useTranslations("palette");
  const shellMessages = useMessages().shell;
  const router = useRouter();
  const [query, setQuery] = useState("");
  const [selected, setSelected] = useState("");
  const [target, setTarget] = useState<ActionTarget | null>(null);
  const [recent] = useState<RecentItem[]>(() => readRecent(localStorage, userId));

  const text = target ? "" : query.trim();
  const debounced = useDebouncedValue(text, DEBOUNCE_MS);
  const search = trpc.search.resources.useQuery(
    { query: debounced, limit: HITS_PER_KIND },
    // The previous answer stays on screen while the next one loads.
    { enabled: open && debounced !== "", placeholderData: keepPreviousData, staleTime: 10_000, retry: false },
  );
  const allPages = useMemo(() => palettePages(isAdmin, shellMessages), [isAdmin, shellMessages]);
  const pages = text === "" ? allPages : matchPages(allPages, text).slice(0, MAX_PAGES_SHOWN);

  const go = (href: string, remember: RecentItem) => {
    rememberRecent(localStorage, userId, remember);
    onClose();
    router.push(href);
  };
  const resourceRecent = (resource: ActionTarget): RecentItem => ({
    type: "resource",
    kind: resource.kind,
    id: resource.id,
    name: resource.name,
    href: RESOURCE_KINDS[resource.kind].href(resource.id),
  });
  const goToAction = (href: string) => {
    if (target) go(href, resourceRecent(target));
  };

  const openPage = (page: PalettePage) => go(page.href, { type: "page", href: page.href, label: page.label });
  const openResource = (kind: SearchKind, hit: SearchHit) => {
    go(RESOURCE_KINDS[kind].href(hit.id), resourceRecent({ kind, id: hit.id, name: hit.name }));
  };
  const openRecent = (item: RecentItem) => {
    if (item.type === "page") openPage({ href: item.href, label: item.label, section: "" });
    else go(item.href, item);
  };

  /** The resource the active row stands for, if it is one (for Tab → its actions). */
  const selectedTarget = (): ActionTarget | null => {
    for (const group of search.data?.groups ?? []) {
      for (const hit of group.items) {
        if (resourceValue(group.kind, hit.id) === selected)
          return { kind: group.kind, id: hit.id, name: hit.name };
      }
    }
    const item = recent.find((r) => recentValue(r) === selected);
    if (item?.type === "resource" && isSearchKind(item.kind))
      return { kind: item.kind, id: item.id, name: item.name };
    return null;
  };

  const showActions = (next: ActionTarget) => {
    setTarget(next);
    setQuery("");
    setSelected("");
  };
  const back = () => {
    setTarget(null);
    setQuery("");
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === "Tab" && !event.shiftKey && !target) {
      const next = selectedTarget();
      event.preventDefault();
      if (next) showActions(next);
      return;
    }
    if (target && ((event.key === "Tab" && event.shiftKey) || (event.key === "Backspace" && query === ""))) {
      event.preventDefault();
      back();
      return;
    }
    // Focus stays in the input: Tab has nowhere else to go inside the palette.
    if (event.key === "Tab") event.preventDefault();
  };

  const showResults = debounced !== "" && text !== "";
  return (
    <Dialog.Root open={open} onOpenChange={(next) => next || onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-50 bg-black/40" />
        <Dialog.Content
          aria-describedby={undefined}
          onCloseAutoFocus={(event) => {
            // Back where the user was (the trigger, or whatever had focus when Ctrl-K was pressed).
            event.preventDefault();
            returnFocus.current?.focus();
          }}
          onEscapeKeyDown={(event) => {
            // Escape in the actions view goes back to the results; in the results it closes.
            if (!target) return;
            event.preventDefault();
            back();
          }}
          className="fixed top-[12vh] left-1/2 z-50 w-[min(40rem,calc(100vw-2rem))] -translate-x-1/2 overflow-hidden rounded-lg border border-border bg-surface text-fg shadow-xl"
        >
          <Dialog.Title className="sr-only">{t("title")}</Dialog.Title>
          <Command
            // cmdk names its input with this label (aria-labelledby), so it says what the input does now.
            label={target ? t("actionsLabel", { name: target.name || target.id }) : t("inputLabel")}
            shouldFilter={false}
            loop
            value={selected}
            onValueChange={setSelected}
            onKeyDown={onKeyDown}
          >
            <div className="flex items-center gap-2 border-b border-border px-3 focus-within:ring-2 focus-within:ring-ring focus-within:ring-inset">
              {target ? (
                <button
                  type="button"
                  onClick={back}
                  aria-label={t("back")}
                  title={t("backTitle")}
                  tabIndex={-1}
                  className="rounded p-1 text-fg-muted hover:bg-surface-muted hover:text-fg"
                >
                  <ArrowLeft size={16} aria-hidden />
                </button>
              ) : (
                <Search size={16} aria-hidden className="text-fg-muted" />
              )}
              <Command.Input
                value={query}
                onValueChange={setQuery}
                maxLength={255}
                placeholder={
                  target ? t("actionsPlaceholder", { name: target.name || target.id }) : t("inputPlaceholder")
                }
                className="h-12 flex-1 bg-transparent text-sm text-fg outline-none placeholder:text-fg-muted"
              />
            </div>
            <Command.List className="max-h-[min(28rem,60vh)] overflow-y-auto py-1">
              <LazyClientMessages
                namespaces={[
                  "compute.actions",
                  "compute.images",
                  "compute.keyPairs",
                  "compute.states",
                  "identity.projects",
                  "identity.users",
                  "network.floatingIps",
                  "network.networks",
                  "network.routerMenu",
                  "network.securityGroups",
                  "network.status",
                  "volume",
                ]}
                load={loadPaletteAreas}
              >
                {target ? (
                  <TargetActions target={target} go={goToAction} isAdmin={isAdmin} query={query} />
                ) : (
                  <PaletteResults
                    query={text}
                    pages={pages}
                    allPages={allPages}
                    recent={recent}
                    groups={showResults ? (search.data?.groups ?? null) : text === "" ? [] : null}
                    searching={text !== "" && (search.isFetching || debounced !== text)}
                    searchError={showResults ? search.error : null}
                    selected={selected}
                    openPage={openPage}
                    openRecent={openRecent}
                    openResource={openResource}
                  />
                )}
              </LazyClientMessages>
            </Command.List>
            <p className="border-t border-border px-3 py-1.5 text-xs text-fg-muted">
              {target ? t("hintActions") : t("hintResults")}
            </p>
          </Command>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
