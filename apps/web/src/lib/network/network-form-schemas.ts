import {
  inSubnet,
  isNetworkAddress,
  networkCidrOf,
  parseCidr,
  parseIp,
  versionOf,
} from "@zenith/net-rules/ip";
import type { useTranslations } from "next-intl";
import { z } from "zod";

/** The validation messages, in the reader's language (`network.validation`). */
export type NetworkValidationT = ReturnType<typeof useTranslations<"network.validation">>;

/**
 * The network and subnet forms: FormData strings in, the BFF's input out.
 * Lists are typed one entry a line (commas also separate DNS servers).
 * CIDR, gateway, pools and routes are checked here with `ip-address`, so
 * most mistakes show on their field before anything is sent; what only the
 * cloud knows (an overlap) comes back from it on the same field.
 */

export const MAX_DNS = 5;
export const MAX_POOLS = 20;
export const MAX_ROUTES = 20;

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on");
const text = (t: NetworkValidationT, max: number) =>
  z
    .string()
    .max(max, t("atMost", { max }))
    .optional()
    .transform((v) => v?.trim() ?? "");

const lines = (v: string | undefined, commas = false): string[] =>
  (v ?? "")
    .split(commas ? /[\n,]/ : /\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");

export interface SubnetFormOutput {
  name: string;
  cidr: string;
  gatewayIp?: string | null;
  enableDhcp: boolean;
  dnsNameservers: string[];
  allocationPools: { start: string; end: string }[];
  hostRoutes: { destination: string; nexthop: string }[];
}

const subnetShape = (t: NetworkValidationT) => ({
  name: text(t, 255),
  cidr: z
    .string()
    .max(64, t("atMost", { max: 64 }))
    .optional(),
  gatewayIp: text(t, 64),
  noGateway: checkbox,
  enableDhcp: checkbox,
  dnsNameservers: z.string().max(2000, t("tooLong")).optional(),
  allocationPools: z.string().max(4000, t("tooLong")).optional(),
  hostRoutes: z.string().max(4000, t("tooLong")).optional(),
});

/**
 * The subnet fields. For a new subnet the CIDR is typed; when editing it is
 * fixed (`fixedCidr`), and a blank gateway then means "leave as it is".
 */
export function subnetFormSchema(t: NetworkValidationT, fixedCidr?: string) {
  return z.object(subnetShape(t)).transform((v, ctx): SubnetFormOutput => {
    const fail = (path: string, message: string) => {
      ctx.addIssue({ code: "custom", path: [path], message });
    };
    const cidrText = (fixedCidr ?? v.cidr ?? "").trim();
    const cidr = parseCidr(cidrText);
    if (fixedCidr === undefined) {
      if (cidrText === "") fail("cidr", t("enterCidr"));
      else if (!cidr) fail("cidr", t("cidrForm"));
      else if (!isNetworkAddress(cidr))
        fail("cidr", t("notNetworkAddress", { cidr: cidrText, network: networkCidrOf(cidr) }));
    }

    let gatewayIp: string | null | undefined;
    if (v.noGateway) gatewayIp = null;
    else if (v.gatewayIp !== "") {
      const gw = parseIp(v.gatewayIp);
      if (!gw) fail("gatewayIp", t("gatewayIp"));
      else if (cidr && !inSubnet(gw, cidr)) fail("gatewayIp", t("gatewayInside", { cidr: cidrText }));
      gatewayIp = v.gatewayIp;
    }

    const dnsNameservers = lines(v.dnsNameservers, true);
    if (dnsNameservers.length > MAX_DNS) fail("dnsNameservers", t("maxDns", { max: MAX_DNS }));
    for (const dns of dnsNameservers) {
      const ip = parseIp(dns);
      if (!ip) fail("dnsNameservers", t("dnsNotIp", { dns }));
      else if (cidr && versionOf(ip) !== versionOf(cidr))
        fail("dnsNameservers", t("dnsVersion", { dns, version: versionOf(cidr) }));
    }

    const allocationPools: { start: string; end: string }[] = [];
    const poolLines = lines(v.allocationPools);
    if (poolLines.length > MAX_POOLS) fail("allocationPools", t("maxPools", { max: MAX_POOLS }));
    for (const line of poolLines) {
      const [startText = "", endText = "", ...rest] = line.split(/\s*[-,]\s*|\s+/);
      const start = parseIp(startText);
      const end = parseIp(endText);
      if (!start || !end || rest.length > 0) {
        fail("allocationPools", t("poolFormat", { line }));
      } else if (cidr && (!inSubnet(start, cidr) || !inSubnet(end, cidr))) {
        fail("allocationPools", t("poolInside", { line, cidr: cidrText }));
      } else if (start.bigInt() > end.bigInt()) {
        fail("allocationPools", t("poolOrder", { line }));
      } else {
        allocationPools.push({ start: startText, end: endText });
      }
    }

    const hostRoutes: { destination: string; nexthop: string }[] = [];
    const routeLines = lines(v.hostRoutes);
    if (routeLines.length > MAX_ROUTES) fail("hostRoutes", t("maxHostRoutes", { max: MAX_ROUTES }));
    for (const line of routeLines) {
      const [destination = "", nexthop = "", ...rest] = line.split(/\s*,\s*|\s+via\s+|\s+/);
      if (!parseCidr(destination) || !parseIp(nexthop) || rest.length > 0) {
        fail("hostRoutes", t("hostRouteFormat", { line }));
      } else {
        hostRoutes.push({ destination, nexthop });
      }
    }

    return {
      name: v.name,
      cidr: cidrText,
      ...(gatewayIp !== undefined ? { gatewayIp } : {}),
      enableDhcp: v.enableDhcp,
      dnsNameservers,
      allocationPools,
      hostRoutes,
    };
  });
}

export const NETWORK_TYPES = ["flat", "vxlan", "local"] as const;

const nameField = (t: NetworkValidationT) =>
  z
    .string()
    .trim()
    .min(1, t("enterName"))
    .max(255, t("atMost", { max: 255 }));

const networkShape = (t: NetworkValidationT) => ({
  name: nameField(t),
  description: text(t, 255),
  adminStateUp: checkbox,
  shared: checkbox,
  external: checkbox,
  projectId: text(t, 64),
  provider: z
    .object({
      networkType: z.union([z.literal(""), z.enum(NETWORK_TYPES)]).optional(),
      physicalNetwork: text(t, 64),
      segmentationId: text(t, 10),
    })
    .optional(),
  subnet: subnetFormSchema(t).optional(),
});

export interface NetworkFormOutput {
  name: string;
  description?: string;
  adminStateUp: boolean;
  shared?: boolean;
  external?: boolean;
  projectId?: string;
  provider?: {
    networkType: (typeof NETWORK_TYPES)[number];
    physicalNetwork?: string;
    segmentationId?: number;
  };
  subnet?: SubnetFormOutput;
}

/** The create-network form; the admin fields are only sent when `admin` (the BFF refuses them otherwise). */
export function networkFormSchema(t: NetworkValidationT, admin: boolean) {
  return z.object(networkShape(t)).transform((v, ctx): NetworkFormOutput => {
    const out: NetworkFormOutput = { name: v.name, adminStateUp: v.adminStateUp };
    if (v.description) out.description = v.description;
    if (v.subnet) out.subnet = v.subnet;
    if (!admin) return out;
    if (v.shared) out.shared = true;
    if (v.external) out.external = true;
    if (v.projectId) out.projectId = v.projectId;
    const p = v.provider;
    if (p?.networkType) {
      const provider: NonNullable<NetworkFormOutput["provider"]> = { networkType: p.networkType };
      if (p.networkType === "flat") {
        if (!p.physicalNetwork)
          ctx.addIssue({
            code: "custom",
            path: ["provider", "physicalNetwork"],
            message: t("flatNeedsPhysical"),
          });
        else provider.physicalNetwork = p.physicalNetwork;
      }
      if (p.networkType === "vxlan" && p.segmentationId) {
        const id = Number(p.segmentationId);
        if (!Number.isInteger(id) || id < 1 || id > 16_777_215)
          ctx.addIssue({
            code: "custom",
            path: ["provider", "segmentationId"],
            message: t("vxlanId"),
          });
        else provider.segmentationId = id;
      }
      out.provider = provider;
    }
    return out;
  });
}

export function editNetworkFormSchema(t: NetworkValidationT) {
  return z.object({
    name: nameField(t),
    description: z
      .string()
      .trim()
      .max(255, t("atMost", { max: 255 })),
    adminStateUp: checkbox,
    shared: checkbox,
  });
}

/**
 * FormData keys name nested fields with dots (`subnet.cidr`), so a form's
 * zod paths and the BFF's field errors use the same keys.
 */
export function nestValues(values: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    const parts = key.split(".");
    let node = out;
    parts.slice(0, -1).forEach((part) => {
      const next = node[part];
      if (typeof next === "object" && next !== null) node = next as Record<string, unknown>;
      else {
        const created: Record<string, unknown> = {};
        node[part] = created;
        node = created;
      }
    });
    const last = parts.at(-1);
    if (last !== undefined) node[last] = value;
  }
  return out;
}

/**
 * Field errors from the BFF name list items (`subnet.allocationPools.0`);
 * the form shows them on the list's one field.
 */
export function foldListPaths(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(fields)) {
    const folded = key.replace(/\.\d+(\..*)?$/, "");
    if (!(folded in out)) out[folded] = message;
  }
  return out;
}
