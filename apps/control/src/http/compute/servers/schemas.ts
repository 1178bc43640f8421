import { isIPv4, isIPv6 } from "node:net";
import { z } from "zod";
import { novaBool, novaInt } from "../render-common.ts";
import { ZBlockDevices, ZLegacyBlockDevices } from "./block-devices.ts";

/** Nova's `format: ipv4`: four dotted decimals, no leading zeros, nothing around them. */
export const ZAccessIPv4 = z.string().refine((v) => isIPv4(v), "must be an IPv4 address");

/**
 * Nova's `format: ipv6`, stored as netaddr prints it: the RFC 5952 form
 * (lower case, longest zero run compressed), which the URL parser gives.
 * Zone ids (`%eth0`) are not addresses Nova accepts.
 */
export const ZAccessIPv6 = z
  .string()
  .refine((v) => isIPv6(v) && !v.includes("%"), "must be an IPv6 address")
  .transform((v) => new URL(`http://[${v}]/`).hostname.slice(1, -1));

/** Nova's metadata: keys of 1–255 characters, string values up to 255. */
export const ZMetadata = z.record(z.string().min(1).max(255), z.string().max(255));

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Server names: Nova refuses empty names and leading/trailing whitespace. */
export const ZServerName = z
  .string()
  .min(1)
  .max(255)
  .refine((v) => v.trim() === v && v.trim() !== "", "may not be blank or start or end with whitespace");

/** `flavorRef`: a string id or link, or an integer id. */
const ZFlavorRef = z.union([z.string().min(1).max(255), z.int().nonnegative().transform(String)]);

/**
 * oslo's is_uuid_like, which Nova applies to network and port ids: 32 hex
 * digits once dashes, braces and a `urn:`/`uuid:` prefix are dropped.
 */
const ZUuidLike = z
  .string()
  .refine(
    (v) => /^[0-9a-f]{32}$/i.test(v.replace(/^(urn:)?(uuid:)?/i, "").replace(/[{}-]/g, "")),
    "is not in proper format",
  );

/**
 * The networks of a create: checked as Nova's API checks them (ids
 * UUID-like, fixed_ip an address), otherwise ignored until networking exists.
 */
const ZNetworks = z.union([
  z.enum(["none", "auto"]),
  z.array(
    z.object({
      uuid: ZUuidLike.optional(),
      port: ZUuidLike.nullable().optional(),
      fixed_ip: z.union([z.ipv4(), z.ipv6()]).optional(),
      tag: z.string().optional(),
    }),
  ),
]);

export const ZServerCreate = z.object({
  server: z.object({
    name: ZServerName,
    imageRef: z.string().max(255).optional(),
    flavorRef: ZFlavorRef,
    key_name: z.string().min(1).max(255).optional(),
    user_data: z
      .string()
      .max(65_535)
      .refine((v) => BASE64.test(v.replace(/\s/g, "")), "User data needs to be valid base 64.")
      .optional(),
    metadata: ZMetadata.optional(),
    availability_zone: z.string().min(1).max(255).optional(),
    min_count: novaInt(1).optional(),
    max_count: novaInt(1).optional(),
    return_reservation_id: novaBool.optional(),
    networks: ZNetworks.optional(),
    security_groups: z.array(z.object({ name: z.string().min(1).max(255) })).optional(),
    adminPass: z.string().optional(),
    description: z.string().max(255).nullable().optional(),
    accessIPv4: ZAccessIPv4.optional(),
    accessIPv6: ZAccessIPv6.optional(),
    config_drive: novaBool.optional(),
    "OS-DCF:diskConfig": z.enum(["AUTO", "MANUAL"]).optional(),
    block_device_mapping_v2: ZBlockDevices.optional(),
    block_device_mapping: ZLegacyBlockDevices.optional(),
    tags: z.array(z.string().min(1).max(60)).max(50).optional(),
  }),
  "os:scheduler_hints": z.record(z.string(), z.unknown()).optional(),
  "OS-SCH-HNT:scheduler_hints": z.record(z.string(), z.unknown()).optional(),
});

export const ZServerUpdate = z.object({
  server: z.object({
    name: ZServerName.optional(),
    description: z.string().max(255).nullable().optional(),
    accessIPv4: ZAccessIPv4.optional(),
    accessIPv6: ZAccessIPv6.optional(),
    "OS-DCF:diskConfig": z.enum(["AUTO", "MANUAL"]).optional(),
  }),
});

/** Actions whose body value is JSON null (or an empty object). */
export const ZNoArgs = z.union([z.null(), z.strictObject({})]);

export const ZReboot = z.object({
  type: z
    .string()
    .transform((v) => v.toUpperCase())
    .pipe(z.enum(["SOFT", "HARD"])),
});

export const ZLock = z.union([z.null(), z.strictObject({ locked_reason: z.string().max(255).optional() })]);

export const ZRebuild = z.object({
  imageRef: z.string().min(1).max(255),
  name: ZServerName.optional(),
  metadata: ZMetadata.optional(),
  adminPass: z.string().optional(),
  description: z.string().max(255).nullable().optional(),
  preserve_ephemeral: novaBool.optional(),
  "OS-DCF:diskConfig": z.enum(["AUTO", "MANUAL"]).optional(),
  accessIPv4: ZAccessIPv4.optional(),
  accessIPv6: ZAccessIPv6.optional(),
});

export const ZResize = z.object({
  flavorRef: ZFlavorRef,
  "OS-DCF:diskConfig": z.enum(["AUTO", "MANUAL"]).optional(),
});

export const ZCreateImage = z.object({
  name: z.string().min(1).max(255),
  metadata: ZMetadata.optional(),
});

/** `length`: an integer or its string; -1 (or absent) means everything. */
export const ZConsoleOutput = z.union([
  z.null(),
  z.object({ length: z.union([novaInt(-1), z.null()]).optional() }),
]);

/** `os-getVNCConsole` / `os-getSerialConsole`: `{"type": "novnc"}`. */
export const ZConsoleAction = z.object({ type: z.string().min(1).max(32) });
