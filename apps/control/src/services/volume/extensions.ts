/** A Cinder API extension as `GET /extensions` lists it (extensions/extensions-list-response.json). */
export interface VolumeExtension {
  alias: string;
  name: string;
  description: string;
  updated: string;
}

/**
 * The extensions this control plane serves, with upstream's names and
 * dates (cinder/api/contrib). Append when serving more; list nothing that
 * is not served (no os-hosts "Hosts", no qos-specs, no consistency groups):
 * clients and tempest read this list to decide what to call.
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
  {
    alias: "os-extended-snapshot-attributes",
    name: "ExtendedSnapshotAttributes",
    description: "Extended SnapshotAttributes support.",
    updated: "2012-06-19T00:00:00+00:00",
  },
  {
    alias: "os-vol-host-attr",
    name: "VolumeHostAttribute",
    description: "Expose host as an attribute of a volume.",
    updated: "2011-11-03T00:00:00+00:00",
  },
  {
    alias: "os-vol-tenant-attr",
    name: "VolumeTenantAttribute",
    description: "Expose the internal project_id as an attribute of a volume.",
    updated: "2011-11-03T00:00:00+00:00",
  },
  {
    alias: "os-vol-mig-status-attr",
    name: "VolumeMigStatusAttribute",
    description: "Expose migration_status as an attribute of a volume.",
    updated: "2013-08-08T00:00:00+00:00",
  },
  {
    alias: "os-volume-actions",
    name: "VolumeActions",
    description: "Enable volume actions.",
    updated: "2012-05-31T00:00:00+00:00",
  },
  {
    alias: "os-admin-actions",
    name: "AdminActions",
    description: "Enable admin actions.",
    updated: "2012-08-25T00:00:00+00:00",
  },
  {
    alias: "os-services",
    name: "Services",
    description: "Services support.",
    updated: "2012-10-28T00:00:00-00:00",
  },
  {
    alias: "scheduler-stats",
    name: "Scheduler_stats",
    description: "Scheduler stats support.",
    updated: "2014-09-07T00:00:00+00:00",
  },
  {
    alias: "backups",
    name: "Backups",
    description: "Backups support.",
    updated: "2012-12-12T00:00:00+00:00",
  },
  {
    alias: "os-volume-transfer",
    name: "VolumeTransfer",
    description: "Volume transfer management support.",
    updated: "2013-05-29T00:00:00+00:00",
  },
];
