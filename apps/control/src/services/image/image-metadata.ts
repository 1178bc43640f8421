import { ZenithError } from "@zenith/core/errors";
import type { AuthContext } from "../identity/auth-context.ts";
import type { PatchOp } from "./draft.ts";
import type { ImageService } from "./images.ts";
import { propertiesOf } from "./values.ts";

function escapePointer(name: string): string {
  return `/${name.replaceAll("~", "~0").replaceAll("/", "~1")}`;
}

function invalidKey(): ZenithError {
  return ZenithError.notFound("Invalid metadata key");
}

/**
 * Nova's image-metadata proxy (`/images/{id}/metadata`, microversions
 * below 2.36): an image's custom properties, changed through Glance's own
 * update so visibility, policy and the property checks all apply.
 * `limit` is the project's compute `metadata_items` quota (403 past it).
 */
export class ImageMetadataService {
  constructor(private readonly images: ImageService) {}

  async list(ctx: AuthContext, id: string): Promise<Record<string, string>> {
    return propertiesOf(await this.images.get(ctx, id));
  }

  async get(ctx: AuthContext, id: string, key: string): Promise<string> {
    const value = (await this.list(ctx, id))[key];
    if (value === undefined) throw invalidKey();
    return value;
  }

  /** POST merges, PUT (`replace`) drops every property not given. */
  async write(
    ctx: AuthContext,
    id: string,
    metadata: Record<string, string>,
    opts: { replace: boolean; limit: number },
  ): Promise<Record<string, string>> {
    const current = await this.list(ctx, id);
    const next = opts.replace ? { ...metadata } : { ...current, ...metadata };
    if (opts.limit >= 0 && Object.keys(next).length > opts.limit) {
      throw new ZenithError("FORBIDDEN", "Image metadata limit exceeded");
    }
    const ops: PatchOp[] = [];
    for (const name of Object.keys(current)) {
      if (!Object.hasOwn(next, name)) ops.push({ op: "remove", path: escapePointer(name) });
    }
    for (const [name, value] of Object.entries(metadata)) {
      ops.push({ op: "add", path: escapePointer(name), value });
    }
    const saved = await this.images.update(ctx, id, ops);
    return opts.replace ? metadata : propertiesOf(saved);
  }

  async remove(ctx: AuthContext, id: string, key: string): Promise<void> {
    const current = await this.list(ctx, id);
    if (!Object.hasOwn(current, key)) throw invalidKey();
    await this.images.update(ctx, id, [{ op: "remove", path: escapePointer(key) }]);
  }
}
