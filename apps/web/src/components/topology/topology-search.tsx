"use client";

import { clsx } from "clsx";
import { Search } from "lucide-react";
import { useTranslations } from "next-intl";
import { useDeferredValue, useId, useMemo, useState } from "react";
import { kindKey } from "@/lib/topology/labels";
import type { PortIndex } from "@/lib/topology/ports";
import { SEARCH_MAX_QUERY, searchNodes } from "@/lib/topology/search";
import type { GraphState } from "@/lib/topology/types";

/**
 * Find a node by name, address or CIDR (a WAI-ARIA combobox): the matches
 * list under the box, arrows move through them, Enter focuses the node in
 * the diagram (centred and selected).
 */
export function TopologySearch({
  graph,
  ports,
  onPick,
}: {
  graph: GraphState;
  ports: PortIndex;
  onPick: (id: string) => void;
}) {
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const deferred = useDeferredValue(query);
  const hits = useMemo(() => searchNodes(graph, ports, deferred, 12), [graph, ports, deferred]);
  const listId = useId();
  const inputId = useId();
  const showList = open && query.trim().length > 0;
  const t = useTranslations("topology");

  const pick = (index: number) => {
    const hit = hits[index];
    if (!hit) return;
    onPick(hit.node.id);
    setOpen(false);
  };

  return (
    <div className="relative w-72">
      <label htmlFor={inputId} className="sr-only">
        {t("search.label")}
      </label>
      <Search size={14} aria-hidden className="pointer-events-none absolute top-2.5 left-2.5 text-fg-muted" />
      <input
        id={inputId}
        type="search"
        role="combobox"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && hits[active] ? `${listId}-${active}` : undefined}
        maxLength={SEARCH_MAX_QUERY}
        placeholder={t("search.placeholder")}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            setOpen(true);
            setActive((i) => Math.min(i + 1, Math.max(0, hits.length - 1)));
          } else if (e.key === "ArrowUp") {
            e.preventDefault();
            setActive((i) => Math.max(0, i - 1));
          } else if (e.key === "Enter") {
            e.preventDefault();
            pick(active);
          } else if (e.key === "Escape") {
            setOpen(false);
          }
        }}
        className="h-9 w-full rounded-md border border-border bg-surface pr-2 pl-8 text-sm"
      />
      {showList ? (
        <div
          id={listId}
          role="listbox"
          aria-label={t("search.matches")}
          className="absolute top-10 left-0 z-20 max-h-80 w-full overflow-y-auto rounded-md border border-border bg-surface py-1 shadow-lg"
        >
          {hits.length === 0 ? (
            <p className="px-3 py-2 text-sm text-fg-muted">{t("search.noMatch")}</p>
          ) : (
            hits.map((hit, index) => (
              <div
                key={hit.node.id}
                id={`${listId}-${index}`}
                role="option"
                tabIndex={-1}
                aria-selected={index === active}
                // mousedown, not click: the input's blur would close the list first.
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(index);
                }}
                className={clsx(
                  "flex cursor-pointer items-baseline justify-between gap-2 px-3 py-1.5 text-sm",
                  index === active && "bg-accent-soft",
                )}
              >
                <span className="truncate">{hit.node.name || hit.node.id}</span>
                <span className="shrink-0 text-xs text-fg-muted">
                  {t(`kinds.${kindKey(hit.node)}`)}
                  {hit.matched !== hit.node.name ? ` · ${hit.matched}` : ""}
                </span>
              </div>
            ))
          )}
        </div>
      ) : null}
    </div>
  );
}
