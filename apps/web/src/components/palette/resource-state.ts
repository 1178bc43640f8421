"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { findFloatingIp } from "@/components/network/floating-ip-model";
import { type RouterOutputs, trpc } from "@/trpc/react";
import type { SearchKind } from "./resource-kinds";

type Out = RouterOutputs;

/** One resource's current state, as its row menu reads it (it decides what applies). */
export type ResourceState =
  | { kind: "instance"; value: Out["compute"]["instances"]["get"] }
  | { kind: "volume"; value: Out["volume"]["get"] }
  | { kind: "image"; value: Out["images"]["get"] }
  | { kind: "network"; value: Out["network"]["networks"]["get"]["network"] }
  | { kind: "router"; value: Out["network"]["routers"]["get"] }
  | { kind: "securityGroup"; value: Out["network"]["securityGroups"]["get"] }
  | { kind: "floatingIp"; value: Out["network"]["floatingIps"]["list"]["items"][number] }
  | { kind: "keyPair"; value: Out["compute"]["keyPairs"]["list"][number] }
  | { kind: "project"; value: Out["identity"]["projects"]["get"] }
  | { kind: "user"; value: Out["identity"]["users"]["get"] };

export interface ResourceStateResult {
  /** Null while it loads, or when it failed (`error`). */
  state: ResourceState | null;
  error: unknown;
}

/**
 * Reads the one resource the palette shows actions for, with the query its
 * page uses (only that kind's query runs). Floating IPs and key pairs have
 * no lookup of their own: they are found in their list.
 */
export function useResourceState(kind: SearchKind | undefined, id: string): ResourceStateResult {
  const t = useTranslations("palette");
  const utils = trpc.useUtils();
  const on = (k: SearchKind) => ({ enabled: kind === k });
  const instance = trpc.compute.instances.get.useQuery({ id }, on("instance"));
  const volume = trpc.volume.get.useQuery({ id }, on("volume"));
  const image = trpc.images.get.useQuery({ id }, on("image"));
  const network = trpc.network.networks.get.useQuery({ id }, on("network"));
  const router = trpc.network.routers.get.useQuery({ id }, on("router"));
  const group = trpc.network.securityGroups.get.useQuery({ id }, on("securityGroup"));
  const project = trpc.identity.projects.get.useQuery({ id }, on("project"));
  const user = trpc.identity.users.get.useQuery({ id }, on("user"));
  const keyPairs = trpc.compute.keyPairs.list.useQuery({}, on("keyPair"));
  const floatingIp = useQuery({
    queryKey: ["palette", "floatingIp", id],
    queryFn: () => findFloatingIp(id, (page) => utils.network.floatingIps.list.fetch(page)),
    ...on("floatingIp"),
  });
  const gone = new Error(t("rowNotFound", { id }));

  switch (kind) {
    case "instance":
      return result(instance, (value) => ({ kind, value }));
    case "volume":
      return result(volume, (value) => ({ kind, value }));
    case "image":
      return result(image, (value) => ({ kind, value }));
    case "network":
      return result(network, (value) => ({ kind, value: value.network }));
    case "router":
      return result(router, (value) => ({ kind, value }));
    case "securityGroup":
      return result(group, (value) => ({ kind, value }));
    case "project":
      return result(project, (value) => ({ kind, value }));
    case "user":
      return result(user, (value) => ({ kind, value }));
    case "keyPair":
      return found(
        keyPairs,
        (all) => all.find((k) => k.name === id),
        gone,
        (value) => ({ kind, value }),
      );
    case "floatingIp":
      return found(
        floatingIp,
        (value) => value ?? undefined,
        gone,
        (value) => ({ kind, value }),
      );
    default:
      return { state: null, error: null };
  }
}

interface Loaded<T> {
  data: T | undefined;
  error: unknown;
}

function result<T>(query: Loaded<T>, wrap: (value: T) => ResourceState): ResourceStateResult {
  return query.data === undefined
    ? { state: null, error: query.error }
    : { state: wrap(query.data), error: null };
}

/** A resource picked out of what a query answered; `gone` when it is not in it. */
function found<T, V>(
  query: Loaded<T>,
  pick: (data: T) => V | undefined,
  gone: Error,
  wrap: (value: V) => ResourceState,
): ResourceStateResult {
  if (query.data === undefined) return { state: null, error: query.error };
  const value = pick(query.data);
  return value === undefined ? { state: null, error: gone } : { state: wrap(value), error: null };
}
