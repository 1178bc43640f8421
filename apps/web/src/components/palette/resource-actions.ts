"use client";

import { useTranslations } from "next-intl";
import { projectMenuItems } from "@/app/(portal)/identity/projects/project-menu-items";
import { userMenuItems } from "@/app/(portal)/identity/users/user-menu-items";
import { keyPairMenuItems } from "@/app/(portal)/project/key-pairs/key-pair-menu-items";
import { instanceMenuItems } from "@/components/compute/instance-menu-items";
import { imageMenuItems } from "@/components/images/image-menu-items";
import { floatingIpMenuItems } from "@/components/network/floating-ip-menu-items";
import { networkMenuItems } from "@/components/network/network-menu-items";
import { routerMenuItems } from "@/components/network/router-menu-items";
import { securityGroupMenuItems } from "@/components/network/security-group-menu-items";
import type { RowMenuItem } from "@/components/row-menu";
import { volumeMenuItems } from "@/components/volume/volume-menu-items";
import { useInstanceActionTexts } from "@/lib/compute/action-texts";
import { actionHref } from "./action-url";
import { RESOURCE_KINDS, type SearchKind } from "./resource-kinds";
import { type ResourceState, useResourceState } from "./resource-state";

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

/** Every kind's menu texts, in the reader's language. */
function useMenuTexts() {
  return {
    palette: useTranslations("palette"),
    instance: useInstanceActionTexts(),
    volume: useTranslations("volume"),
    image: useTranslations("compute.images"),
    network: useTranslations("network.networks"),
    router: useTranslations("network.routerMenu"),
    securityGroup: useTranslations("network.securityGroups"),
    floatingIp: useTranslations("network.floatingIps"),
    keyPair: useTranslations("compute.keyPairs"),
    project: useTranslations("identity.projects"),
    user: useTranslations("identity.users"),
  };
}
type MenuTexts = ReturnType<typeof useMenuTexts>;

/**
 * What can be done to a resource from the palette: "Open", then the very
 * items its row menu offers — the same `*-menu-items.ts` list, with the
 * same reasons when one does not apply, and only those the row (or page)
 * would show this user. Each opens where the resource's own dialog lives:
 * its page with `?action=<key>` (instances, volumes, networks, routers,
 * security groups; `useActionParam`), or for kinds without a page its list
 * with `?action=<key>&id=<id>` (images, floating IPs, key pairs, projects,
 * users; `useRowActionParam`). That page's dialog, and its confirmation,
 * takes over; the parameters are dropped once read.
 */
export function useResourceActions(
  target: ActionTarget | null,
  go: (href: string) => void,
  isAdmin: boolean,
): ResourceActions {
  const texts = useMenuTexts();
  const { state, error } = useResourceState(target?.kind, target?.id ?? "");
  if (!target) return { items: null, error: null };
  if (!state) return { items: null, error };
  const spec = RESOURCE_KINDS[target.kind];
  const page = spec.href(target.id);
  const open: RowMenuItem = { key: "open", label: texts.palette("open"), onSelect: () => go(page) };
  const request = (action: string) => go(actionHref(page, action, spec.onList ? target.id : null));
  return { items: [open, ...menuItemsOf(state, texts, request, go, page, isAdmin)], error: null };
}

/** The row menu of the resource in `state`, each item running `request(<its key>)`. */
function menuItemsOf(
  state: ResourceState,
  texts: MenuTexts,
  request: (action: string) => void,
  go: (href: string) => void,
  page: string,
  isAdmin: boolean,
): RowMenuItem[] {
  switch (state.kind) {
    case "instance":
      return [
        ...instanceExtras(state.value.status, texts.palette, go, page),
        ...instanceMenuItems(state.value, { request }, texts.instance),
      ];
    case "volume":
      return volumeMenuItems(texts.volume, state.value, request);
    case "image":
      return imageMenuItems(texts.image, state.value, request);
    case "network":
      return networkMenuItems(texts.network, request, { canChange: state.value.own || isAdmin });
    case "router":
      return routerMenuItems(texts.router, state.value, request);
    case "securityGroup":
      return securityGroupMenuItems(texts.securityGroup, state.value, request, { addRule: true });
    case "floatingIp":
      return floatingIpMenuItems(texts.floatingIp, state.value, request);
    case "keyPair":
      return keyPairMenuItems(texts.keyPair, request);
    case "project":
      return projectMenuItems(texts.project, state.value, request);
    case "user":
      return userMenuItems(texts.user, state.value, request);
  }
}

/** The console and attach-volume tabs of an instance's page, which its row menu does not offer. */
function instanceExtras(
  status: string,
  t: MenuTexts["palette"],
  go: (href: string) => void,
  page: string,
): RowMenuItem[] {
  const running = status === "ACTIVE" || status === "REBOOT";
  const attachable = status === "ACTIVE" || status === "SHUTOFF";
  return [
    {
      key: "console",
      label: t("console"),
      disabledReason: running ? null : t("consoleUnavailable"),
      onSelect: () => go(`${page}?tab=${INSTANCE_EXTRA_ACTIONS.console}`),
    },
    {
      key: "attachVolume",
      label: t("attachVolume"),
      disabledReason: attachable ? null : t("attachUnavailable"),
      onSelect: () =>
        go(actionHref(page, "attachVolume", null, { tab: INSTANCE_EXTRA_ACTIONS.attachVolume })),
    },
  ];
}
