export type { AuthMethod, AuthScope, UserRef } from "./auth.ts";
export { buildAuthRequest } from "./auth.ts";
export type {
  ApplicationCredentialInput,
  AuthProject,
  Grantee,
  IssuedToken,
  KeystoneClient,
  KeystoneClientOptions,
  ProjectInput,
  RoleAssignmentFilter,
  UserInput,
} from "./client.ts";
export { createKeystoneClient } from "./client.ts";
export * from "./schemas.ts";
export type { KeystoneSession } from "./session.ts";
export { chooseProject, passwordLogin, rescope, sessionFromToken } from "./session.ts";
