"use client";

import { defaultGateway } from "@zenith/net-rules/ip";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { CheckboxField } from "@/components/form/checkbox-field";
import { TextField } from "@/components/form/text-field";
import { TextareaField } from "@/components/form/textarea-field";
import type { FieldErrors } from "@/lib/field-errors";
import { MAX_DNS } from "@/lib/network/network-form-schemas";
import { trpc } from "@/trpc/react";

const PREFIXES = [16, 20, 22, 24, 26, 28] as const;

export interface SubnetDefaults {
  name?: string;
  cidr?: string;
  gatewayIp?: string | null;
  enableDhcp?: boolean;
  dnsNameservers?: string[];
  allocationPools?: { start: string; end: string }[];
  hostRoutes?: { destination: string; nexthop: string }[];
}

interface SubnetFieldsProps {
  /** `subnet.` inside the network form, "" in the subnet dialogs: field names match the BFF's error paths. */
  prefix: "" | "subnet.";
  errors: FieldErrors;
  /** Editing: the CIDR is fixed and shown, not typed. */
  fixedCidr?: string;
  defaults?: SubnetDefaults;
}

/** Free private CIDRs the project does not use yet; a click fills the CIDR field. */
function CidrSuggestions({ onPick }: { onPick: (cidr: string) => void }) {
  const t = useTranslations("network.subnetForm");
  const [prefixLength, setPrefixLength] = useState<number>(24);
  const selectId = useId();
  const query = trpc.network.networks.cidrSuggestions.useQuery(
    { prefixLength, count: 4 },
    { staleTime: 15_000 },
  );
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" aria-live="polite">
      <label htmlFor={selectId} className="text-fg-muted">
        {t("freeRanges")}
      </label>
      <select
        id={selectId}
        value={prefixLength}
        onChange={(e) => setPrefixLength(Number(e.target.value))}
        className="h-8 rounded-md border border-border bg-surface px-2 text-sm"
      >
        {PREFIXES.map((p) => (
          <option key={p} value={p}>
            /{p}
          </option>
        ))}
      </select>
      {query.isLoading ? <span className="text-fg-muted">{t("finding")}</span> : null}
      {query.error ? <span className="text-fg-muted">{t("noSuggestions")}</span> : null}
      {query.data?.cidrs.map((cidr) => (
        <button
          key={cidr}
          type="button"
          onClick={() => onPick(cidr)}
          aria-label={t("useCidr", { cidr })}
          className="rounded-full border border-border bg-surface-muted px-2.5 py-0.5 font-mono text-xs hover:border-accent hover:text-accent focus-visible:outline-2 focus-visible:outline-accent"
        >
          {cidr}
        </button>
      ))}
    </div>
  );
}

/** The subnet part of a form: CIDR (with suggestions), gateway, DHCP, DNS servers, pools and routes. */
export function SubnetFields({ prefix, errors, fixedCidr, defaults = {} }: SubnetFieldsProps) {
  const t = useTranslations("network.subnetForm");
  const [cidr, setCidr] = useState(defaults.cidr ?? "");
  const [noGateway, setNoGateway] = useState(defaults.gatewayIp === null);
  const field = (name: string) => `${prefix}${name}`;
  const shownCidr = fixedCidr ?? cidr;
  const firstAddress = defaultGateway(shownCidr);
  const gatewayHint = fixedCidr
    ? t("gatewayKeep")
    : firstAddress
      ? t("gatewayDefault", { gateway: firstAddress })
      : t("gatewayFirst");
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <TextField
        label={t("subnetName")}
        name={field("name")}
        defaultValue={defaults.name ?? ""}
        error={errors[field("name")]}
        autoComplete="off"
      />
      {fixedCidr ? (
        <TextField
          label={t("cidr")}
          name="cidr-fixed"
          value={fixedCidr}
          readOnly
          disabled
          hint={t("cidrFixed")}
        />
      ) : (
        <TextField
          label={t("cidr")}
          name={field("cidr")}
          value={cidr}
          onChange={(e) => setCidr(e.target.value)}
          placeholder="10.0.1.0/24"
          error={errors[field("cidr")]}
          autoComplete="off"
          spellCheck={false}
        />
      )}
      {fixedCidr ? null : (
        <div className="sm:col-span-2">
          <CidrSuggestions onPick={setCidr} />
        </div>
      )}
      <TextField
        label={t("gatewayIp")}
        name={field("gatewayIp")}
        defaultValue={defaults.gatewayIp ?? ""}
        disabled={noGateway}
        error={errors[field("gatewayIp")]}
        hint={noGateway ? t("noGatewayHint") : gatewayHint}
        autoComplete="off"
        spellCheck={false}
      />
      <div className="flex flex-col justify-center gap-2">
        <CheckboxField
          label={t("noGateway")}
          name={field("noGateway")}
          checked={noGateway}
          onChange={(e) => setNoGateway(e.target.checked)}
        />
        <CheckboxField
          label={t("dhcp")}
          name={field("enableDhcp")}
          defaultChecked={defaults.enableDhcp ?? true}
        />
      </div>
      <TextareaField
        label={t("dns")}
        name={field("dnsNameservers")}
        defaultValue={(defaults.dnsNameservers ?? []).join("\n")}
        placeholder="192.0.2.53"
        error={errors[field("dnsNameservers")]}
        hint={t("dnsHint", { max: MAX_DNS })}
        spellCheck={false}
      />
      <TextareaField
        label={t("pools")}
        name={field("allocationPools")}
        defaultValue={(defaults.allocationPools ?? []).map((p) => `${p.start}-${p.end}`).join("\n")}
        placeholder="10.0.1.10-10.0.1.200"
        error={errors[field("allocationPools")]}
        hint={t("poolsHint")}
        spellCheck={false}
      />
      <div className="sm:col-span-2">
        <TextareaField
          label={t("routes")}
          name={field("hostRoutes")}
          defaultValue={(defaults.hostRoutes ?? []).map((r) => `${r.destination},${r.nexthop}`).join("\n")}
          placeholder="192.168.0.0/24,10.0.1.5"
          error={errors[field("hostRoutes")]}
          hint={t("routesHint")}
          spellCheck={false}
        />
      </div>
    </div>
  );
}
