import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorizeVolume } from "../../policy/volume.ts";
import { parse } from "../parse.ts";
import { volumeContext } from "./context.ts";
import { atLeast } from "./microversion.ts";
import { VOLUME_BASE, type VolumeRouteEnv } from "./route-env.ts";
import { queryParam } from "./schemas.ts";

const ZQuery = z.object({ project_id: queryParam }).loose();

/**
 * `GET /limits` (limits/limits-show-response.json): the project's quotas
 * and what it uses; no rate limits. From 3.39 `?project_id=` names another
 * project, which needs the right to read that project's quotas.
 */
export function registerVolumeLimitRoutes(app: FastifyInstance, env: VolumeRouteEnv): void {
  const quotas = env.volume.quotas;

  app.get(`${VOLUME_BASE}/limits`, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    authorizeVolume(ctx, "limits_extension:used_limits");
    const q = parse(ZQuery, request.query);
    const projectId = atLeast(ctx.mv, 3, 39) && q.project_id ? q.project_id : ctx.projectId;
    if (projectId !== ctx.projectId) authorizeVolume(ctx, "volume_extension:quotas:show", { projectId });
    const [limits, used] = await Promise.all([quotas.limits(projectId), quotas.usage(projectId)]);
    const get = (record: Record<string, number>, key: string) => record[key] ?? 0;
    return {
      limits: {
        rate: [],
        absolute: {
          maxTotalVolumes: get(limits, "volumes"),
          maxTotalSnapshots: get(limits, "snapshots"),
          maxTotalVolumeGigabytes: get(limits, "gigabytes"),
          maxTotalBackups: get(limits, "backups"),
          maxTotalBackupGigabytes: get(limits, "backup_gigabytes"),
          totalVolumesUsed: get(used, "volumes"),
          totalGigabytesUsed: get(used, "gigabytes"),
          totalSnapshotsUsed: get(used, "snapshots"),
          totalBackupsUsed: get(used, "backups"),
          totalBackupGigabytesUsed: get(used, "backup_gigabytes"),
        },
      },
    };
  });
}
