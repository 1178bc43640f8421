import { createHash } from "node:crypto";
import { z } from "zod";
import { parseFlavorSnapshot } from "../../../services/compute/flavor-snapshot.ts";
import { isHostUp } from "../../../services/compute/host-liveness.ts";
import type { InstanceWithHost } from "../../../services/compute/servers/lookup.ts";
import { metadataOf } from "../../../services/compute/servers/metadata.ts";
import {
  addressesOf,
  type InterfaceView,
  securityGroupNamesOf,
} from "../../../services/compute/servers/networking/views.ts";
import { serverStatus, VmState } from "../../../services/compute/servers/states.ts";
import { atLeast, type Microversion } from "../microversion.ts";
import { type ComputeLinks, novaTime } from "../render-common.ts";

export interface ServerRenderContext {
  mv: Microversion;
  admin: boolean;
  links: ComputeLinks;
}

const ZFault = z.object({ code: z.int(), message: z.string(), created: z.string() });
/** Statuses that show `progress`, as Nova's view builder. */
const PROGRESS_STATUSES = new Set(["ACTIVE", "BUILD", "REBUILD", "RESIZE", "VERIFY_RESIZE", "MIGRATING"]);

/** Nova's `created`/`updated`: seconds precision with a Z. */
export function isoSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** Nova's `hostId`: an opaque per-project hash of the host name (never the name itself). */
function hostIdOf(projectId: string, host: string | undefined): string {
  return host
    ? createHash("sha224")
        .update(projectId + host)
        .digest("hex")
    : "";
}

function hostStatus(inst: InstanceWithHost): string {
  const host = inst.host;
  if (!host) return "";
  if (host.forcedDown) return "DOWN";
  if (!host.lastHeartbeat) return "UNKNOWN";
  if (!isHostUp(host)) return "DOWN";
  return host.disabled ? "MAINTENANCE" : "UP";
}

/** `GET /servers` entries. */
export function renderServerSummary(ctx: ServerRenderContext, inst: { id: string; name: string }) {
  return { id: inst.id, links: ctx.links.resource("servers", inst.id), name: inst.name };
}

/**
 * Which optional parts of a server a response shows (the `show_*` flags of
 * Nova's view builder). GET shows everything; PUT and rebuild show only
 * the core before 2.75 and everything from 2.75; `server_groups` is shown
 * by GET /servers/{id}, PUT and rebuild from 2.71, never in lists.
 */
export interface ServerView {
  all: boolean;
  serverGroups: boolean;
}

/** `GET /servers/detail`. */
export const LIST_VIEW: ServerView = { all: true, serverGroups: false };

/** `GET /servers/{id}`. */
export function showView(mv: Microversion): ServerView {
  return { all: true, serverGroups: atLeast(mv, 2, 71) };
}

/** The answer of `PUT /servers/{id}` and of the rebuild action. */
export function updateView(mv: Microversion): ServerView {
  return { all: atLeast(mv, 2, 75), serverGroups: atLeast(mv, 2, 71) };
}

function flavorOf(ctx: ServerRenderContext, inst: InstanceWithHost) {
  const flavor = parseFlavorSnapshot(inst.flavor);
  if (!atLeast(ctx.mv, 2, 47)) {
    const href = `${ctx.links.root}/flavors/${inst.flavorId}`;
    return { id: inst.flavorId, links: [{ rel: "bookmark", href }] };
  }
  return {
    vcpus: flavor.vcpus,
    ram: flavor.ram,
    disk: flavor.disk,
    ephemeral: flavor.ephemeral,
    swap: flavor.swap,
    original_name: flavor.name,
    extra_specs: flavor.extra_specs,
  };
}

/** What is attached to a server, loaded in batches by the handlers. */
export interface ServerAttachments {
  interfaces?: InterfaceView[] | undefined;
  volumes?: ReadonlyArray<{ volumeId: string; deleteOnTermination: boolean }> | undefined;
}

/** The server as Nova's view builder shows it at the request's microversion. */
export function renderServer(
  ctx: ServerRenderContext,
  inst: InstanceWithHost,
  view: ServerView = LIST_VIEW,
  attached: ServerAttachments = {},
): Record<string, unknown> {
  const interfaces = attached.interfaces ?? [];
  const { mv, admin, links } = ctx;
  const status = serverStatus(inst.vmState, inst.taskState);
  const body: Record<string, unknown> = {
    id: inst.id,
    name: inst.name,
    status,
    tenant_id: inst.projectId,
    user_id: inst.userId,
    metadata: metadataOf(inst.metadata),
    hostId: hostIdOf(inst.projectId, inst.host?.host),
    image: inst.imageId
      ? { id: inst.imageId, links: [{ rel: "bookmark", href: `${links.root}/images/${inst.imageId}` }] }
      : "",
    flavor: flavorOf(ctx, inst),
    created: isoSeconds(inst.createdAt),
    updated: isoSeconds(inst.updatedAt),
    addresses: addressesOf(interfaces),
    accessIPv4: inst.accessIpV4,
    accessIPv6: inst.accessIpV6,
    links: links.resource("servers", inst.id),
    "OS-DCF:diskConfig": "MANUAL",
  };
  if (PROGRESS_STATUSES.has(status)) body.progress = inst.progress;
  if (atLeast(mv, 2, 9)) body.locked = inst.locked;
  if (atLeast(mv, 2, 73)) body.locked_reason = inst.lockedReason;
  if (atLeast(mv, 2, 19)) body.description = inst.description;
  if (atLeast(mv, 2, 26)) body.tags = [];
  if (atLeast(mv, 2, 63)) body.trusted_image_certificates = null;
  if (view.all) {
    Object.assign(body, {
      "OS-EXT-AZ:availability_zone": inst.availabilityZone ?? "",
      config_drive: inst.configDrive,
      key_name: inst.keyName,
      "OS-SRV-USG:launched_at": novaTime(inst.launchedAt),
      "OS-SRV-USG:terminated_at": novaTime(inst.terminatedAt),
      "OS-EXT-STS:task_state": inst.taskState,
      "OS-EXT-STS:vm_state": inst.vmState,
      "OS-EXT-STS:power_state": inst.powerState,
      "os-extended-volumes:volumes_attached": (attached.volumes ?? []).map((v) =>
        atLeast(mv, 2, 3)
          ? { id: v.volumeId, delete_on_termination: v.deleteOnTermination }
          : { id: v.volumeId },
      ),
    });
    // Nova shows the groups of the server's ports, and no key at all without ports.
    const groups = securityGroupNamesOf(interfaces);
    if (groups.length > 0) body.security_groups = groups;
    if (admin) Object.assign(body, extendedAttributes(mv, inst));
    if (atLeast(mv, 2, 16) && admin) body.host_status = hostStatus(inst);
  }
  // Server groups do not exist here: no server is in one.
  if (view.serverGroups) body.server_groups = [];
  if ((inst.vmState === VmState.ERROR || inst.vmState === VmState.DELETED) && inst.fault !== null) {
    const fault = ZFault.safeParse(inst.fault);
    if (fault.success) {
      body.fault = {
        code: fault.data.code,
        message: fault.data.message,
        created: isoSeconds(new Date(fault.data.created)),
      };
    }
  }
  return body;
}

/** `OS-EXT-SRV-ATTR:*` (admins): three keys at 2.1, the rest from 2.3. */
function extendedAttributes(mv: Microversion, inst: InstanceWithHost): Record<string, unknown> {
  const attrs: Record<string, unknown> = {
    "OS-EXT-SRV-ATTR:host": inst.host?.host ?? null,
    "OS-EXT-SRV-ATTR:hypervisor_hostname": inst.host?.hypervisorHostname ?? null,
    "OS-EXT-SRV-ATTR:instance_name": `instance-${inst.id.slice(0, 8)}`,
  };
  if (atLeast(mv, 2, 3)) {
    Object.assign(attrs, {
      "OS-EXT-SRV-ATTR:reservation_id": inst.reservationId,
      "OS-EXT-SRV-ATTR:launch_index": inst.launchIndex,
      "OS-EXT-SRV-ATTR:hostname": inst.hostname,
      "OS-EXT-SRV-ATTR:kernel_id": "",
      "OS-EXT-SRV-ATTR:ramdisk_id": "",
      "OS-EXT-SRV-ATTR:root_device_name": "/dev/vda",
      "OS-EXT-SRV-ATTR:user_data": inst.userData,
    });
  }
  return attrs;
}
