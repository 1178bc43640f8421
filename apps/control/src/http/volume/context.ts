import { ZenithError } from "@zenith/core/errors";
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { isVolumeAdmin } from "../../policy/volume.ts";
import type { AuthContext } from "../../services/identity/auth-context.ts";
import { scopedProjectId } from "../../services/identity/auth-context.ts";
import type { IdentityServices } from "../../services/identity/registry.ts";
import type { VolumeCaller } from "../../services/volume/caller.ts";
import { idParam, parse } from "../parse.ts";
import { type Microversion, requestedMicroversion, setMicroversionHeaders } from "./microversion.ts";

/** A validated volume request: who calls, for which project, at which microversion. */
export interface VolumeRequestContext {
  auth: AuthContext;
  /** The token's project (and the URL's): every volume resource is scoped to it unless policy says admin. */
  projectId: string;
  mv: Microversion;
  /** What the services need to know of the caller. */
  caller: VolumeCaller;
}

const ZProjectParams = z.object({ project_id: idParam }).loose();

/**
 * Validates X-Auth-Token (401), negotiates the microversion (400/406),
 * requires a project-scoped token (403) and checks the URL's project
 * against it. Cinder answers a URL naming another project than the
 * token's with 400 "Malformed request url", for admins too
 * (cinder/api/openstack/wsgi.py): admins reach other projects through the
 * resource's own arguments (`os-quota-sets/{project}`, `?project_id=`),
 * never through the URL prefix.
 */
export async function volumeContext(
  identity: IdentityServices,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<VolumeRequestContext> {
  // The token first, as keystonemiddleware runs before Cinder's API: no token is a 401 whatever else is wrong.
  const token = request.headers["x-auth-token"];
  const auth = await identity.tokens.authenticate(
    typeof token === "string" && token !== "" ? token : undefined,
  );
  const mv = requestedMicroversion(request);
  setMicroversionHeaders(reply, mv);
  const projectId = scopedProjectId(auth);
  if (!projectId) {
    throw new ZenithError("FORBIDDEN", "The block storage API needs a project-scoped token.");
  }
  const { project_id: urlProject } = parse(ZProjectParams, request.params);
  if (urlProject !== projectId) throw ZenithError.badRequest("Malformed request url");
  request.log = request.log.child({ userId: auth.user.id, projectId });
  return { auth, projectId, mv, caller: { projectId, isAdmin: isVolumeAdmin(auth) } };
}
