import { ACTIONS } from "@zenith/compute-actions/actions";
import type { Prisma } from "@zenith/db/client";
import { parseFlavorSnapshot } from "../flavor-snapshot.ts";
import type { QuotaService } from "../quotas.ts";
import { checkImageFitsFlavor, findBootImage } from "./boot-sources.ts";
import type { Caller } from "./caller.ts";
import { findServer } from "./lookup.ts";
import { checkMetadataQuota } from "./metadata-rules.ts";
import { type TransitionDeps, transition } from "./transition.ts";

export interface RebuildInput {
  imageRef: string;
  name?: string | undefined;
  metadata?: Record<string, string> | undefined;
  description?: string | null | undefined;
  accessIPv4?: string | undefined;
  accessIPv6?: string | undefined;
}

/** Rebuild: a new image on the same host and flavor, through the rebuild counter. */
export class RebuildAction {
  constructor(private readonly deps: TransitionDeps & { quotas: QuotaService }) {}

  async rebuild(caller: Caller, id: string, input: RebuildInput) {
    const { prisma, quotas } = this.deps;
    const current = await findServer(prisma, caller, id);
    const flavor = parseFlavorSnapshot(current.flavor);
    const image = await findBootImage(prisma, caller, input.imageRef);
    checkImageFitsFlavor(image, { ramMb: flavor.ram, diskGb: flavor.disk });
    if (input.metadata)
      checkMetadataQuota(input.metadata, (await quotas.limits(current.projectId)).metadata_items);
    return transition(this.deps, caller, id, {
      rule: ACTIONS.rebuild,
      needsHost: true,
      data: () => {
        const data: Prisma.InstanceUpdateManyMutationInput = {
          imageId: image.id,
          rebuildSeq: { increment: 1 },
          taskState: ACTIONS.rebuild.taskState,
        };
        if (input.name !== undefined) data.name = input.name;
        if (input.metadata !== undefined) data.metadata = input.metadata;
        if (input.description !== undefined) data.description = input.description;
        if (input.accessIPv4 !== undefined) data.accessIpV4 = input.accessIPv4;
        if (input.accessIPv6 !== undefined) data.accessIpV6 = input.accessIPv6;
        return data;
      },
    });
  }
}
