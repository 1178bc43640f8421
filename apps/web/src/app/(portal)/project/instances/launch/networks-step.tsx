"use client";

import { ArrowDown, ArrowUp, ExternalLink, Plus, X } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { type KeyboardEvent, useRef } from "react";
import { CheckboxField } from "@/components/form/checkbox-field";
import { Button } from "@/components/ui/button";
import type { FieldErrors } from "@/lib/field-errors";
import type { LaunchOptions } from "./launch-steps";
import {
  addNic,
  MAX_NICS,
  moveNic,
  type NicChoice,
  portQuotaLine,
  portsNeeded,
  removeNic,
} from "./network-selection";

type NetworkOptions = NonNullable<LaunchOptions["network"]>;

interface NetworksStepProps {
  network: NetworkOptions;
  nics: NicChoice[];
  withoutNetwork: boolean;
  onWithoutNetwork: (on: boolean) => void;
  securityGroupIds: string[];
  count: number;
  /** Instances the quota still allows (Infinity when unlimited). */
  instancesLeft: number;
  onNics: (nics: NicChoice[]) => void;
  onSecurityGroups: (ids: string[]) => void;
  errors: FieldErrors;
}

type NetworksT = ReturnType<typeof useTranslations<"compute.launch.networks">>;

function describe(
  network: NetworkOptions,
  choice: NicChoice,
  t: NetworksT,
): { title: string; detail: string } {
  if (choice.kind === "port") {
    const p = network.ports.find((x) => x.id === choice.id);
    return {
      title: t("portTitle", { name: p?.name || choice.id }),
      detail: p
        ? t("portDetail", {
            network: p.networkName,
            addresses: p.fixedIps.join(", ") || t("noAddress"),
            mac: p.macAddress,
          })
        : "",
    };
  }
  const n = network.networks.find((x) => x.id === choice.id);
  return {
    title: n?.name ?? choice.id,
    detail: n ? n.subnets.map((s) => s.cidr).join(", ") || t("noSubnet") : "",
  };
}

/** The ordered list: buttons to move and remove; Alt+Arrow keys on a row's buttons move it too, focus following. */
function ChosenList({ network, nics, onNics }: Pick<NetworksStepProps, "network" | "nics" | "onNics">) {
  const t = useTranslations("compute.launch.networks");
  const listRef = useRef<HTMLOListElement>(null);
  const focusRow = (index: number) =>
    requestAnimationFrame(() =>
      listRef.current
        ?.querySelectorAll<HTMLElement>("[data-nic-row]")
        [index]?.querySelector<HTMLButtonElement>("button:not(:disabled)")
        ?.focus(),
    );
  const move = (index: number, delta: -1 | 1) => {
    onNics(moveNic(nics, index, delta));
    focusRow(index + delta);
  };
  const remove = (index: number) => {
    onNics(removeNic(nics, index));
    // Keep the keyboard in the list: the row that takes this place, or the new last one.
    if (nics.length > 1) focusRow(Math.min(index, nics.length - 2));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>, index: number) => {
    if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
    event.preventDefault();
    move(index, event.key === "ArrowUp" ? -1 : 1);
  };
  if (nics.length === 0) {
    return (
      <p className="rounded-md border border-dashed border-border p-3 text-sm text-fg-muted">
        {t("noneChosen")}
      </p>
    );
  }
  return (
    <ol ref={listRef} aria-label={t("chosenLabel")} className="flex flex-col gap-1.5">
      {nics.map((choice, index) => {
        const { title, detail } = describe(network, choice, t);
        return (
          <li
            // biome-ignore lint/suspicious/noArrayIndexKey: a network may be chosen twice; the position is the identity
            key={`${choice.kind}-${choice.id}-${index}`}
            data-nic-row
            onKeyDown={(e) => onKeyDown(e, index)}
            aria-label={t("rowLabel", { index, title })}
            className="flex items-center gap-2 rounded-md border border-border bg-surface px-3 py-2"
          >
            {/* i18n-ignore: the guest's interface name (eth0…), the same in every language */}
            <span className="w-10 font-mono text-xs text-fg-muted">eth{index}</span>
            <span className="min-w-0 flex-1">
              <span className="block truncate text-sm font-medium">{title}</span>
              <span className="block truncate font-mono text-xs text-fg-muted">{detail}</span>
            </span>
            <Button
              size="sm"
              variant="ghost"
              aria-label={t("moveUp", { title })}
              disabled={index === 0}
              onClick={() => move(index, -1)}
            >
              <ArrowUp size={14} aria-hidden />
            </Button>
            <Button
              size="sm"
              variant="ghost"
              aria-label={t("moveDown", { title })}
              disabled={index === nics.length - 1}
              onClick={() => move(index, 1)}
            >
              <ArrowDown size={14} aria-hidden />
            </Button>
            <Button
              size="sm"
              variant="ghost"
              aria-label={t("remove", { title })}
              onClick={() => remove(index)}
            >
              <X size={14} aria-hidden />
            </Button>
          </li>
        );
      })}
    </ol>
  );
}

export function NetworksStep({
  network,
  nics,
  withoutNetwork,
  onWithoutNetwork,
  securityGroupIds,
  count,
  instancesLeft,
  onNics,
  onSecurityGroups,
  errors,
}: NetworksStepProps) {
  const t = useTranslations("compute.launch.networks");
  const tRules = useTranslations("compute.launch.rules");
  const tDetails = useTranslations("compute.launch.details");
  const full = nics.length >= MAX_NICS;
  const usedPorts = new Set(nics.filter((c) => c.kind === "port").map((c) => c.id));
  const freePorts = network.ports.filter((p) => !usedPorts.has(p.id));
  const toggleGroup = (id: string, on: boolean) =>
    onSecurityGroups(on ? [...securityGroupIds, id] : securityGroupIds.filter((g) => g !== id));
  const without = (
    <CheckboxField
      name="withoutNetwork"
      label={t("withoutNetwork")}
      checked={withoutNetwork}
      onChange={(e) => onWithoutNetwork(e.target.checked)}
    />
  );
  if (withoutNetwork) {
    return (
      <div className="flex flex-col gap-3">
        {without}
        <p className="text-sm text-fg-muted">{t("noInterface")}</p>
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-5">
      {without}
      <section aria-labelledby="nics-chosen" className="flex flex-col gap-2">
        <h3 id="nics-chosen" className="text-sm font-medium">
          {t.rich("interfaces", {
            muted: (chunks) => <span className="font-normal text-fg-muted">{chunks}</span>,
          })}
        </h3>
        <ChosenList network={network} nics={nics} onNics={onNics} />
        {errors.networks ? (
          <p role="alert" className="text-sm text-danger">
            {errors.networks}
          </p>
        ) : null}
        <p className="text-xs text-fg-muted">
          {t("quotaLines", {
            ports: portQuotaLine(network.portQuota, portsNeeded(nics, count), tRules),
            instances: Number.isFinite(instancesLeft)
              ? tDetails("quotaAllows", { count: instancesLeft })
              : tDetails("noInstanceLimit"),
          })}
        </p>
      </section>

      <section aria-labelledby="nics-networks" className="flex flex-col gap-2">
        <h3 id="nics-networks" className="text-sm font-medium">
          {t("availableNetworks")}
        </h3>
        {network.networks.length === 0 ? (
          <p className="text-sm text-fg-muted">
            {t.rich("noNetworkYet", {
              link: (chunks) => (
                <Link href="/project/networks" className="text-accent hover:underline">
                  {chunks}
                </Link>
              ),
            })}
          </p>
        ) : (
          <ul className="flex flex-col gap-1">
            {network.networks.map((n) => (
              <li key={n.id} className="flex items-center gap-3 text-sm">
                <Button
                  size="sm"
                  aria-label={t("addNetwork", { name: n.name })}
                  disabled={full}
                  onClick={() => onNics(addNic(nics, { kind: "network", id: n.id }))}
                >
                  <Plus size={14} aria-hidden /> {t("add")}
                </Button>
                <span className="font-medium">{n.name}</span>
                <span className="font-mono text-xs text-fg-muted">
                  {n.subnets.map((s) => s.cidr).join(", ") || t("noSubnet")}
                </span>
                {n.shared ? <span className="text-xs text-fg-muted">{t("shared")}</span> : null}
                {n.external ? <span className="text-xs text-fg-muted">{t("external")}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      {freePorts.length > 0 ? (
        <section aria-labelledby="nics-ports" className="flex flex-col gap-2">
          <h3 id="nics-ports" className="text-sm font-medium">
            {t("freePorts")}
          </h3>
          <ul className="flex flex-col gap-1">
            {freePorts.map((p) => (
              <li key={p.id} className="flex items-center gap-3 text-sm">
                <Button
                  size="sm"
                  aria-label={t("addPort", { name: p.name || p.id })}
                  disabled={full}
                  onClick={() => onNics(addNic(nics, { kind: "port", id: p.id }))}
                >
                  <Plus size={14} aria-hidden /> {t("add")}
                </Button>
                <span className="font-medium">{p.name || p.id.slice(0, 8)}</span>
                <span className="font-mono text-xs text-fg-muted">
                  {t("portSummary", {
                    network: p.networkName,
                    addresses: p.fixedIps.join(", ") || t("noAddress"),
                  })}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <fieldset className="flex flex-col gap-1.5">
        <legend className="mb-1 text-sm font-medium">{t("securityGroups")}</legend>
        {network.securityGroups.map((g) => (
          <CheckboxField
            key={g.id}
            name="securityGroupIds"
            label={g.description ? t("groupOption", { name: g.name, description: g.description }) : g.name}
            checked={securityGroupIds.includes(g.id)}
            onChange={(e) => toggleGroup(g.id, e.target.checked)}
          />
        ))}
        <p className="text-xs text-fg-muted">
          {t("groupsHint")}{" "}
          <Link
            href="/project/security-groups"
            target="_blank"
            rel="noopener"
            className="inline-flex items-center gap-1 text-accent hover:underline"
          >
            {t("manageGroups")} <ExternalLink size={12} aria-hidden />
            <span className="sr-only">{t("opensInNewTab")}</span>
          </Link>
        </p>
        {errors.securityGroupIds ? (
          <p role="alert" className="text-sm text-danger">
            {errors.securityGroupIds}
          </p>
        ) : null}
      </fieldset>
    </div>
  );
}
