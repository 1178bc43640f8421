import { Address4 } from "ip-address";
import type { useTranslations } from "next-intl";
import { z } from "zod";
import type { StatusTone } from "@/lib/compute/instance-status";
import type { NetworkValidationT } from "@/lib/network/network-form-schemas";

type FloatingIpsT = ReturnType<typeof useTranslations<"network.floatingIps">>;
type AssociateT = ReturnType<typeof useTranslations<"network.floatingIpAssociate">>;

/** Floating IP states as Neutron reports them: DOWN until the router has applied the NAT. */
export function floatingIpTone(status: string): StatusTone {
  if (status === "ACTIVE") return "success";
  if (status === "ERROR") return "danger";
  return "muted";
}

export function floatingIpStatusLabel(t: FloatingIpsT, status: string, associated: boolean): string {
  if (status === "DOWN" && associated) return t("pending");
  if (status === "DOWN") return t("unassociated");
  return t("statusLabel", { status, label: status.charAt(0) + status.slice(1).toLowerCase() });
}

export interface TargetPort {
  id: string;
  networkName: string;
  macAddress: string;
  fixedIps: { address: string; floatingIp: string | null }[];
}
export interface Target {
  id: string;
  name: string;
  ports: TargetPort[];
}

/**
 * What the associate dialog offers once an instance (and maybe a port) is
 * chosen: the instance's ports, the chosen port (the only one, or the
 * picked one), and its addresses. The port list shows only when there are
 * several; the address list only when the port has several.
 */
export function associateChoices(targets: readonly Target[], instanceId: string, portId: string) {
  const instance = targets.find((t) => t.id === instanceId);
  const ports = instance?.ports ?? [];
  const port = ports.length === 1 ? ports[0] : ports.find((p) => p.id === portId);
  const addresses = port?.fixedIps ?? [];
  return {
    instance,
    ports,
    port,
    choosePort: ports.length > 1,
    addresses,
    chooseAddress: addresses.length > 1,
  };
}

/** "private: 10.0.0.5 (fa:16:3e:…)" — how a port reads in the picker. */
export function portLabel(t: AssociateT, port: TargetPort): string {
  const ips = port.fixedIps.map((ip) => ip.address).join(", ");
  const parts = { network: port.networkName, mac: port.macAddress };
  return ips ? t("portLabel", { ...parts, ips }) : t("portLabelNoIp", parts);
}

/** The floating IP forms' schemas, built with the reader's language (call once per render, in a useMemo). */
export function floatingIpFormSchemas(t: NetworkValidationT) {
  const allocate = z.object({
    poolId: z.string().min(1, t("choosePool")).max(255),
    description: z
      .string()
      .trim()
      .max(255, t("useAtMost", { max: 255 }))
      .transform((v) => v || undefined),
  });

  const associate = z.object({
    instanceId: z.string().min(1, t("chooseInstance")).max(255),
    portId: z.string().min(1, t("choosePort")).max(255),
    fixedIp: z
      .string()
      .max(64)
      .optional()
      .transform((v) => v || undefined)
      .refine((v) => v === undefined || Address4.isValid(v), t("chooseAddress")),
  });
  return { allocate, associate };
}

/** The most rows the BFF gives in one list page. */
const LOOKUP_PAGE_SIZE = 100;

/**
 * One floating IP by id (the BFF lists floating IPs but has no lookup):
 * reads the list a page of 100 at a time until it turns up; null when it
 * is not there. `fetchPage` asks for one page with no filter.
 */
export async function findFloatingIp<T extends { id: string }>(
  id: string,
  fetchPage: (query: { page: number; pageSize: number }) => Promise<{ items: T[]; total: number }>,
): Promise<T | null> {
  for (let page = 1; ; page++) {
    const { items, total } = await fetchPage({ page, pageSize: LOOKUP_PAGE_SIZE });
    const found = items.find((item) => item.id === id);
    if (found) return found;
    if (items.length === 0 || page * LOOKUP_PAGE_SIZE >= total) return null;
  }
}
