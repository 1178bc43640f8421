import type { Logger } from "@zenith/core/logger";
import type { PrismaClient } from "@zenith/db/client";
import type { ControlConfig } from "../../config.ts";
import { makeDecoyHash } from "../../crypto/secret-hash.ts";
import { AppCredentialService } from "./app-credentials.ts";
import { AuthScopeService } from "./auth-scopes.ts";
import { AuthService } from "./authenticate.ts";
import { CatalogService } from "./catalog.ts";
import { CatalogAdminService } from "./catalog-admin.ts";
import type { IdentityDeps } from "./deps.ts";
import { DomainService } from "./domains.ts";
import { GrantService } from "./grants.ts";
import { GroupService } from "./groups.ts";
import { LoginThrottle } from "./login-throttle.ts";
import { ProjectService } from "./projects.ts";
import { RoleAssignmentService } from "./role-assignments.ts";
import { RoleService } from "./roles.ts";
import { TokenCache } from "./token-cache.ts";
import { TokenService } from "./tokens.ts";
import { UserService } from "./users.ts";

/** Every identity service, wired once per control-plane instance. */
export interface IdentityServices {
  deps: IdentityDeps;
  tokens: TokenService;
  auth: AuthService;
  authScopes: AuthScopeService;
  catalog: CatalogService;
  catalogAdmin: CatalogAdminService;
  domains: DomainService;
  projects: ProjectService;
  users: UserService;
  groups: GroupService;
  roles: RoleService;
  grants: GrantService;
  assignments: RoleAssignmentService;
  appCreds: AppCredentialService;
}

export async function createIdentityServices(opts: {
  prisma: PrismaClient;
  config: ControlConfig;
  logger: Logger;
}): Promise<IdentityServices> {
  const deps: IdentityDeps = {
    ...opts,
    tokenCache: new TokenCache(opts.config.tokenCacheMs),
    userThrottle: new LoginThrottle(opts.config.loginThrottle),
    addressThrottle: new LoginThrottle({
      maxFailures: opts.config.loginThrottle.maxFailuresPerAddress,
      windowMs: opts.config.loginThrottle.windowMs,
    }),
    decoyHash: await makeDecoyHash(opts.config.scrypt),
  };
  const tokens = new TokenService(deps);
  const catalog = new CatalogService(deps);
  return {
    deps,
    tokens,
    auth: new AuthService(deps, tokens),
    authScopes: new AuthScopeService(deps, catalog),
    catalog,
    catalogAdmin: new CatalogAdminService(deps, catalog),
    domains: new DomainService(deps),
    projects: new ProjectService(deps),
    users: new UserService(deps, tokens),
    groups: new GroupService(deps),
    roles: new RoleService(deps),
    grants: new GrantService(deps),
    assignments: new RoleAssignmentService(deps),
    appCreds: new AppCredentialService(deps),
  };
}
