import type { VolumeTypeView } from "../../services/volume/volume-types.ts";

/** A volume type as Cinder shows it (volume_type/volume-type-show-response.json). */
export function renderVolumeType(t: VolumeTypeView) {
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    is_public: t.isPublic,
    "os-volume-type-access:is_public": t.isPublic,
    qos_specs_id: t.qosSpecsId,
    extra_specs: t.extraSpecs,
  };
}
