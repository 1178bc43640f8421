import type { Flavor, FlavorAccess } from "./schemas/flavors.ts";
import {
  ZExtraSpecsResponse,
  ZFlavorAccessResponse,
  ZFlavorResponse,
  ZFlavorsDetailResponse,
} from "./schemas/flavors.ts";
import { defined, enc, type NovaTransport } from "./transport.ts";

export interface FlavorInput {
  name: string;
  vcpus: number;
  ram: number;
  disk: number;
  id?: string | undefined;
  ephemeral?: number | undefined;
  swap?: number | undefined;
  isPublic?: boolean | undefined;
  description?: string | undefined;
}

export function flavorsApi(nova: NovaTransport) {
  return {
    /**
     * `GET /flavors/detail`. Nova's default lists public flavors plus the
     * project's private ones; admins pass `isPublic: "all"` (`is_public=None`) for every flavor.
     */
    async list(filter: { isPublic?: boolean | "all" } = {}): Promise<Flavor[]> {
      const isPublic = filter.isPublic === "all" ? "None" : filter.isPublic;
      const res = await nova.request({
        path: "flavors/detail",
        query: { is_public: isPublic === false ? "false" : isPublic },
        schema: ZFlavorsDetailResponse,
      });
      return res.data.flavors;
    },
    async get(id: string): Promise<Flavor> {
      return (await nova.request({ path: `flavors/${enc(id)}`, schema: ZFlavorResponse })).data.flavor;
    },
    async create(input: FlavorInput): Promise<Flavor> {
      const res = await nova.request({
        method: "POST",
        path: "flavors",
        body: {
          flavor: defined({
            name: input.name,
            vcpus: input.vcpus,
            ram: input.ram,
            disk: input.disk,
            id: input.id,
            "OS-FLV-EXT-DATA:ephemeral": input.ephemeral,
            swap: input.swap,
            "os-flavor-access:is_public": input.isPublic,
            description: input.description,
          }),
        },
        schema: ZFlavorResponse,
      });
      return res.data.flavor;
    },
    async delete(id: string): Promise<void> {
      await nova.send({ method: "DELETE", path: `flavors/${enc(id)}` });
    },
    async extraSpecs(id: string): Promise<Record<string, string>> {
      const res = await nova.request({
        path: `flavors/${enc(id)}/os-extra_specs`,
        schema: ZExtraSpecsResponse,
      });
      return res.data.extra_specs;
    },
    async setExtraSpecs(id: string, specs: Record<string, string>): Promise<Record<string, string>> {
      const res = await nova.request({
        method: "POST",
        path: `flavors/${enc(id)}/os-extra_specs`,
        body: { extra_specs: specs },
        schema: ZExtraSpecsResponse,
      });
      return res.data.extra_specs;
    },
    async deleteExtraSpec(id: string, key: string): Promise<void> {
      await nova.send({ method: "DELETE", path: `flavors/${enc(id)}/os-extra_specs/${enc(key)}` });
    },
    /** Projects allowed to use a private flavor (a public flavor answers 404/409). */
    async access(id: string): Promise<FlavorAccess[]> {
      const res = await nova.request({
        path: `flavors/${enc(id)}/os-flavor-access`,
        schema: ZFlavorAccessResponse,
      });
      return res.data.flavor_access;
    },
    async addAccess(id: string, projectId: string): Promise<FlavorAccess[]> {
      const res = await nova.request({
        method: "POST",
        path: `flavors/${enc(id)}/action`,
        body: { addTenantAccess: { tenant: projectId } },
        schema: ZFlavorAccessResponse,
      });
      return res.data.flavor_access;
    },
    async removeAccess(id: string, projectId: string): Promise<FlavorAccess[]> {
      const res = await nova.request({
        method: "POST",
        path: `flavors/${enc(id)}/action`,
        body: { removeTenantAccess: { tenant: projectId } },
        schema: ZFlavorAccessResponse,
      });
      return res.data.flavor_access;
    },
  };
}
