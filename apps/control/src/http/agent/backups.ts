import { Readable } from "node:stream";
import { agentBackupFilePath } from "@zenith/agent-protocol/volume";
import { ZenithError } from "@zenith/core/errors";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import type { AgentCredentials } from "../../services/compute/agent-hub/credentials.ts";
import type { BackupService } from "../../services/volume/backups.ts";
import { idParam, parse } from "../parse.ts";

const ZParams = z.object({ id: idParam });
const FILE_ROUTE = agentBackupFilePath(":id");

/**
 * Backup data for volume agents, with their host credential: `PUT` the
 * backup a volume of the caller's host is making, `GET` the backup a new
 * volume on the caller's host is restored from. Anything else is 404, as
 * if absent (a compromised host reads no other host's backups).
 */
export function registerAgentBackupRoutes(
  app: FastifyInstance,
  deps: { credentials: AgentCredentials; backups: BackupService },
): void {
  const hostOf = async (request: FastifyRequest): Promise<string | null> => {
    const principal = await deps.credentials.authenticate(request.headers.authorization);
    if (!principal) throw new ZenithError("UNAUTHORIZED", "The agent credential is missing or wrong.");
    return principal.kind === "fleet" ? null : principal.host;
  };

  app.get(FILE_ROUTE, async (request, reply) => {
    const { id } = parse(ZParams, request.params);
    const host = await hostOf(request);
    reply.type("application/octet-stream");
    return reply.send(await deps.backups.send(host, id));
  });

  app.register(async (scope) => {
    for (const type of ["application/octet-stream", "*"]) {
      if (!scope.hasContentTypeParser(type)) {
        scope.addContentTypeParser(type, (_request, payload, done) => done(null, payload));
      }
    }
    scope.put(FILE_ROUTE, { bodyLimit: Number.MAX_SAFE_INTEGER }, async (request, reply) => {
      const { id } = parse(ZParams, request.params);
      const host = await hostOf(request);
      const body: unknown = request.body;
      const stream = body instanceof Readable ? body : Readable.from(Buffer.isBuffer(body) ? [body] : []);
      const size = await deps.backups.receive(host, id, stream);
      request.log.info({ backupId: id, size, host }, "backup data received");
      return reply.status(204).send();
    });
  });
}
