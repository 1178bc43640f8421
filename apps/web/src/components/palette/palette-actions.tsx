"use client";

import { Command } from "cmdk";
import { AlertTriangle, ArrowRight, LoaderCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { useErrorMessage } from "@/lib/use-error-message";
import { GROUP_CLASS, PaletteItem } from "./palette-item";
import { type ActionTarget, type ResourceActions, useResourceActions } from "./resource-actions";

/**
 * The actions view of `target`, reading its kind's menu texts: rendered
 * only with a resource picked, inside the palette's lazily loaded messages.
 */
export function TargetActions({
  target,
  go,
  isAdmin,
  query,
}: {
  target: ActionTarget;
  go: (href: string) => void;
  isAdmin: boolean;
  query: string;
}) {
  const actions = useResourceActions(target, go, isAdmin);
  return <PaletteActions target={target} actions={actions} query={query} />;
}

/** The actions view: what can be done to one resource, filtered by what is typed. */
export function PaletteActions({
  target,
  actions,
  query,
}: {
  target: ActionTarget;
  actions: ResourceActions;
  query: string;
}) {
  const errorMessageOf = useErrorMessage();
  const t = useTranslations("palette");
  if (actions.error) {
    return (
      <p
        role="alert"
        className="m-2 flex items-center gap-2 rounded-md bg-danger-soft px-3 py-2 text-sm text-danger"
      >
        <AlertTriangle size={14} aria-hidden /> {errorMessageOf(actions.error)}
      </p>
    );
  }
  if (!actions.items) {
    return (
      <Command.Loading label={t("loadingActions")}>
        <p className="flex items-center gap-2 px-3 py-3 text-sm text-fg-muted">
          <LoaderCircle size={14} aria-hidden className="animate-spin" /> {t("loadingActionsText")}
        </p>
      </Command.Loading>
    );
  }
  const needle = query.trim().toLowerCase();
  const items = actions.items.filter((item) => item.label.toLowerCase().includes(needle));
  if (items.length === 0) {
    return (
      <p className="px-3 py-6 text-center text-sm text-fg-muted">{t("noActions", { query: query.trim() })}</p>
    );
  }
  return (
    <Command.Group
      heading={t("actionsHeading", { kind: t(`kinds.${target.kind}`), name: target.name || target.id })}
      className={GROUP_CLASS}
    >
      {items.map((item) => (
        <PaletteItem
          key={item.key}
          value={`action:${item.key}`}
          icon={ArrowRight}
          onSelect={item.onSelect}
          disabled={Boolean(item.disabledReason)}
          danger={item.danger}
          detail={item.disabledReason ?? undefined}
        >
          {item.label}
        </PaletteItem>
      ))}
    </Command.Group>
  );
}
