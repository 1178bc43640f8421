"use client";

import { Command } from "cmdk";
import { Search } from "lucide-react";
import { useTranslations } from "next-intl";
import { useDeferredValue, useLayoutEffect, useMemo, useRef, useState } from "react";
import { kindKey } from "@/lib/topology/labels";
import type { PortIndex } from "@/lib/topology/ports";
import { SEARCH_MAX_QUERY, searchNodes } from "@/lib/topology/search";
import type { GraphState } from "@/lib/topology/types";
import { COMBOBOX_INPUT_ATTRIBUTES, COMBOBOX_LIST_ATTRIBUTES, syncCombobox } from "./combobox-state";

/**
 * Find a node by name, address or CIDR: a cmdk combobox (as the command
 * palette), with the matches in a list under the box. Arrows, Home and End
 * move through them, Enter focuses the node in the diagram (centred and
 * selected), Escape or leaving the box closes the list.
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
  const [open, setOpen] = useState(false);
  const deferred = useDeferredValue(query);
  const hits = useMemo(() => searchNodes(graph, ports, deferred, 12), [graph, ports, deferred]);
  const showList = open && query.trim().length > 0;
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const t = useTranslations("topology");

  // Here the list comes and goes, which cmdk's input does not say right by itself (see syncCombobox):
  // sync now, and again whenever cmdk or the options change what it reads or writes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: showList mounts and unmounts the list read here
  useLayoutEffect(() => {
    const input = inputRef.current;
    if (!input) return;
    const list = listRef.current;
    const sync = () => syncCombobox(input, list);
    sync();
    const observer = new MutationObserver(sync);
    observer.observe(input, { attributes: true, attributeFilter: COMBOBOX_INPUT_ATTRIBUTES });
    if (list)
      observer.observe(list, {
        attributes: true,
        attributeFilter: COMBOBOX_LIST_ATTRIBUTES,
        subtree: true,
        childList: true,
      });
    return () => observer.disconnect();
  }, [showList]);

  const pick = (id: string) => {
    onPick(id);
    setOpen(false);
  };

  return (
    <Command
      label={t("search.label")}
      // The matches come from searchNodes (names, addresses, CIDRs), in its order.
      shouldFilter={false}
      className="relative w-72"
    >
      <Search size={14} aria-hidden className="pointer-events-none absolute top-2.5 left-2.5 text-fg-muted" />
      <Command.Input
        ref={inputRef}
        maxLength={SEARCH_MAX_QUERY}
        placeholder={t("search.placeholder")}
        value={query}
        onValueChange={(value) => {
          setQuery(value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (e.key === "Escape" && showList) {
            // Only the list closes; the page around (a dialog, the panel) keeps its Escape otherwise.
            e.stopPropagation();
            setOpen(false);
          } else if (e.key === "ArrowDown" && !showList) {
            setOpen(true);
          } else if (e.key === "Home" || e.key === "End") {
            // The caret's keys in a text box, not cmdk's first and last match.
            e.stopPropagation();
          }
        }}
        className="h-9 w-full rounded-md border border-border bg-surface pr-2 pl-8 text-sm"
      />
      {showList ? (
        <Command.List
          ref={listRef}
          label={t("search.matches")}
          // Keep the focus in the box when a match is pressed: its blur would close the list first.
          onMouseDown={(e) => e.preventDefault()}
          className="absolute top-10 left-0 z-20 max-h-80 w-full overflow-y-auto rounded-md border border-border bg-surface py-1 shadow-lg"
        >
          <Command.Empty className="px-3 py-2 text-sm text-fg-muted">{t("search.noMatch")}</Command.Empty>
          {hits.map((hit) => (
            <Command.Item
              key={hit.node.id}
              value={hit.node.id}
              onSelect={() => pick(hit.node.id)}
              className="flex cursor-pointer items-baseline justify-between gap-2 px-3 py-1.5 text-sm data-[selected=true]:bg-accent-soft"
            >
              <span className="truncate">{hit.node.name || hit.node.id}</span>
              <span className="shrink-0 text-xs text-fg-muted">
                {t(`kinds.${kindKey(hit.node)}`)}
                {hit.matched !== hit.node.name ? ` · ${hit.matched}` : ""}
              </span>
            </Command.Item>
          ))}
        </Command.List>
      ) : null}
    </Command>
  );
}
