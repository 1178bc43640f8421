/**
 * Who is asking, as the volume services need it: the token's project (every
 * list and lookup is scoped to it) and whether the caller is a cloud admin
 * (Cinder's `context.is_admin`: sees every type and project). The HTTP layer
 * builds it after policy; services know nothing of tokens.
 */
export interface VolumeCaller {
  projectId: string;
  isAdmin: boolean;
}
