import {
  type VolumeType,
  ZExtraSpecsResponse,
  ZTypeAccessResponse,
  ZVolumeTypeResponse,
  ZVolumeTypesResponse,
} from "./schemas.ts";
import { type CinderTransport, defined, enc } from "./transport.ts";

export interface VolumeTypeInput {
  name?: string | undefined;
  description?: string | undefined;
  isPublic?: boolean | undefined;
  extraSpecs?: Record<string, string> | undefined;
}

/** Volume types; create/update/delete, extra specs and access are admin calls upstream. */
export function typesApi(cinder: CinderTransport) {
  return {
    /** Admins see private types too with `isPublic: "none"` (upstream's `is_public=None`). */
    async list(opts: { isPublic?: "true" | "false" | "none" } = {}): Promise<VolumeType[]> {
      const res = await cinder.request({
        path: "types",
        query: { is_public: opts.isPublic === "none" ? "None" : opts.isPublic },
        schema: ZVolumeTypesResponse,
      });
      return res.data.volume_types;
    },
    async get(id: string): Promise<VolumeType> {
      return (await cinder.request({ path: `types/${enc(id)}`, schema: ZVolumeTypeResponse })).data
        .volume_type;
    },
    /** The project's default type (`GET /types/default`). */
    async getDefault(): Promise<VolumeType> {
      return (await cinder.request({ path: "types/default", schema: ZVolumeTypeResponse })).data.volume_type;
    },
    async create(input: VolumeTypeInput & { name: string }): Promise<VolumeType> {
      const res = await cinder.request({
        method: "POST",
        path: "types",
        body: {
          volume_type: defined({
            name: input.name,
            description: input.description,
            "os-volume-type-access:is_public": input.isPublic,
            extra_specs: input.extraSpecs,
          }),
        },
        schema: ZVolumeTypeResponse,
      });
      return res.data.volume_type;
    },
    async update(id: string, patch: Omit<VolumeTypeInput, "extraSpecs">): Promise<VolumeType> {
      const res = await cinder.request({
        method: "PUT",
        path: `types/${enc(id)}`,
        body: {
          volume_type: defined({
            name: patch.name,
            description: patch.description,
            is_public: patch.isPublic,
          }),
        },
        schema: ZVolumeTypeResponse,
      });
      return res.data.volume_type;
    },
    async delete(id: string): Promise<void> {
      await cinder.send({ method: "DELETE", path: `types/${enc(id)}` });
    },
    async extraSpecs(id: string): Promise<Record<string, string>> {
      return (await cinder.request({ path: `types/${enc(id)}/extra_specs`, schema: ZExtraSpecsResponse }))
        .data.extra_specs;
    },
    /** Creates or overwrites the given keys; others stay. */
    async setExtraSpecs(id: string, specs: Record<string, string>): Promise<Record<string, string>> {
      const res = await cinder.request({
        method: "POST",
        path: `types/${enc(id)}/extra_specs`,
        body: { extra_specs: specs },
        schema: ZExtraSpecsResponse,
      });
      return res.data.extra_specs;
    },
    async deleteExtraSpec(id: string, key: string): Promise<void> {
      await cinder.send({ method: "DELETE", path: `types/${enc(id)}/extra_specs/${enc(key)}` });
    },
    async access(id: string): Promise<string[]> {
      const res = await cinder.request({
        path: `types/${enc(id)}/os-volume-type-access`,
        schema: ZTypeAccessResponse,
      });
      return res.data.volume_type_access.map((a) => a.project_id);
    },
    async addAccess(id: string, projectId: string): Promise<void> {
      await cinder.send({
        method: "POST",
        path: `types/${enc(id)}/action`,
        body: { addProjectAccess: { project: projectId } },
      });
    },
    async removeAccess(id: string, projectId: string): Promise<void> {
      await cinder.send({
        method: "POST",
        path: `types/${enc(id)}/action`,
        body: { removeProjectAccess: { project: projectId } },
      });
    },
  };
}
