import type { FastifyInstance } from "fastify";
import {
  CONTAINER_FORMATS,
  DISK_FORMATS,
  MEMBER_STATUSES,
  VISIBILITIES,
} from "../../services/image/attributes.ts";

const nullableString = { type: ["null", "string"] };
const readOnly = (schema: object) => ({ ...schema, readOnly: true });

/** The image schema clients (glanceclient, Horizon) read to tell core attributes from custom ones. */
export const IMAGE_SCHEMA = {
  name: "image",
  additionalProperties: { type: "string" },
  properties: {
    id: {
      type: "string",
      description: "An identifier for the image",
      pattern: "^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$",
    },
    name: { type: ["null", "string"], maxLength: 255 },
    status: readOnly({
      type: "string",
      enum: [
        "queued",
        "saving",
        "active",
        "killed",
        "deleted",
        "uploading",
        "importing",
        "pending_delete",
        "deactivated",
      ],
    }),
    visibility: { type: "string", enum: [...VISIBILITIES] },
    protected: { type: "boolean" },
    os_hidden: { type: "boolean" },
    owner: { type: ["null", "string"], maxLength: 255 },
    disk_format: { type: ["null", "string"], enum: [null, ...DISK_FORMATS] },
    container_format: { type: ["null", "string"], enum: [null, ...CONTAINER_FORMATS] },
    size: readOnly({ type: ["null", "integer"] }),
    virtual_size: readOnly({ type: ["null", "integer"] }),
    checksum: readOnly({ ...nullableString, maxLength: 32 }),
    os_hash_algo: readOnly({ ...nullableString, maxLength: 64 }),
    os_hash_value: readOnly({ ...nullableString, maxLength: 128 }),
    min_disk: { type: "integer" },
    min_ram: { type: "integer" },
    tags: { type: "array", items: { type: "string", maxLength: 255 } },
    created_at: readOnly({ type: "string" }),
    updated_at: readOnly({ type: "string" }),
    self: readOnly({ type: "string" }),
    file: readOnly({ type: "string" }),
    schema: readOnly({ type: "string" }),
    kernel_id: { type: ["null", "string"], is_base: false },
    ramdisk_id: { type: ["null", "string"], is_base: false },
    os_distro: { type: "string", is_base: false },
    os_version: { type: "string", is_base: false },
    architecture: { type: "string", is_base: false },
  },
  links: [
    { rel: "self", href: "{self}" },
    { rel: "enclosure", href: "{file}" },
    { rel: "describedby", href: "{schema}" },
  ],
};

export const IMAGES_SCHEMA = {
  name: "images",
  properties: {
    images: { type: "array", items: IMAGE_SCHEMA },
    schema: { type: "string" },
    first: { type: "string" },
    next: { type: "string" },
  },
  links: [
    { rel: "first", href: "{first}" },
    { rel: "next", href: "{next}" },
    { rel: "describedby", href: "{schema}" },
  ],
};

const MEMBER_SCHEMA = {
  name: "member",
  properties: {
    image_id: { type: "string" },
    member_id: { type: "string" },
    status: { type: "string", enum: [...MEMBER_STATUSES] },
    created_at: { type: "string" },
    updated_at: { type: "string" },
    schema: { type: "string", readOnly: true },
  },
};

export function registerImageSchemaRoutes(app: FastifyInstance): void {
  app.get("/image/v2/schemas/image", async () => IMAGE_SCHEMA);
  app.get("/image/v2/schemas/images", async () => IMAGES_SCHEMA);
  app.get("/image/v2/schemas/member", async () => MEMBER_SCHEMA);
  app.get("/image/v2/schemas/members", async () => ({
    name: "members",
    properties: { members: { type: "array", items: MEMBER_SCHEMA }, schema: { type: "string" } },
    links: [{ rel: "describedby", href: "{schema}" }],
  }));
}
