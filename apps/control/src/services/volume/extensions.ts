/** A Cinder API extension as `GET /extensions` lists it (extensions/extensions-list-response.json). */
export interface VolumeExtension {
  alias: string;
  name: string;
  description: string;
  updated: string;
}

/**
 * The extensions this control plane serves, with upstream's names and
 * dates. Append when serving more (os-vol-host-attr, os-volume-actions,
 * backups, os-volume-transfer, … arrive with volumes).
 */
export const VOLUME_EXTENSIONS: readonly VolumeExtension[] = [
  {
    alias: "os-types-manage",
    name: "TypesManage",
    description: "Types manage support.",
    updated: "2011-08-24T00:00:00+00:00",
  },
  {
    alias: "os-types-extra-specs",
    name: "TypesExtraSpecs",
    description: "Type extra specs support.",
    updated: "2011-08-24T00:00:00+00:00",
  },
  {
    alias: "os-volume-type-access",
    name: "VolumeTypeAccess",
    description: "Volume type access support.",
    updated: "2014-06-26T00:00:00Z",
  },
  {
    alias: "os-availability-zone",
    name: "AvailabilityZones",
    description: "Describe Availability Zones.",
    updated: "2013-06-27T00:00:00+00:00",
  },
  {
    alias: "os-quota-sets",
    name: "Quotas",
    description: "Quota management support.",
    updated: "2011-08-08T00:00:00+00:00",
  },
  {
    alias: "os-quota-class-sets",
    name: "QuotaClasses",
    description: "Quota classes management support.",
    updated: "2012-03-12T00:00:00+00:00",
  },
  {
    alias: "os-used-limits",
    name: "UsedLimits",
    description: "Provide data on limited resources that are being used.",
    updated: "2013-10-03T00:00:00+00:00",
  },
];
