import { ZenithError } from "@zenith/core/errors";
import type { Image, ImageMember } from "@zenith/db/generated";
import { authorizeImage } from "../../policy/image.ts";
import type { AuthContext } from "../identity/auth-context.ts";
import { MAX_MEMBERS, type MemberStatus } from "./attributes.ts";
import type { ImageDeps } from "./deps.ts";
import { findVisibleImage, viewerOf } from "./lookup.ts";
import type { Viewer } from "./visibility.ts";

function memberNotFound(imageId: string, memberId: string): ZenithError {
  return ZenithError.notFound(`Member ${memberId} not found for image ${imageId}`);
}

function isOwnerOrAdmin(viewer: Viewer, image: Image): boolean {
  return viewer.admin || image.ownerId === viewer.projectId;
}

/**
 * Members of shared images. The owner adds and removes projects; each
 * member project alone accepts or rejects, and sees only its own entry.
 */
export class ImageMemberService {
  constructor(private readonly deps: ImageDeps) {}

  async list(ctx: AuthContext, imageId: string): Promise<ImageMember[]> {
    const { viewer, image } = await this.sharedImage(ctx, imageId, "get_members");
    return this.deps.prisma.imageMember.findMany({
      where: isOwnerOrAdmin(viewer, image) ? { imageId } : { imageId, memberId: viewer.projectId ?? "" },
      orderBy: { createdAt: "asc" },
    });
  }

  async get(ctx: AuthContext, imageId: string, memberId: string): Promise<ImageMember> {
    const { viewer, image } = await this.sharedImage(ctx, imageId, "get_member");
    if (!isOwnerOrAdmin(viewer, image) && memberId !== viewer.projectId)
      throw memberNotFound(imageId, memberId);
    const member = await this.deps.prisma.imageMember.findUnique({
      where: { imageId_memberId: { imageId, memberId } },
    });
    if (!member) throw memberNotFound(imageId, memberId);
    return member;
  }

  async create(ctx: AuthContext, imageId: string, memberId: string): Promise<ImageMember> {
    const { image } = await this.sharedImage(ctx, imageId, "get_member");
    authorizeImage(ctx, "add_member", { ownerId: image.ownerId });
    const { prisma } = this.deps;
    const existing = await prisma.imageMember.findUnique({
      where: { imageId_memberId: { imageId, memberId } },
    });
    if (existing) throw new ZenithError("CONFLICT", `Member ${memberId} is duplicated for image ${imageId}`);
    if ((await prisma.imageMember.count({ where: { imageId } })) >= MAX_MEMBERS) {
      throw new ZenithError(
        "PAYLOAD_TOO_LARGE",
        `Maximum number of image members exceeded (${MAX_MEMBERS}).`,
      );
    }
    try {
      return await prisma.imageMember.create({ data: { imageId, memberId, status: "pending" } });
    } catch (err) {
      if (await prisma.imageMember.findUnique({ where: { imageId_memberId: { imageId, memberId } } })) {
        throw new ZenithError("CONFLICT", `Member ${memberId} is duplicated for image ${imageId}`);
      }
      throw err;
    }
  }

  async update(
    ctx: AuthContext,
    imageId: string,
    memberId: string,
    status: MemberStatus,
  ): Promise<ImageMember> {
    await this.sharedImage(ctx, imageId, "get_member");
    const { prisma } = this.deps;
    const existing = await prisma.imageMember.findUnique({
      where: { imageId_memberId: { imageId, memberId } },
    });
    if (!existing) throw memberNotFound(imageId, memberId);
    authorizeImage(ctx, "modify_member", { memberId });
    return prisma.imageMember.update({
      where: { imageId_memberId: { imageId, memberId } },
      data: { status },
    });
  }

  async delete(ctx: AuthContext, imageId: string, memberId: string): Promise<void> {
    const { image } = await this.sharedImage(ctx, imageId, "get_member");
    authorizeImage(ctx, "delete_member", { ownerId: image.ownerId });
    const { count } = await this.deps.prisma.imageMember.deleteMany({ where: { imageId, memberId } });
    if (count === 0) throw memberNotFound(imageId, memberId);
  }

  /** The image, visible to the caller (404 otherwise) and shared (403 otherwise, as Glance). */
  private async sharedImage(
    ctx: AuthContext,
    imageId: string,
    action: "get_members" | "get_member",
  ): Promise<{ viewer: Viewer; image: Image }> {
    authorizeImage(ctx, action);
    const viewer = viewerOf(ctx);
    const image = await findVisibleImage(this.deps.prisma, viewer, imageId);
    if (image.visibility !== "shared") throw new ZenithError("FORBIDDEN", "Only shared images have members.");
    return { viewer, image };
  }
}
