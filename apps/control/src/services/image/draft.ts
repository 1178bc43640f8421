import { ZenithError } from "@zenith/core/errors";
import type { Image } from "@zenith/db/generated";
import {
  type ContainerFormat,
  classifyAttribute,
  type DiskFormat,
  MAX_PROPERTIES,
  type Visibility,
} from "./attributes.ts";
import { CORE_VALUES, checkValue, isCoreName, propertiesOf, propertyName, propertyValue } from "./values.ts";

/** The writable state of an image, as create and PATCH shape it before it is stored. */
export interface ImageDraft {
  name: string | null;
  visibility: Visibility;
  protected: boolean;
  minDisk: number;
  minRam: number;
  tags: string[];
  diskFormat: DiskFormat | null;
  containerFormat: ContainerFormat | null;
  ownerId: string | null;
  properties: Record<string, string>;
}

export interface PatchOp {
  op: "add" | "replace" | "remove";
  /** A JSON pointer naming one top-level attribute, e.g. "/name" or "/owner_specified.openstack.md5". */
  path: string;
  value?: unknown;
}

export function emptyDraft(ownerId: string | null): ImageDraft {
  return {
    name: null,
    // Glance's default since Ocata: shareable, but nobody else sees it until members are added.
    visibility: "shared",
    protected: false,
    minDisk: 0,
    minRam: 0,
    tags: [],
    diskFormat: null,
    containerFormat: null,
    ownerId,
    properties: {},
  };
}

function asVisibility(v: string): Visibility {
  return checkValue("visibility", CORE_VALUES.visibility, v);
}

export function draftOf(image: Image): ImageDraft {
  return {
    name: image.name,
    visibility: asVisibility(image.visibility),
    protected: image.protected,
    minDisk: image.minDisk,
    minRam: image.minRam,
    tags: [...image.tags],
    diskFormat:
      image.diskFormat === null ? null : checkValue("disk_format", CORE_VALUES.disk_format, image.diskFormat),
    containerFormat:
      image.containerFormat === null
        ? null
        : checkValue("container_format", CORE_VALUES.container_format, image.containerFormat),
    ownerId: image.ownerId,
    properties: propertiesOf(image),
  };
}

/** "/a~1b" → "a/b" (RFC 6901); nested pointers are refused as Glance refuses them. */
export function attributeOfPath(path: string): string {
  if (!path.startsWith("/") || path.length < 2) {
    throw ZenithError.badRequest(`Invalid value for field 'path': '${path}' is not a valid JSON pointer`);
  }
  const segments = path.slice(1).split("/");
  if (segments.length > 1) {
    throw ZenithError.badRequest(`Invalid value for field 'path': nested paths are not allowed: '${path}'`);
  }
  return (segments[0] ?? "").replaceAll("~1", "/").replaceAll("~0", "~");
}

function setCore(draft: ImageDraft, name: string, value: unknown): void {
  switch (name) {
    case "name":
      draft.name = checkValue(name, CORE_VALUES.name, value);
      return;
    case "visibility":
      draft.visibility = checkValue(name, CORE_VALUES.visibility, value);
      return;
    case "protected":
      draft.protected = checkValue(name, CORE_VALUES.protected, value);
      return;
    case "min_disk":
      draft.minDisk = checkValue(name, CORE_VALUES.min_disk, value);
      return;
    case "min_ram":
      draft.minRam = checkValue(name, CORE_VALUES.min_ram, value);
      return;
    case "tags":
      draft.tags = checkValue(name, CORE_VALUES.tags, value);
      return;
    case "disk_format":
      draft.diskFormat = checkValue(name, CORE_VALUES.disk_format, value);
      return;
    case "container_format":
      draft.containerFormat = checkValue(name, CORE_VALUES.container_format, value);
      return;
    case "owner":
      draft.ownerId = checkValue(name, CORE_VALUES.owner, value);
      return;
    case "os_hidden":
      // Accepted for compatibility; hidden images are not implemented, so it always reads false.
      checkValue(name, CORE_VALUES.os_hidden, value);
      return;
  }
}

/** kernel_id and ramdisk_id may be null in Glance's schema; null means "not set". */
const NULLABLE_PROPERTIES = new Set(["kernel_id", "ramdisk_id"]);

function setCustom(draft: ImageDraft, name: string, value: unknown): void {
  checkValue("path", propertyName, name);
  if (value === null && NULLABLE_PROPERTIES.has(name)) {
    delete draft.properties[name];
    return;
  }
  draft.properties[name] = checkValue(name, propertyValue, value);
}

/**
 * Applies Glance's json-patch ops in order. `add` on an existing key
 * replaces it (the openstack CLI always sends `add`); `replace` and
 * `remove` of a custom property that is not there are 409, as Glance.
 */
export function applyOps(draft: ImageDraft, ops: PatchOp[]): void {
  for (const { op, path, value } of ops) {
    const name = attributeOfPath(path);
    const kind = classifyAttribute(name);
    if (kind === "read-only") throw new ZenithError("FORBIDDEN", `Attribute '${name}' is read-only.`);
    if (kind === "reserved") throw new ZenithError("FORBIDDEN", `Attribute '${name}' is reserved.`);
    if (op !== "remove" && value === undefined) {
      throw ZenithError.badRequest(`Invalid value for field 'value': required for '${op}' of '${path}'`);
    }
    if (kind === "core" && isCoreName(name)) {
      if (op === "remove") throw new ZenithError("FORBIDDEN", `Attribute '${name}' cannot be removed.`);
      setCore(draft, name, value);
      continue;
    }
    const exists = Object.hasOwn(draft.properties, name);
    if (op !== "add" && !exists) throw new ZenithError("CONFLICT", `Property ${name} does not exist.`);
    if (op === "remove") delete draft.properties[name];
    else setCustom(draft, name, value);
  }
  if (Object.keys(draft.properties).length > MAX_PROPERTIES) {
    throw new ZenithError(
      "PAYLOAD_TOO_LARGE",
      `Attempted to add more image properties than allowed (${MAX_PROPERTIES}).`,
    );
  }
}

/** The attributes of a create request, applied as `add` ops onto a fresh draft. */
export function draftFromAttributes(ownerId: string | null, attrs: Record<string, unknown>): ImageDraft {
  const draft = emptyDraft(ownerId);
  const ops: PatchOp[] = Object.entries(attrs).map(([name, value]) => ({
    op: "add",
    path: `/${name.replaceAll("~", "~0").replaceAll("/", "~1")}`,
    value,
  }));
  applyOps(draft, ops);
  return draft;
}
