import type { TokenScope } from "./auth-context.ts";
import type { IdentityDeps } from "./deps.ts";

export interface CatalogEndpoint {
  id: string;
  interface: string;
  regionId: string | null;
  url: string;
}

export interface CatalogEntry {
  id: string;
  type: string;
  name: string;
  endpoints: CatalogEndpoint[];
}

/**
 * The service catalog carried in tokens. Read on every token issue and
 * validation body, so it is cached until a service, endpoint or region changes.
 */
export class CatalogService {
  private cached: CatalogEntry[] | null = null;

  constructor(private readonly deps: IdentityDeps) {}

  invalidate(): void {
    this.cached = null;
  }

  /** The catalog as a token with this scope sees it; unscoped tokens get none, as in Keystone. */
  async forScope(scope: TokenScope): Promise<CatalogEntry[]> {
    if (scope.type === "unscoped") return [];
    const entries = await this.load();
    const projectId = scope.type === "project" ? scope.project.id : null;
    return entries
      .map((entry) => ({
        ...entry,
        endpoints: entry.endpoints.flatMap((ep) => {
          const url = substituteProject(ep.url, projectId);
          // Endpoints templated on a project make no sense outside one.
          return url === null ? [] : [{ ...ep, url }];
        }),
      }))
      .filter((entry) => entry.endpoints.length > 0);
  }

  private async load(): Promise<CatalogEntry[]> {
    if (this.cached) return this.cached;
    const services = await this.deps.prisma.service.findMany({
      where: { enabled: true },
      include: { endpoints: { where: { enabled: true }, orderBy: { interface: "asc" } } },
      orderBy: { type: "asc" },
    });
    this.cached = services.map((s) => ({
      id: s.id,
      type: s.type,
      name: s.name,
      endpoints: s.endpoints.map((e) => ({
        id: e.id,
        interface: e.interface,
        regionId: e.regionId,
        url: e.url,
      })),
    }));
    return this.cached;
  }
}

// Keystone accepts both `%(project_id)s` and `$(project_id)s` templates.
const PROJECT_TEMPLATE = /[%$]\((project_id|tenant_id)\)s/;

function substituteProject(url: string, projectId: string | null): string | null {
  if (!PROJECT_TEMPLATE.test(url)) return url;
  if (projectId === null) return null;
  return url.replaceAll(new RegExp(PROJECT_TEMPLATE, "g"), projectId);
}
