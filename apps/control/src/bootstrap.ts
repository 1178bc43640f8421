import type { Logger } from "@zenith/core/logger";
import type { PrismaClient } from "@zenith/db/client";
import { ENDPOINT_INTERFACES, SERVED_SERVICES, type ServedService } from "./catalog.ts";
import { hashSecret, type ScryptParams } from "./crypto/secret-hash.ts";
import { newId, newSecret } from "./crypto/token-id.ts";
import { seedStandardFlavors } from "./services/compute/bootstrap-flavors.ts";
import { SYSTEM_TARGET_ID } from "./services/identity/effective-roles.ts";
import { bootstrapNetworking, DEFAULT_PUBLIC_CIDR } from "./services/network/l3/bootstrap-networking.ts";
import type { NetworkServices } from "./services/network/registry.ts";

export interface BootstrapOptions {
  publicUrl: string;
  region: string;
  scrypt: ScryptParams;
  /** The bootstrap users' passwords when this start creates them (else generated); never applied to existing users. */
  adminPassword?: string | undefined;
  demoPassword?: string | undefined;
  services?: readonly ServedService[];
  /** The external network's subnet (ZENITH_PUBLIC_CIDR); default 172.24.4.0/24. */
  publicCidr?: string | undefined;
  /** The network services: with them, first start creates DevStack's default networking. */
  network?: NetworkServices | undefined;
}

export interface BootstrapResult {
  /** The admin password if this start created the user (given or generated); "" on later starts. */
  adminPassword: string;
  demoPassword: string;
  /** True when this start created the admin user (first start). */
  created: boolean;
}

/** Setting that lists the service ids bootstrap manages, so it can retire them later. */
const MANAGED_SERVICES_KEY = "bootstrap.managed_services";

/**
 * Creates what a fresh cloud needs and keeps the catalog in step with the
 * services served. Safe to run on every start: it only fills what is missing.
 */
export async function bootstrap(
  prisma: PrismaClient,
  opts: BootstrapOptions,
  log: Logger,
): Promise<BootstrapResult> {
  const domain = await prisma.domain.upsert({
    where: { id: "default" },
    create: { id: "default", name: "Default", description: "The default domain" },
    update: {},
  });
  const roles: Record<string, string> = {};
  for (const name of ["admin", "member", "reader"]) {
    const role = await prisma.role.upsert({ where: { name }, create: { id: newId(), name }, update: {} });
    roles[name] = role.id;
  }
  const projectIds: Record<string, string> = {};
  for (const name of ["admin", "demo"]) {
    const project = await prisma.project.upsert({
      where: { domainId_name: { domainId: domain.id, name } },
      create: { id: newId(), name, domainId: domain.id, description: `Bootstrap project ${name}` },
      update: {},
    });
    projectIds[name] = project.id;
  }
  const admin = await ensureUser(
    prisma,
    domain.id,
    "admin",
    opts.adminPassword,
    projectIds.admin,
    opts.scrypt,
  );
  const demo = await ensureUser(prisma, domain.id, "demo", opts.demoPassword, projectIds.demo, opts.scrypt);
  await grant(prisma, roles.admin, admin.id, "project", projectIds.admin);
  await grant(prisma, roles.admin, admin.id, "system", SYSTEM_TARGET_ID);
  await grant(prisma, roles.member, demo.id, "project", projectIds.demo);
  await prisma.region.upsert({ where: { id: opts.region }, create: { id: opts.region }, update: {} });
  await syncCatalog(prisma, opts.services ?? SERVED_SERVICES, opts.publicUrl, opts.region, log);
  const flavors = await seedStandardFlavors(prisma);
  if (flavors > 0) log.info({ flavors }, "bootstrap created the standard flavors");
  if (opts.network && projectIds.admin && projectIds.demo) {
    await bootstrapNetworking(
      opts.network,
      {
        adminProjectId: projectIds.admin,
        demoProjectId: projectIds.demo,
        publicCidr: opts.publicCidr ?? DEFAULT_PUBLIC_CIDR,
      },
      log,
    );
  }
  if (admin.created) log.info({ domain: domain.id }, "bootstrap created the initial identity data");
  return { adminPassword: admin.password, demoPassword: demo.password, created: admin.created };
}

async function ensureUser(
  prisma: PrismaClient,
  domainId: string,
  name: string,
  given: string | undefined,
  projectId: string | undefined,
  scrypt: ScryptParams,
): Promise<{ id: string; password: string; created: boolean }> {
  const existing = await prisma.user.findUnique({ where: { domainId_name: { domainId, name } } });
  // First start only: a password changed since (by the admin, through the API) must survive restarts.
  if (existing) return { id: existing.id, password: "", created: false };
  const password = given ?? newSecret();
  const user = await prisma.user.create({
    data: {
      id: newId(),
      name,
      domainId,
      passwordHash: await hashSecret(password, scrypt),
      defaultProjectId: projectId ?? null,
    },
  });
  return { id: user.id, password, created: true };
}

async function grant(
  prisma: PrismaClient,
  roleId: string | undefined,
  userId: string,
  targetType: "project" | "system",
  targetId: string | undefined,
): Promise<void> {
  if (!roleId || !targetId) return;
  const key = { actorType: "user" as const, actorId: userId, targetType, targetId, roleId, inherited: false };
  await prisma.roleAssignment.upsert({
    where: { actorType_actorId_targetType_targetId_roleId_inherited: key },
    create: key,
    update: {},
  });
}

/**
 * One service per served type with public/internal/admin endpoints at
 * `<publicUrl><path>` in the region. URLs follow the public URL (tests bind
 * ephemeral ports); services bootstrap once managed but no longer serves go.
 */
async function syncCatalog(
  prisma: PrismaClient,
  services: readonly ServedService[],
  publicUrl: string,
  region: string,
  log: Logger,
): Promise<void> {
  const setting = await prisma.setting.findUnique({ where: { key: MANAGED_SERVICES_KEY } });
  const previouslyManaged = new Set(parseIdList(setting?.value));
  const managed: string[] = [];
  for (const served of services) {
    const service =
      (await prisma.service.findFirst({
        where: { type: served.type, id: { in: [...previouslyManaged] } },
      })) ??
      (await prisma.service.findFirst({ where: { type: served.type, name: served.name } })) ??
      (await prisma.service.create({
        data: { id: newId(), type: served.type, name: served.name, description: served.description },
      }));
    managed.push(service.id);
    const url = `${publicUrl}${served.path}`;
    for (const iface of ENDPOINT_INTERFACES) {
      const endpoint = await prisma.endpoint.findFirst({
        where: { serviceId: service.id, interface: iface, regionId: region },
      });
      if (!endpoint) {
        await prisma.endpoint.create({
          data: { id: newId(), serviceId: service.id, interface: iface, regionId: region, url },
        });
      } else if (endpoint.url !== url) {
        await prisma.endpoint.update({ where: { id: endpoint.id }, data: { url } });
      }
    }
  }
  const retired = [...previouslyManaged].filter((id) => !managed.includes(id));
  if (retired.length > 0) {
    await prisma.service.deleteMany({ where: { id: { in: retired } } });
    log.info({ retired }, "removed catalog services no longer served");
  }
  const value = JSON.stringify(managed);
  await prisma.setting.upsert({
    where: { key: MANAGED_SERVICES_KEY },
    create: { key: MANAGED_SERVICES_KEY, value },
    update: { value },
  });
}

function parseIdList(value: string | undefined): string[] {
  if (!value) return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}
