import type { KeyedMessage, MessageParams } from "@zenith/core/errors";

/**
 * Every sentence the BFF writes for a user, by key. The English here is what
 * the API and the logs say; the portal says the same key in the reader's
 * language (apps/web/messages/<locale>/bffErrors.json, whose English must read
 * exactly as these do: apps/web/src/lib/bff-messages.test.ts). Params are
 * plain values — names, numbers, addresses — never words to translate.
 * Upstream clouds' messages are not here: they pass through as written.
 */

/**
 * The catalog services the BFF names, by type. `serviceId` is the name the
 * portal's `cloud.serviceMissing` selects on (ICU keywords cannot hold a
 * hyphen); any other type is `other` and shown as its `service` type.
 */
const SERVICES: Record<string, { id: string; label: string }> = {
  compute: { id: "compute", label: "compute (Nova)" },
  image: { id: "image", label: "image (Glance)" },
  network: { id: "network", label: "network (Neutron)" },
  "block-storage": { id: "blockStorage", label: "block storage (Cinder)" },
};

/** The params of `cloud.serviceMissing` for a catalog type. */
export function missingServiceParams(type: string): { service: string; serviceId: string } {
  return { service: type, serviceId: SERVICES[type]?.id ?? "other" };
}

const serviceLabel = (p: { service: string; serviceId: string }) =>
  Object.values(SERVICES).find((s) => s.id === p.serviceId)?.label ?? p.service;

const MESSAGES = {
  "auth.notLoggedIn": () => "You are not logged in.",
  "auth.sessionExpired": () => "Your session has expired. Please log in again.",
  "auth.selectProject": () => "Select a project first.",
  "auth.adminRequired": () => "You need the admin role in the cloud's admin project.",
  "auth.noProjectAccess": () => "You do not have access to this project.",
  "cloud.serviceMissing": (p: { service: string; serviceId: string }) =>
    `This cloud has no ${serviceLabel(p)} service in its catalog.`,
  "cloud.unavailable": () => "The cloud service is unavailable. Try again shortly.",
  "cloud.failed": () => "The cloud service failed.",
  "cloud.unexpected": (p: { requestId: string }) =>
    `An unexpected error occurred (request id ${p.requestId}).`,
  "field.required": () => "Required",
  // zod's own issues, worded by the BFF (apps/bff/src/zod-fields.ts).
  "field.tooShort": (p: { minimum: number }) =>
    p.minimum === 1 ? "Must not be empty" : `Must be at least ${p.minimum} characters`,
  "field.tooLong": (p: { maximum: number }) => `Must be at most ${p.maximum} characters`,
  "field.tooSmall": (p: { minimum: number }) => `Must be at least ${p.minimum}`,
  "field.tooLarge": (p: { maximum: number }) => `Must be at most ${p.maximum}`,
  "field.notAbove": (p: { minimum: number }) => `Must be more than ${p.minimum}`,
  "field.notBelow": (p: { maximum: number }) => `Must be less than ${p.maximum}`,
  "field.tooFew": (p: { minimum: number }) => `Choose at least ${p.minimum}`,
  "field.tooMany": (p: { maximum: number }) => `Choose at most ${p.maximum}`,
  "field.wrongType": () => "Has the wrong type",
  "field.notInteger": () => "Must be a whole number",
  "field.invalidFormat": (p: { format: string }) => `Not a valid ${p.format}`,
  "field.notAllowed": () => "Is not one of the allowed values",
  "field.unknownKeys": (p: { keys: string }) => `Unknown fields: ${p.keys}`,

  "identity.cannotDeleteSelf": () => "You cannot delete the user you are logged in as.",
  "identity.noCredentialSecret": () => "Keystone did not return the credential secret.",
  "identity.userOrGroup": () => "Give either userId or groupId",
  "identity.wrongPassword": () => "The current password is incorrect.",

  "compute.listOthersAdminOnly": () => "Only administrators can list instances of other projects or hosts.",
  "compute.portNotAttached": (p: { port: string; instance: string }) =>
    `Port ${p.port} is not attached to instance ${p.instance}.`,
  "compute.noInterfaces": () => "The instance has no interfaces: attach one before choosing security groups.",
  "compute.choosePortIpv4": () => "Choose one of the port's IPv4 addresses for the floating IP.",
  "compute.notPortIpv4": () => "Not an IPv4 address of this port.",
  "compute.floatingIpNotAssociated": (p: { address: string; instance: string }) =>
    `Floating IP ${p.address} is not associated with instance ${p.instance}.`,

  "network.listOthersAdminOnly": () => "Only cloud administrators can list the networks of other projects.",
  "network.createSpecialAdminOnly": () =>
    "Only cloud administrators can create shared, external or provider networks, or networks for other projects.",
  "network.shareAdminOnly": () => "Only cloud administrators can share networks.",
  "network.ownedByOther": (p: { network: string }) =>
    `Network ${p.network} belongs to another project; only its owner can delete it.`,
  // What holds the network, as counts and names (up to five, then "…"): the portal's catalogue
  // words each part with ICU plurals, so no English phrase travels as a param.
  "network.inUse": (p: NetworkUsage & { network: string }) =>
    `Network ${p.network} is in use.${usagePart(p.instanceCount, ` Instance on it: ${p.instances}.`, ` ${p.instanceCount} instances on it: ${p.instances}.`)}${usagePart(p.routerCount, ` Interface of router ${p.routers}.`, ` Interfaces of ${p.routerCount} routers: ${p.routers}.`)}${usagePart(p.gatewayCount, ` Gateway of router ${p.gateways}.`, ` Gateways of ${p.gatewayCount} routers: ${p.gateways}.`)}${usagePart(p.floatingIps, " 1 floating IP.", ` ${p.floatingIps} floating IPs.`)}${usagePart(p.otherPorts, " 1 other port.", ` ${p.otherPorts} other ports.`)} Remove them first.`,
  "network.listAllAdminOnly": () => "Only cloud administrators can list every project's resources.",

  "securityGroup.defaultReserved": () => "The name default is reserved for the project's default group.",
  "securityGroup.defaultReservedField": () => "default is reserved; choose another name.",
  "securityGroup.defaultRename": () => "The default security group cannot be renamed.",
  "securityGroup.defaultKeepsName": () => "The default group keeps its name.",
  "securityGroup.defaultDelete": () =>
    "The default security group cannot be deleted: every project keeps one. Remove or change its rules instead.",

  "router.snatAdminOnly": () => "Only cloud administrators can choose whether a router does SNAT.",
  "router.snatAdminOnlyField": () => "Only cloud administrators can change SNAT.",
  "router.hasInterfaces": (p: { router: string; count: number; addresses: string }) =>
    `Router ${p.router} still has ${p.count === 1 ? "1 interface" : `${p.count} interfaces`} (${p.addresses}). Remove its interfaces first, then delete it.`,
  "router.listOthersAdminOnly": () => "Only cloud administrators can list routers of other projects.",

  "topology.othersAdminOnly": () =>
    "Only cloud administrators can view the topology of other projects or of all projects.",
  "topology.tooLarge": (p: { nodes: number; edges: number }) =>
    `The topology has ${p.nodes} nodes and ${p.edges} edges, more than one view can show: choose a project.`,

  "floatingIp.othersInstancesAdminOnly": () =>
    "Only cloud administrators can see another project's instances.",
  "floatingIp.portNotInProject": () => "That port does not exist or is not in this floating IP's project.",
  "floatingIp.choosePort": () => "Choose one of the instance's ports.",
  "floatingIp.notPortIpv4": () => "That address is not one of the port's IPv4 addresses.",
  "floatingIp.chooseOneOf": (p: { addresses: string }) => `Choose one of: ${p.addresses}.`,
  "floatingIp.noIpv4": () => "Choose one of: none.",
  "floatingIp.severalIpv4": () => "The port has several IPv4 addresses: choose one.",
  "floatingIp.chooseAddress": () => "Choose which of the port's addresses to map.",

  "volume.listAllAdminOnly": () => "Only cloud administrators can list every project's volumes.",
  "volume.chooseVolume": () => "Choose a volume or create one.",
  "volume.newVolumeFailed": (p: { status: string }) =>
    `The new volume failed (${p.status}); it was not attached.`,
  "volume.stillCreating": () => "The new volume is still being created; attach it once it is available.",
  "volume.transferNoAuthKey": () => "The cloud created the transfer but sent no auth key.",
  "volume.sizeTooSmall": (p: { size: number }) => `The new size must be larger than ${p.size} GiB.`,
  "volume.newSizeMin": (p: { size: number }) => `Must be more than ${p.size} GiB.`,
  "volume.confirmNameMismatch": () => "The name typed does not match the volume's.",
  "volume.typeNameToConfirm": (p: { name: string }) => `Type "${p.name}" to confirm.`,
  "volume.detachBeforeDelete": () => "Detach the volume from its instances before deleting it.",
} satisfies Record<string, (() => string) | ((params: never) => string)>;

export type BffMessageKey = keyof typeof MESSAGES;
/** What holds a network (services/network/networks.ts `networkUsage`). */
export interface NetworkUsage {
  instanceCount: number;
  instances: string;
  routerCount: number;
  routers: string;
  gatewayCount: number;
  gateways: string;
  floatingIps: number;
  otherPorts: number;
}

/** A part of a sentence by count, as ICU's `plural` with `=0 {}`, `one` and `other` says it. */
function usagePart(count: number, one: string, other: string): string {
  return count === 0 ? "" : count === 1 ? one : other;
}

type ParamsOf<K extends BffMessageKey> = Parameters<(typeof MESSAGES)[K]>;

/** Every key the BFF can send (the portal's test holds its catalogue to them). */
export const BFF_MESSAGE_KEYS = Object.keys(MESSAGES) as BffMessageKey[];

/**
 * A BFF sentence with its key: `new ZenithError("BAD_REQUEST", say("volume.sizeTooSmall", { size: 10 }))`.
 * The params' types come from the sentence, so a call site cannot forget one.
 */
export function say<K extends BffMessageKey>(key: K, ...params: ParamsOf<K>): KeyedMessage {
  const given: MessageParams = params[0] ?? {};
  const build = MESSAGES[key] as (params: MessageParams) => string;
  return { text: build(given), key, params: given };
}
