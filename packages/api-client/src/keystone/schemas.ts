import { z } from "zod";

/**
 * Keystone v3 response shapes, as documented in the API reference samples.
 * Unknown keys are stripped; optional/nullable follows what real Keystone
 * deployments send (descriptions are often `null`, `email` is an extra
 * attribute that may be absent).
 */

const nullableString = z.string().nullish();

export const ZNamedRef = z.object({ id: z.string(), name: z.string() });
export const ZDomainRef = z.object({ id: z.string(), name: z.string() });

export const ZEndpoint = z.object({
  id: z.string(),
  interface: z.string(),
  region: nullableString,
  region_id: nullableString,
  url: z.string(),
});
export type Endpoint = z.infer<typeof ZEndpoint>;

export const ZCatalogEntry = z.object({
  id: z.string(),
  type: z.string(),
  name: nullableString,
  endpoints: z.array(ZEndpoint),
});
export type CatalogEntry = z.infer<typeof ZCatalogEntry>;
export const ZCatalog = z.array(ZCatalogEntry);

export const ZToken = z.object({
  methods: z.array(z.string()),
  expires_at: z.string(),
  issued_at: z.string().optional(),
  user: z.object({
    id: z.string(),
    name: z.string(),
    domain: ZDomainRef,
    password_expires_at: nullableString,
  }),
  project: z.object({ id: z.string(), name: z.string(), domain: ZDomainRef }).optional(),
  domain: ZDomainRef.optional(),
  system: z.object({ all: z.boolean() }).optional(),
  roles: z.array(ZNamedRef).optional(),
  catalog: ZCatalog.optional(),
  is_domain: z.boolean().optional(),
  /** Project-scoped tokens: whether the project is the cloud-admin project (Keystone's admin_project). */
  is_admin_project: z.boolean().optional(),
  application_credential: z.object({ id: z.string(), name: z.string(), restricted: z.boolean() }).optional(),
});
export type Token = z.infer<typeof ZToken>;
export const ZTokenResponse = z.object({ token: ZToken });

export const ZProject = z.object({
  id: z.string(),
  name: z.string(),
  description: nullableString,
  domain_id: z.string(),
  enabled: z.boolean().default(true),
  is_domain: z.boolean().optional(),
  parent_id: nullableString,
  tags: z.array(z.string()).default([]),
});
export type Project = z.infer<typeof ZProject>;
export const ZProjectResponse = z.object({ project: ZProject });
export const ZProjectsResponse = z.object({ projects: z.array(ZProject) });

export const ZUser = z.object({
  id: z.string(),
  name: z.string(),
  domain_id: z.string(),
  enabled: z.boolean().default(true),
  email: nullableString,
  description: nullableString,
  default_project_id: nullableString,
  password_expires_at: nullableString,
});
export type User = z.infer<typeof ZUser>;
export const ZUserResponse = z.object({ user: ZUser });
export const ZUsersResponse = z.object({ users: z.array(ZUser) });

export const ZGroup = z.object({
  id: z.string(),
  name: z.string(),
  description: nullableString,
  domain_id: z.string(),
});
export type Group = z.infer<typeof ZGroup>;
export const ZGroupResponse = z.object({ group: ZGroup });
export const ZGroupsResponse = z.object({ groups: z.array(ZGroup) });

export const ZRole = z.object({
  id: z.string(),
  name: z.string(),
  description: nullableString,
  domain_id: nullableString,
});
export type Role = z.infer<typeof ZRole>;
export const ZRoleResponse = z.object({ role: ZRole });
export const ZRolesResponse = z.object({ roles: z.array(ZRole) });

const ZIdMaybeNamed = z.object({ id: z.string(), name: z.string().optional() });

export const ZRoleAssignment = z.object({
  role: ZIdMaybeNamed,
  user: ZIdMaybeNamed.optional(),
  group: ZIdMaybeNamed.optional(),
  scope: z.object({
    project: ZIdMaybeNamed.optional(),
    domain: ZIdMaybeNamed.optional(),
    system: z.object({ all: z.boolean() }).optional(),
    "OS-INHERIT:inherited_to": z.string().optional(),
  }),
  links: z.object({ assignment: z.string().optional(), membership: z.string().optional() }).optional(),
});
export type RoleAssignment = z.infer<typeof ZRoleAssignment>;
export const ZRoleAssignmentsResponse = z.object({ role_assignments: z.array(ZRoleAssignment) });

export const ZApplicationCredential = z.object({
  id: z.string(),
  name: z.string(),
  description: nullableString,
  project_id: z.string(),
  roles: z.array(z.object({ id: z.string(), name: z.string(), domain_id: nullableString })).default([]),
  expires_at: nullableString,
  // Keystone 22 (Zed) stores and answers null when the creator did not ask: that is restricted.
  unrestricted: z
    .boolean()
    .nullish()
    .transform((v) => v ?? false),
  secret: z.string().optional(),
});
export type ApplicationCredential = z.infer<typeof ZApplicationCredential>;
export const ZApplicationCredentialResponse = z.object({ application_credential: ZApplicationCredential });
export const ZApplicationCredentialsResponse = z.object({
  application_credentials: z.array(ZApplicationCredential),
});

export const ZCatalogResponse = z.object({ catalog: ZCatalog });
