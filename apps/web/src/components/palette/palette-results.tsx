"use client";

import { Command } from "cmdk";
import { AlertTriangle, FileText, History, LoaderCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { ToneBadge } from "@/components/tone-badge";
import { useErrorMessage } from "@/lib/use-error-message";
import { GROUP_CLASS, PaletteItem } from "./palette-item";
import type { PalettePage } from "./palette-pages";
import type { RecentItem } from "./recent-items";
import { RESOURCE_KINDS, type SearchGroup, type SearchHit, type SearchKind } from "./resource-kinds";
import { usePaletteStatusLabel } from "./status-labels";

export interface ResultsProps {
  query: string;
  pages: PalettePage[];
  /** Every page, to label recent pages in the current language. */
  allPages: PalettePage[];
  recent: RecentItem[];
  /** Null before the first answer for a non-empty query. */
  groups: SearchGroup[] | null;
  searching: boolean;
  /** The whole search failed (the BFF did not answer); pages still work. */
  searchError: unknown;
  /** The value of the active row, to show the Tab hint on it. */
  selected: string;
  openPage: (page: PalettePage) => void;
  openRecent: (item: RecentItem) => void;
  openResource: (kind: SearchKind, hit: SearchHit) => void;
}

export const resourceValue = (kind: string, id: string) => `resource:${kind}:${id}`;
export const recentValue = (item: RecentItem) => `recent:${item.href}`;

export function isSearchKind(kind: string): kind is SearchKind {
  return Object.hasOwn(RESOURCE_KINDS, kind);
}

function TabHint({ shown }: { shown: boolean }) {
  const t = useTranslations("palette");
  if (!shown) return null;
  return (
    <kbd className="rounded border border-border bg-surface px-1 font-sans text-[0.7rem] text-fg-muted">
      {t("tabHint")}
    </kbd>
  );
}

/** The palette's main view: recent items (empty query), pages, then the server's groups of resources. */
export function PaletteResults(props: ResultsProps) {
  const errorMessageOf = useErrorMessage();
  const statusLabel = usePaletteStatusLabel();
  const t = useTranslations("palette");
  const { query, pages, recent, groups, searching, searchError, selected } = props;
  const hasQuery = query.trim() !== "";
  const resourceGroups = (groups ?? []).filter((g) => g.state !== "unavailable");
  const hits = resourceGroups.reduce((n, g) => n + g.items.length, 0);
  // A recent page shows its label in today's language, not the one it was visited in.
  const labelOf = new Map(props.allPages.map((page) => [page.href, page.label]));
  const nothing = hasQuery && pages.length === 0 && hits === 0 && groups !== null && !searching;

  return (
    <>
      {searching ? (
        <Command.Loading label={t("searching")}>
          <p className="flex items-center gap-2 px-3 py-2 text-xs text-fg-muted">
            <LoaderCircle size={12} aria-hidden className="animate-spin" /> {t("searchingText")}
          </p>
        </Command.Loading>
      ) : null}
      {searchError ? (
        <p
          role="alert"
          className="mx-2 my-1 flex items-center gap-2 rounded-md bg-danger-soft px-3 py-2 text-sm text-danger"
        >
          <AlertTriangle size={14} aria-hidden />{" "}
          {t("searchFailed", { message: errorMessageOf(searchError) })}
        </p>
      ) : null}
      {nothing ? (
        <p role="status" className="px-3 py-6 text-center text-sm text-fg-muted">
          {t("noMatches", { query: query.trim() })}
        </p>
      ) : null}
      {!hasQuery && recent.length > 0 ? (
        <Command.Group heading={t("recent")} className={GROUP_CLASS}>
          {recent.map((item) => (
            <PaletteItem
              key={item.href}
              value={recentValue(item)}
              icon={
                item.type === "resource" && isSearchKind(item.kind) ? RESOURCE_KINDS[item.kind].icon : History
              }
              onSelect={() => props.openRecent(item)}
              aside={
                <>
                  {item.type === "resource" && isSearchKind(item.kind) ? t(`kinds.${item.kind}`) : t("page")}
                  <TabHint shown={item.type === "resource" && selected === recentValue(item)} />
                </>
              }
            >
              {item.type === "page" ? (labelOf.get(item.href) ?? item.label) : item.name || item.id}
            </PaletteItem>
          ))}
        </Command.Group>
      ) : null}
      {pages.length > 0 ? (
        <Command.Group heading={t("pages")} className={GROUP_CLASS}>
          {pages.map((page) => (
            <PaletteItem
              key={page.href}
              value={`page:${page.href}`}
              icon={FileText}
              onSelect={() => props.openPage(page)}
              aside={page.section}
            >
              {page.label}
            </PaletteItem>
          ))}
        </Command.Group>
      ) : null}
      {hasQuery
        ? resourceGroups.map((group) => {
            const spec = RESOURCE_KINDS[group.kind];
            const kindLabel = t(`kinds.${group.kind}`);
            if (group.state === "error") {
              return (
                <Command.Group key={group.kind} heading={kindLabel} className={GROUP_CLASS}>
                  <p role="alert" className="flex items-center gap-2 px-2 py-1.5 text-sm text-danger">
                    <AlertTriangle size={14} aria-hidden />{" "}
                    {t("kindFailed", { kind: kindLabel.toLowerCase(), message: group.message })}
                  </p>
                </Command.Group>
              );
            }
            if (group.items.length === 0) return null;
            return (
              <Command.Group key={group.kind} heading={kindLabel} className={GROUP_CLASS}>
                {group.items.map((hit) => (
                  <PaletteItem
                    key={hit.id}
                    value={resourceValue(group.kind, hit.id)}
                    icon={spec.icon}
                    onSelect={() => props.openResource(group.kind, hit)}
                    detail={hit.detail ? `${hit.detail} · ${hit.id}` : hit.id}
                    aside={
                      <>
                        {hit.status ? (
                          <ToneBadge tone={spec.tone(hit.status)}>
                            {statusLabel(group.kind, hit.status)}
                          </ToneBadge>
                        ) : null}
                        <TabHint shown={selected === resourceValue(group.kind, hit.id)} />
                      </>
                    }
                  >
                    {hit.name || hit.id}
                  </PaletteItem>
                ))}
              </Command.Group>
            );
          })
        : null}
    </>
  );
}
