import { randomUUID } from "node:crypto";
import { isZenithError, ZenithError } from "@zenith/core/errors";
import type { Prisma } from "@zenith/db/client";
import type { Image } from "@zenith/db/generated";
import { authorizeImage } from "../../policy/image.ts";
import type { AuthContext } from "../identity/auth-context.ts";
import { MAX_TAGS, type MemberStatus, type Visibility } from "./attributes.ts";
import type { ImageDeps } from "./deps.ts";
import { applyOps, draftFromAttributes, draftOf, type ImageDraft, type PatchOp } from "./draft.ts";
import { findVisibleImage, viewerOf } from "./lookup.ts";
import { checkPropertyReferences } from "./references.ts";
import { afterMarkerWhere, orderByOf, type SortSpec } from "./sorting.ts";
import { checkValue, propertiesOf, tagValue } from "./values.ts";
import { listWhere, visibleWhere } from "./visibility.ts";

export interface ImageFilter {
  ids?: string[] | undefined;
  names?: string[] | undefined;
  statuses?: string[] | undefined;
  diskFormats?: string[] | undefined;
  containerFormats?: string[] | undefined;
  visibility?: Visibility | "all" | undefined;
  memberStatus?: MemberStatus | "all" | undefined;
  owner?: string | undefined;
  /** Images carrying every one of these tags. */
  tags?: string[] | undefined;
  /** Exactly this many bytes (Glance's `size` filter). */
  size?: number | undefined;
  sizeMin?: number | undefined;
  sizeMax?: number | undefined;
  protected?: boolean | undefined;
  /** Nova's proxy filters: `changes-since`, `minRam`, `minDisk`, and custom properties (`server`, `type`). */
  updatedSince?: Date | undefined;
  minRamAtLeast?: number | undefined;
  minDiskAtLeast?: number | undefined;
  properties?: Record<string, string> | undefined;
}

export interface ImagePage {
  images: Image[];
  /** Whether a page follows this one. */
  more: boolean;
}

export interface CreateImageInput {
  id?: string | undefined;
  /** The request's attributes other than `id`, core and custom alike. */
  attributes: Record<string, unknown>;
}

function draftColumns(d: ImageDraft) {
  return {
    name: d.name,
    visibility: d.visibility,
    protected: d.protected,
    minDisk: d.minDisk,
    minRam: d.minRam,
    tags: d.tags,
    diskFormat: d.diskFormat,
    containerFormat: d.containerFormat,
    ownerId: d.ownerId,
    properties: d.properties,
  };
}

function filterWhere(f: ImageFilter): Prisma.ImageWhereInput {
  const size: Prisma.BigIntNullableFilter = {};
  if (f.sizeMin !== undefined) size.gte = BigInt(f.sizeMin);
  if (f.sizeMax !== undefined) size.lte = BigInt(f.sizeMax);
  if (f.size !== undefined) size.equals = BigInt(f.size);
  return {
    deletedAt: null,
    ...(f.ids ? { id: { in: f.ids } } : {}),
    ...(f.names ? { name: { in: f.names } } : {}),
    ...(f.statuses ? { status: { in: f.statuses } } : {}),
    ...(f.diskFormats ? { diskFormat: { in: f.diskFormats } } : {}),
    ...(f.containerFormats ? { containerFormat: { in: f.containerFormats } } : {}),
    ...(f.owner !== undefined ? { ownerId: f.owner } : {}),
    ...(f.tags?.length ? { tags: { hasEvery: f.tags } } : {}),
    ...(Object.keys(size).length > 0 ? { size } : {}),
    ...(f.protected !== undefined ? { protected: f.protected } : {}),
    ...(f.updatedSince !== undefined ? { updatedAt: { gte: f.updatedSince } } : {}),
    ...(f.minRamAtLeast !== undefined ? { minRam: { gte: f.minRamAtLeast } } : {}),
    ...(f.minDiskAtLeast !== undefined ? { minDisk: { gte: f.minDiskAtLeast } } : {}),
    ...(f.properties && Object.keys(f.properties).length
      ? {
          AND: Object.entries(f.properties).map(([name, value]) => ({
            properties: { path: [name], equals: value },
          })),
        }
      : {}),
  };
}

/** Glance v2 images: records, visibility, policy. Bytes live in ImageDataService. */
export class ImageService {
  constructor(private readonly deps: ImageDeps) {}

  async get(ctx: AuthContext, id: string): Promise<Image> {
    authorizeImage(ctx, "get_image");
    return findVisibleImage(this.deps.prisma, viewerOf(ctx), id);
  }

  /**
   * One page in the requested order, paged in the database: filters,
   * visibility, ORDER BY (id breaking ties) and the marker's keyset
   * condition are all SQL, and one row beyond the page tells whether
   * another page follows. Nothing is sorted or sliced in memory.
   */
  async list(
    ctx: AuthContext,
    filter: ImageFilter,
    page: { sort: SortSpec[]; limit: number; marker?: string | undefined },
  ): Promise<ImagePage> {
    authorizeImage(ctx, "get_images");
    const viewer = viewerOf(ctx);
    const { prisma } = this.deps;
    const where: Prisma.ImageWhereInput[] = [filterWhere(filter), listWhere(viewer, filter)];
    if (page.marker !== undefined) {
      const marker = await prisma.image.findFirst({
        where: { AND: [{ id: page.marker, deletedAt: null }, visibleWhere(viewer)] },
      });
      if (!marker)
        throw ZenithError.badRequest(`Invalid value for field 'marker': image ${page.marker} not found`);
      where.push(afterMarkerWhere(page.sort, marker));
    }
    const rows = await prisma.image.findMany({
      where: { AND: where },
      orderBy: orderByOf(page.sort),
      take: page.limit + 1,
    });
    return { images: rows.slice(0, page.limit), more: rows.length > page.limit };
  }

  async create(ctx: AuthContext, input: CreateImageInput): Promise<Image> {
    authorizeImage(ctx, "add_image");
    const viewer = viewerOf(ctx);
    const draft = draftFromAttributes(viewer.projectId, input.attributes);
    if (draft.ownerId !== viewer.projectId) authorizeImage(ctx, "set_image_owner");
    this.authorizeVisibility(ctx, draft, "private");
    const id = input.id ?? randomUUID();
    const { prisma } = this.deps;
    await checkPropertyReferences(prisma, viewer, draft.properties);
    // Ids are never reused, not even those of deleted images (Glance keeps them too).
    if (await prisma.image.findUnique({ where: { id }, select: { id: true } })) {
      throw new ZenithError("CONFLICT", `Image with identifier ${id} already exists!`);
    }
    const data = { id, status: "queued", ...draftColumns(draft) };
    const owner = draft.ownerId;
    try {
      if (owner === null) return await prisma.image.create({ data });
      return await this.deps.quotas.locked(owner, async (tx) => {
        await this.deps.quotas.checkCreate(tx, owner);
        return tx.image.create({ data });
      });
    } catch (err) {
      if (isZenithError(err)) throw err;
      if (await prisma.image.findUnique({ where: { id }, select: { id: true } })) {
        throw new ZenithError("CONFLICT", `Image with identifier ${id} already exists!`);
      }
      throw err;
    }
  }

  async update(ctx: AuthContext, id: string, ops: PatchOp[]): Promise<Image> {
    authorizeImage(ctx, "get_image");
    const image = await findVisibleImage(this.deps.prisma, viewerOf(ctx), id);
    authorizeImage(ctx, "modify_image", { ownerId: image.ownerId });
    const draft = draftOf(image);
    applyOps(draft, ops);
    await checkPropertyReferences(this.deps.prisma, viewerOf(ctx), draft.properties, propertiesOf(image));
    if (draft.ownerId !== image.ownerId) authorizeImage(ctx, "set_image_owner");
    this.authorizeVisibility(ctx, draft, image.visibility);
    // Formats describe the bytes; once there are bytes they are fixed (Glance's rule).
    for (const [attr, before, after] of [
      ["disk_format", image.diskFormat, draft.diskFormat],
      ["container_format", image.containerFormat, draft.containerFormat],
    ] as const) {
      if (before !== after && image.status !== "queued") {
        throw new ZenithError("FORBIDDEN", `Attribute ${attr} can be only replaced for a queued image.`);
      }
    }
    return this.save(id, draftColumns(draft));
  }

  async delete(ctx: AuthContext, id: string): Promise<void> {
    authorizeImage(ctx, "get_image");
    const { prisma, store } = this.deps;
    const image = await findVisibleImage(prisma, viewerOf(ctx), id);
    authorizeImage(ctx, "delete_image", { ownerId: image.ownerId });
    if (image.protected)
      throw new ZenithError("FORBIDDEN", `Image ${id} is protected and cannot be deleted.`);
    const users = await prisma.instance.count({ where: { imageId: id, deletedAt: null } });
    if (users > 0) {
      throw new ZenithError(
        "CONFLICT",
        `Image ${id} is in use by ${users} server${users === 1 ? "" : "s"} and cannot be deleted; delete ${users === 1 ? "it" : "them"} first.`,
      );
    }
    // Soft delete, as Glance: the row keeps the id reserved and servers' history readable.
    const now = new Date();
    await prisma.$transaction([
      prisma.imageMember.deleteMany({ where: { imageId: id } }),
      prisma.image.update({ where: { id }, data: { status: "deleted", deletedAt: now } }),
    ]);
    await store.remove(id);
  }

  async addTag(ctx: AuthContext, id: string, tag: string): Promise<void> {
    const image = await this.modifiable(ctx, id);
    const value = checkValue("tag", tagValue, tag);
    if (image.tags.includes(value)) return;
    if (image.tags.length >= MAX_TAGS) {
      throw new ZenithError("PAYLOAD_TOO_LARGE", `Maximum number of tags exceeded (${MAX_TAGS}).`);
    }
    await this.save(id, { tags: [...image.tags, value] });
  }

  async removeTag(ctx: AuthContext, id: string, tag: string): Promise<void> {
    const image = await this.modifiable(ctx, id);
    if (!image.tags.includes(tag)) throw ZenithError.notFound(`Tag ${tag} not found`);
    await this.save(id, { tags: image.tags.filter((t) => t !== tag) });
  }

  private async modifiable(ctx: AuthContext, id: string): Promise<Image> {
    authorizeImage(ctx, "get_image");
    const image = await findVisibleImage(this.deps.prisma, viewerOf(ctx), id);
    authorizeImage(ctx, "modify_image", { ownerId: image.ownerId });
    return image;
  }

  /** Publishing to everyone needs an admin; making an image community needs its owner. */
  private authorizeVisibility(ctx: AuthContext, draft: ImageDraft, before: string): void {
    if (draft.visibility === before) return;
    if (draft.visibility === "public") authorizeImage(ctx, "publicize_image");
    if (draft.visibility === "community")
      authorizeImage(ctx, "communitize_image", { ownerId: draft.ownerId });
  }

  /** Writes only while the image still exists: a concurrent delete wins with a 404. */
  private async save(id: string, data: Prisma.ImageUpdateManyMutationInput): Promise<Image> {
    const { prisma } = this.deps;
    const { count } = await prisma.image.updateMany({ where: { id, deletedAt: null }, data });
    const image = count === 1 ? await prisma.image.findUnique({ where: { id } }) : null;
    if (!image) throw ZenithError.notFound(`No image found with ID ${id}`);
    return image;
  }
}
