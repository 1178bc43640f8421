import { ZenithError } from "@zenith/core/errors";
import type { Endpoint, Region, Service } from "@zenith/db/generated";
import { newId } from "../../crypto/token-id.ts";
import { authorize } from "../../policy/authorize.ts";
import type { AuthContext } from "./auth-context.ts";
import type { CatalogService } from "./catalog.ts";
import type { IdentityDeps } from "./deps.ts";
import { conflict, notFound } from "./errors.ts";

export type EndpointInterface = "public" | "internal" | "admin";

export interface ServiceInput {
  type: string;
  name?: string | undefined;
  description?: string | null | undefined;
  enabled?: boolean | undefined;
}

export interface EndpointInput {
  serviceId: string;
  interface: EndpointInterface;
  url: string;
  regionId?: string | null | undefined;
  enabled?: boolean | undefined;
}

export interface RegionInput {
  id?: string | undefined;
  description?: string | null | undefined;
  parentRegionId?: string | null | undefined;
}

/** Services, endpoints and regions: the admin side of the catalog. */
export class CatalogAdminService {
  constructor(
    private readonly deps: IdentityDeps,
    private readonly catalog: CatalogService,
  ) {}

  // ---- services
  async listServices(ctx: AuthContext, filter: { type?: string | undefined; name?: string | undefined }) {
    authorize(ctx, "identity:list_services");
    return this.deps.prisma.service.findMany({
      where: { type: filter.type, name: filter.name },
      orderBy: { type: "asc" },
    });
  }

  async getService(ctx: AuthContext, id: string): Promise<Service> {
    authorize(ctx, "identity:get_service");
    return this.requireService(id);
  }

  async createService(ctx: AuthContext, input: ServiceInput): Promise<Service> {
    authorize(ctx, "identity:create_service");
    const service = await this.deps.prisma.service.create({
      data: {
        id: newId(),
        type: input.type,
        name: input.name ?? "",
        description: input.description ?? "",
        enabled: input.enabled ?? true,
      },
    });
    this.catalog.invalidate();
    return service;
  }

  async updateService(ctx: AuthContext, id: string, patch: Partial<ServiceInput>): Promise<Service> {
    authorize(ctx, "identity:update_service");
    await this.requireService(id);
    const service = await this.deps.prisma.service.update({
      where: { id },
      data: {
        type: patch.type,
        name: patch.name,
        description: patch.description === null ? "" : patch.description,
        enabled: patch.enabled,
      },
    });
    this.catalog.invalidate();
    return service;
  }

  async deleteService(ctx: AuthContext, id: string): Promise<void> {
    authorize(ctx, "identity:delete_service");
    await this.requireService(id);
    await this.deps.prisma.service.delete({ where: { id } });
    this.catalog.invalidate();
  }

  // ---- endpoints
  async listEndpoints(
    ctx: AuthContext,
    filter: { interface?: string | undefined; serviceId?: string | undefined; regionId?: string | undefined },
  ): Promise<Endpoint[]> {
    authorize(ctx, "identity:list_endpoints");
    return this.deps.prisma.endpoint.findMany({
      where: { interface: filter.interface, serviceId: filter.serviceId, regionId: filter.regionId },
      orderBy: [{ serviceId: "asc" }, { interface: "asc" }],
    });
  }

  async getEndpoint(ctx: AuthContext, id: string): Promise<Endpoint> {
    authorize(ctx, "identity:get_endpoint");
    return this.requireEndpoint(id);
  }

  async createEndpoint(ctx: AuthContext, input: EndpointInput): Promise<Endpoint> {
    authorize(ctx, "identity:create_endpoint");
    await this.checkRefs(input.serviceId, input.regionId);
    const endpoint = await this.deps.prisma.endpoint.create({
      data: {
        id: newId(),
        serviceId: input.serviceId,
        interface: input.interface,
        url: input.url,
        regionId: input.regionId ?? null,
        enabled: input.enabled ?? true,
      },
    });
    this.catalog.invalidate();
    return endpoint;
  }

  async updateEndpoint(ctx: AuthContext, id: string, patch: Partial<EndpointInput>): Promise<Endpoint> {
    authorize(ctx, "identity:update_endpoint");
    await this.requireEndpoint(id);
    await this.checkRefs(patch.serviceId, patch.regionId);
    const endpoint = await this.deps.prisma.endpoint.update({
      where: { id },
      data: {
        serviceId: patch.serviceId,
        interface: patch.interface,
        url: patch.url,
        regionId: patch.regionId,
        enabled: patch.enabled,
      },
    });
    this.catalog.invalidate();
    return endpoint;
  }

  async deleteEndpoint(ctx: AuthContext, id: string): Promise<void> {
    authorize(ctx, "identity:delete_endpoint");
    await this.requireEndpoint(id);
    await this.deps.prisma.endpoint.delete({ where: { id } });
    this.catalog.invalidate();
  }

  // ---- regions
  async listRegions(ctx: AuthContext, filter: { parentRegionId?: string | undefined }): Promise<Region[]> {
    authorize(ctx, "identity:list_regions");
    return this.deps.prisma.region.findMany({
      where: { parentRegionId: filter.parentRegionId },
      orderBy: { id: "asc" },
    });
  }

  async getRegion(ctx: AuthContext, id: string): Promise<Region> {
    authorize(ctx, "identity:get_region");
    return this.requireRegion(id);
  }

  async createRegion(ctx: AuthContext, input: RegionInput): Promise<Region> {
    authorize(ctx, "identity:create_region");
    const id = input.id ?? newId();
    if (await this.deps.prisma.region.findUnique({ where: { id } })) {
      throw conflict("region", `Duplicate ID, ${id}`);
    }
    if (input.parentRegionId) await this.requireRegion(input.parentRegionId, true);
    return this.deps.prisma.region.create({
      data: { id, description: input.description ?? "", parentRegionId: input.parentRegionId ?? null },
    });
  }

  async updateRegion(ctx: AuthContext, id: string, patch: Omit<RegionInput, "id">): Promise<Region> {
    authorize(ctx, "identity:update_region");
    await this.requireRegion(id);
    if (patch.parentRegionId) await this.requireRegion(patch.parentRegionId, true);
    const region = await this.deps.prisma.region.update({
      where: { id },
      data: {
        description: patch.description === null ? "" : patch.description,
        parentRegionId: patch.parentRegionId,
      },
    });
    this.catalog.invalidate();
    return region;
  }

  async deleteRegion(ctx: AuthContext, id: string): Promise<void> {
    authorize(ctx, "identity:delete_region");
    await this.requireRegion(id);
    if (await this.deps.prisma.region.findFirst({ where: { parentRegionId: id } })) {
      throw new ZenithError("FORBIDDEN", `Unable to delete region ${id} because it has child regions.`);
    }
    await this.deps.prisma.region.delete({ where: { id } });
    this.catalog.invalidate();
  }

  private async checkRefs(serviceId: string | undefined, regionId: string | null | undefined): Promise<void> {
    if (serviceId && !(await this.deps.prisma.service.findUnique({ where: { id: serviceId } }))) {
      throw ZenithError.badRequest(`Could not find service: ${serviceId}.`);
    }
    if (regionId) await this.requireRegion(regionId, true);
  }

  private async requireService(id: string): Promise<Service> {
    const service = await this.deps.prisma.service.findUnique({ where: { id } });
    if (!service) throw notFound("service", id);
    return service;
  }

  private async requireEndpoint(id: string): Promise<Endpoint> {
    const endpoint = await this.deps.prisma.endpoint.findUnique({ where: { id } });
    if (!endpoint) throw notFound("endpoint", id);
    return endpoint;
  }

  /** `asInput`: a reference in a request body, which is a 400 rather than a 404. */
  private async requireRegion(id: string, asInput = false): Promise<Region> {
    const region = await this.deps.prisma.region.findUnique({ where: { id } });
    if (!region) {
      if (asInput) throw ZenithError.badRequest(`Could not find region: ${id}.`);
      throw notFound("region", id);
    }
    return region;
  }
}
