import {
  inSubnet,
  isNetworkAddress,
  networkCidrOf,
  parseCidr,
  parseIp,
  versionOf,
} from "@zenith/net-rules/ip";
import { z } from "zod";

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
const text = (max: number) =>
  z
    .string()
    .max(max, `At most ${max} characters.`)
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

const subnetShape = {
  name: text(255),
  cidr: z.string().max(64, "At most 64 characters.").optional(),
  gatewayIp: text(64),
  noGateway: checkbox,
  enableDhcp: checkbox,
  dnsNameservers: z.string().max(2000, "Too long.").optional(),
  allocationPools: z.string().max(4000, "Too long.").optional(),
  hostRoutes: z.string().max(4000, "Too long.").optional(),
};

/**
 * The subnet fields. For a new subnet the CIDR is typed; when editing it is
 * fixed (`fixedCidr`), and a blank gateway then means "leave as it is".
 */
export function subnetFormSchema(fixedCidr?: string) {
  return z.object(subnetShape).transform((v, ctx): SubnetFormOutput => {
    const fail = (path: string, message: string) => {
      ctx.addIssue({ code: "custom", path: [path], message });
    };
    const cidrText = (fixedCidr ?? v.cidr ?? "").trim();
    const cidr = parseCidr(cidrText);
    if (fixedCidr === undefined) {
      if (cidrText === "") fail("cidr", "Enter a CIDR, e.g. 10.0.1.0/24, or pick a suggestion.");
      else if (!cidr) fail("cidr", "Enter a CIDR such as 10.0.1.0/24.");
      else if (!isNetworkAddress(cidr))
        fail("cidr", `${cidrText} is not a network address; use ${networkCidrOf(cidr)}.`);
    }

    let gatewayIp: string | null | undefined;
    if (v.noGateway) gatewayIp = null;
    else if (v.gatewayIp !== "") {
      const gw = parseIp(v.gatewayIp);
      if (!gw) fail("gatewayIp", "Enter an IP address, e.g. 10.0.1.1.");
      else if (cidr && !inSubnet(gw, cidr)) fail("gatewayIp", `The gateway must lie inside ${cidrText}.`);
      gatewayIp = v.gatewayIp;
    }

    const dnsNameservers = lines(v.dnsNameservers, true);
    if (dnsNameservers.length > MAX_DNS) fail("dnsNameservers", `At most ${MAX_DNS} DNS servers.`);
    for (const dns of dnsNameservers) {
      const ip = parseIp(dns);
      if (!ip) fail("dnsNameservers", `${dns} is not an IP address.`);
      else if (cidr && versionOf(ip) !== versionOf(cidr))
        fail("dnsNameservers", `${dns}: use IPv${versionOf(cidr)} addresses.`);
    }

    const allocationPools: { start: string; end: string }[] = [];
    const poolLines = lines(v.allocationPools);
    if (poolLines.length > MAX_POOLS) fail("allocationPools", `At most ${MAX_POOLS} pools.`);
    for (const line of poolLines) {
      const [startText = "", endText = "", ...rest] = line.split(/\s*[-,]\s*|\s+/);
      const start = parseIp(startText);
      const end = parseIp(endText);
      if (!start || !end || rest.length > 0) {
        fail("allocationPools", `"${line}": write each pool as start-end, e.g. 10.0.1.10-10.0.1.99.`);
      } else if (cidr && (!inSubnet(start, cidr) || !inSubnet(end, cidr))) {
        fail("allocationPools", `The pool ${line} must lie inside ${cidrText}.`);
      } else if (start.bigInt() > end.bigInt()) {
        fail("allocationPools", `The pool ${line} ends before it starts.`);
      } else {
        allocationPools.push({ start: startText, end: endText });
      }
    }

    const hostRoutes: { destination: string; nexthop: string }[] = [];
    const routeLines = lines(v.hostRoutes);
    if (routeLines.length > MAX_ROUTES) fail("hostRoutes", `At most ${MAX_ROUTES} routes.`);
    for (const line of routeLines) {
      const [destination = "", nexthop = "", ...rest] = line.split(/\s*,\s*|\s+via\s+|\s+/);
      if (!parseCidr(destination) || !parseIp(nexthop) || rest.length > 0) {
        fail(
          "hostRoutes",
          `"${line}": write each route as destination,nexthop, e.g. 192.168.0.0/24,10.0.1.5.`,
        );
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

const networkShape = {
  name: z.string().trim().min(1, "Enter a name.").max(255, "At most 255 characters."),
  description: text(255),
  adminStateUp: checkbox,
  shared: checkbox,
  external: checkbox,
  projectId: text(64),
  provider: z
    .object({
      networkType: z.union([z.literal(""), z.enum(NETWORK_TYPES)]).optional(),
      physicalNetwork: text(64),
      segmentationId: text(10),
    })
    .optional(),
  subnet: subnetFormSchema().optional(),
};

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
export function networkFormSchema(admin: boolean) {
  return z.object(networkShape).transform((v, ctx): NetworkFormOutput => {
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
            message: "A flat network needs a physical network, e.g. public.",
          });
        else provider.physicalNetwork = p.physicalNetwork;
      }
      if (p.networkType === "vxlan" && p.segmentationId) {
        const id = Number(p.segmentationId);
        if (!Number.isInteger(id) || id < 1 || id > 16_777_215)
          ctx.addIssue({
            code: "custom",
            path: ["provider", "segmentationId"],
            message: "A VXLAN id is a whole number from 1 to 16777215.",
          });
        else provider.segmentationId = id;
      }
      out.provider = provider;
    }
    return out;
  });
}

export const EditNetworkFormSchema = z.object({
  name: networkShape.name,
  description: z.string().trim().max(255, "At most 255 characters."),
  adminStateUp: checkbox,
  shared: checkbox,
});

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
