/**
 * Who owns what a sample is about, from this cloud's own records: the
 * project and the host of an instance, volume, router or floating IP.
 * Metering trusts nothing of this from the agent: a sample is stored only
 * if its subject lives on the host that sent it.
 */
import { createHash } from "node:crypto";
import type { ResourceType } from "@zenith/agent-protocol/metering";
import type { PrismaClient } from "@zenith/db/client";

export interface Subject {
  /** Gnocchi's resource id. */
  id: string;
  type: ResourceType;
  originalResourceId: string;
  projectId: string | null;
  userId: string | null;
  /** The host allowed to write its samples; null when its subject is gone. */
  host: string | null;
  attributes: Record<string, string | number | null>;
}

/** Fixed namespace of the UUIDv5 ids of resources whose own id is not a UUID (hosts, disks, interfaces). */
const RESOURCE_ID_NAMESPACE = "0a7ba4b2-0b8e-5a55-9c3e-7a2f6d1e4c10";

/** RFC 4122 version 5 (SHA-1, name-based) UUID, as Gnocchi derives ids from `original_resource_id`. */
export function uuid5(name: string, namespace = RESOURCE_ID_NAMESPACE): string {
  const ns = Buffer.from(namespace.replaceAll("-", ""), "hex");
  const hash = createHash("sha1").update(ns).update(name, "utf8").digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface SubjectKey {
  type: ResourceType;
  subject: string;
  part?: string | undefined;
}

export const subjectKey = (k: SubjectKey): string => `${k.type}|${k.subject}|${k.part ?? ""}`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Looks the subject up; null when it does not exist (or never did). */
export async function resolveSubject(prisma: PrismaClient, key: SubjectKey): Promise<Subject | null> {
  const { type, subject, part } = key;
  switch (type) {
    case "host":
      // A host resource is its own: the caller checks the sender is that host.
      return {
        id: uuid5(`host:${subject}`),
        type,
        originalResourceId: subject,
        projectId: null,
        userId: null,
        host: subject,
        attributes: { host_name: subject },
      };
    case "instance":
    case "instance_disk":
    case "instance_network_interface": {
      if (!UUID.test(subject) || (type !== "instance" && !part)) return null;
      const row = await prisma.instance.findUnique({
        where: { id: subject },
        select: {
          name: true,
          projectId: true,
          userId: true,
          flavorId: true,
          flavor: true,
          imageId: true,
          deletedAt: true,
          host: { select: { host: true } },
        },
      });
      if (!row) return null;
      const host = row.deletedAt ? null : (row.host?.host ?? null);
      const owner = { projectId: row.projectId, userId: row.userId, host };
      if (type === "instance") {
        const flavor = row.flavor as { name?: unknown } | null;
        return {
          id: subject,
          type,
          originalResourceId: subject,
          ...owner,
          attributes: {
            display_name: row.name,
            flavor_id: row.flavorId,
            flavor_name: typeof flavor?.name === "string" ? flavor.name : null,
            image_ref: row.imageId,
            host,
            server_group: null,
          },
        };
      }
      const original = `${subject}-${part}`;
      return {
        id: uuid5(`${type}:${original}`),
        type,
        originalResourceId: original,
        ...owner,
        attributes: { name: part ?? null, instance_id: subject },
      };
    }
    case "volume": {
      if (!UUID.test(subject)) return null;
      const row = await prisma.volume.findUnique({
        where: { id: subject },
        select: {
          name: true,
          projectId: true,
          userId: true,
          host: true,
          deletedAt: true,
          volumeTypeId: true,
        },
      });
      if (!row) return null;
      return {
        id: subject,
        type,
        originalResourceId: subject,
        projectId: row.projectId,
        userId: row.userId,
        host: row.deletedAt ? null : row.host,
        attributes: { display_name: row.name, volume_type_id: row.volumeTypeId },
      };
    }
    case "router": {
      if (!UUID.test(subject)) return null;
      const row = await prisma.router.findUnique({
        where: { id: subject },
        select: { name: true, projectId: true, host: true },
      });
      if (!row) return null;
      return {
        id: subject,
        type,
        originalResourceId: subject,
        projectId: row.projectId,
        userId: null,
        host: row.host,
        attributes: { name: row.name },
      };
    }
    case "floating_ip": {
      if (!UUID.test(subject)) return null;
      const row = await prisma.floatingIp.findUnique({
        where: { id: subject },
        select: { projectId: true, floatingIpAddress: true, router: { select: { host: true } } },
      });
      if (!row) return null;
      return {
        id: subject,
        type,
        originalResourceId: subject,
        projectId: row.projectId,
        userId: null,
        // Its NAT rules live in its router's namespace, on the router's host.
        host: row.router?.host ?? null,
        attributes: { floating_ip_address: row.floatingIpAddress },
      };
    }
  }
}
