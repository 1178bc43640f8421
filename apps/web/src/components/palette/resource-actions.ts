"use client";

import { useTranslations } from "next-intl";
import { instanceMenuItems } from "@/components/compute/instance-menu-items";
import type { RowMenuItem } from "@/components/row-menu";
import { volumeMenuItems } from "@/components/volume/volume-menu-items";
import { useInstanceActionTexts } from "@/lib/compute/action-texts";
import { trpc } from "@/trpc/react";
import { RESOURCE_KINDS, type SearchKind } from "./resource-kinds";

/** The query parameter a detail page reads to open one of its actions (see `useActionParam`). */
export const ACTION_PARAM = "action";

/** Actions the palette adds on an instance besides its row menu's: they open a tab of its page. */
export const INSTANCE_EXTRA_ACTIONS = {
  console: "serial",
  attachVolume: "volumes",
} as const;

export interface ResourceActions {
  /** Null while the resource's state (which decides what applies) is loading. */
  items: RowMenuItem[] | null;
  error: unknown;
}

export interface ActionTarget {
  kind: SearchKind;
  id: string;
  name: string;
}

/**
 * What can be done to a resource from the palette: "Open", then the very
 * items its row menu offers (same list, same reasons when one does not
 * apply; instance-menu-items.ts and volume-menu-items.ts), each opening
 * the resource's page with `?action=<key>`, where the page's own dialog
 * (and its confirmation) takes over. Other kinds offer "Open" only until
 * their pages read `?action=` too.
 */
export function useResourceActions(target: ActionTarget | null, go: (href: string) => void): ResourceActions {
  const t = useTranslations("palette");
  const tVolume = useTranslations("volume");
  const instanceActionTexts = useInstanceActionTexts();
  const kind = target?.kind;
  const id = target?.id ?? "";
  const instance = trpc.compute.instances.get.useQuery({ id }, { enabled: kind === "instance" });
  const volume = trpc.volume.get.useQuery({ id }, { enabled: kind === "volume" });
  if (!target) return { items: null, error: null };
  const page = RESOURCE_KINDS[target.kind].href(target.id);
  const withParams = (params: Record<string, string>) => `${page}?${new URLSearchParams(params).toString()}`;
  const open: RowMenuItem = { key: "open", label: t("open"), onSelect: () => go(page) };

  if (target.kind === "instance") {
    if (!instance.data) return { items: null, error: instance.error };
    const running = instance.data.status === "ACTIVE" || instance.data.status === "REBOOT";
    const attachable = instance.data.status === "ACTIVE" || instance.data.status === "SHUTOFF";
    const extras: RowMenuItem[] = [
      {
        key: "console",
        label: t("console"),
        disabledReason: running ? null : t("consoleUnavailable"),
        onSelect: () => go(withParams({ tab: INSTANCE_EXTRA_ACTIONS.console })),
      },
      {
        key: "attachVolume",
        label: t("attachVolume"),
        disabledReason: attachable ? null : t("attachUnavailable"),
        onSelect: () =>
          go(withParams({ tab: INSTANCE_EXTRA_ACTIONS.attachVolume, [ACTION_PARAM]: "attachVolume" })),
      },
    ];
    const menu = instanceMenuItems(
      instance.data,
      {
        request: (action) => go(withParams({ [ACTION_PARAM]: action })),
      },
      instanceActionTexts,
    );
    return { items: [open, ...extras, ...menu], error: null };
  }
  if (target.kind === "volume") {
    if (!volume.data) return { items: null, error: volume.error };
    const menu = volumeMenuItems(tVolume, volume.data, (action) =>
      go(withParams({ [ACTION_PARAM]: action })),
    );
    return { items: [open, ...menu], error: null };
  }
  return { items: [open], error: null };
}
