import type { NovaClient } from "@zenith/api-client/nova";
import type { Cloud } from "../cloud/clients.ts";

export interface LaunchInput {
  name: string;
  count: number;
  imageId: string;
  flavorId: string;
  keyName?: string | undefined;
  /** Plain text; Nova wants base64. */
  userData?: string | undefined;
  metadata?: Record<string, string> | undefined;
  availabilityZone?: string | undefined;
  networks?: "auto" | "none" | Array<{ networkId: string } | { portId: string }> | undefined;
  securityGroupIds?: string[] | undefined;
  /**
   * Boot from a new volume made from the image (Horizon's "Image (creates new
   * volume)"): Nova asks Cinder for it and boots the instance from it.
   */
  bootVolume?: { sizeGb: number; deleteOnTermination: boolean } | undefined;
}

/** The wizard's choices as Nova's `networks` (`uuid` for a network, `port` for an existing port). */
export function novaNetworks(networks: LaunchInput["networks"]) {
  if (networks === undefined) return "auto" as const;
  if (typeof networks === "string") return networks;
  return networks.map((n) => ("portId" in n ? { port: n.portId } : { uuid: n.networkId }));
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/**
 * Nova answers a multi-create with one server (or only a reservation id), so
 * the ids are looked up afterwards: by `reservation_id` (upstream filter)
 * narrowed by Nova's naming template `<name>-<n>` and `changes-since` the
 * request, which also pins them down on clouds that ignore the reservation filter.
 */
async function idsOfReservation(nova: NovaClient, input: LaunchInput, reservationId: string, since: Date) {
  const servers = await nova.servers.detailAll({
    reservationId,
    name: `^${escapeRegex(input.name)}-[0-9]+$`,
    changesSince: since.toISOString(),
  });
  const pattern = new RegExp(`^${escapeRegex(input.name)}-(\\d+)$`);
  return (
    servers
      // Booted from a volume, a server has `"image": ""`.
      .filter(
        (s) =>
          pattern.test(s.name) &&
          (s.image === "" ? input.bootVolume !== undefined : s.image.id === input.imageId),
      )
      .filter((s) => s.status !== "DELETED")
      .sort((a, b) => Number(pattern.exec(a.name)?.[1]) - Number(pattern.exec(b.name)?.[1]))
      .slice(0, input.count)
      .map((s) => s.id)
  );
}

export async function launchInstances(cloud: Cloud, input: LaunchInput): Promise<{ ids: string[] }> {
  const nova = await cloud.nova();
  // One second of slack: `changes-since` compares with the cloud's clock, at second precision.
  const since = new Date(Date.now() - 1000);
  const multiple = input.count > 1;
  const boot = input.bootVolume;
  const created = await nova.servers.create({
    name: input.name,
    imageRef: boot ? "" : input.imageId,
    blockDeviceMappings: boot
      ? [
          {
            sourceType: "image",
            destinationType: "volume",
            uuid: input.imageId,
            bootIndex: 0,
            volumeSize: boot.sizeGb,
            deleteOnTermination: boot.deleteOnTermination,
          },
        ]
      : undefined,
    flavorRef: input.flavorId,
    keyName: input.keyName,
    userData:
      input.userData === undefined ? undefined : Buffer.from(input.userData, "utf8").toString("base64"),
    metadata: input.metadata,
    availabilityZone: input.availabilityZone,
    networks: novaNetworks(input.networks),
    // Nova takes names or ids; ids, since names need not be unique in a project.
    securityGroups: input.securityGroupIds,
    // All or nothing, as the wizard promised `count` instances within quota.
    minCount: multiple ? input.count : undefined,
    maxCount: multiple ? input.count : undefined,
    returnReservationId: multiple ? true : undefined,
  });
  if ("server" in created) return { ids: [created.server.id] };
  return { ids: await idsOfReservation(nova, input, created.reservation_id, since) };
}
