import { randomUUID } from "node:crypto";
import { ACTIONS } from "@zenith/compute-actions/actions";
import { isZenithError, ZenithError } from "@zenith/core/errors";
import type { Logger } from "@zenith/core/logger";
import { ImageQuotas } from "../../image/quotas.ts";
import { parseFlavorSnapshot } from "../flavor-snapshot.ts";
import type { Caller } from "./caller.ts";
import { type TransitionDeps, transition } from "./transition.ts";

export interface SnapshotInput {
  name: string;
  metadata: Record<string, string>;
}

/**
 * createImage: the snapshot becomes a private Glance image of the project,
 * `queued` then `saving` right away (listed at once, as the SDK expects),
 * and `active` when the agent uploads its bytes.
 */
export class SnapshotAction {
  constructor(private readonly deps: TransitionDeps & { logger: Logger }) {}

  async createImage(caller: Caller, id: string, input: SnapshotInput): Promise<string> {
    const imageId = randomUUID();
    await transition(this.deps, caller, id, {
      rule: ACTIONS.createImage,
      needsHost: true,
      data: () => ({ taskState: ACTIONS.createImage.taskState }),
      extra: async (tx, inst) => {
        // A snapshot is an image of the project: Glance's image_count_total applies (403, Nova's quota fault).
        await new ImageQuotas(this.deps.prisma).checkCreate(tx, inst.projectId).catch((err: unknown) => {
          throw isZenithError(err) ? new ZenithError("OVER_LIMIT", err.message) : err;
        });
        const base = inst.imageId ? await tx.image.findUnique({ where: { id: inst.imageId } }) : null;
        const flavor = parseFlavorSnapshot(inst.flavor);
        await tx.image.create({
          data: {
            id: imageId,
            name: input.name,
            status: "queued",
            visibility: "private",
            ownerId: inst.projectId,
            diskFormat: base?.diskFormat ?? "qcow2",
            containerFormat: "bare",
            minDisk: Math.max(flavor.disk, base?.minDisk ?? 0),
            minRam: base?.minRam ?? 0,
            // As Nova's _create_image, the caller's metadata may override image_type (tempest
            // sets image_type=test); who took it and from which server it may not.
            properties: {
              image_type: "snapshot",
              base_image_ref: inst.imageId ?? "",
              ...input.metadata,
              instance_uuid: inst.id,
              user_id: caller.auth.user.id,
              owner_user_name: caller.auth.user.name,
            },
          },
        });
        // The agent is told now, so the upload is under way: Nova's image_pending_upload.
        await tx.image.update({ where: { id: imageId }, data: { status: "saving" } });
      },
    });
    this.deps.logger.info({ instanceId: id, imageId }, "snapshot requested");
    return imageId;
  }
}
