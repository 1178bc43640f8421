/**
 * The Network API extensions this control plane really serves: what
 * `GET /v2.0/extensions` lists, so clients (the CLI, Tempest, the portal)
 * use exactly these. Each part of the API adds its own entries where it is
 * served: append to `NETWORK_EXTENSIONS` (routers add `router`,
 * `extraroute`, `external-net`, `ext-gw-mode`; security groups add
 * `security-group`; agents add `agent`…).
 */
export interface NetworkExtension {
  alias: string;
  name: string;
  description: string;
  /** Upstream's `updated` stamp of the extension. */
  updated: string;
}

export const NETWORK_EXTENSIONS: NetworkExtension[] = [
  {
    alias: "provider",
    name: "Provider Network",
    description: "Expose mapping of virtual networks to physical networks",
    updated: "2012-09-07T10:00:00-00:00",
  },
  {
    alias: "binding",
    name: "Port Binding",
    description: "Expose port bindings of a virtual port to external application",
    updated: "2014-02-03T10:00:00-00:00",
  },
  {
    alias: "port-security",
    name: "Port Security",
    description: "Provides port security",
    updated: "2012-07-23T10:00:00-00:00",
  },
  {
    alias: "allowed-address-pairs",
    name: "Allowed Address Pairs",
    description: "Provides allowed address pairs",
    updated: "2013-07-23T10:00:00-00:00",
  },
  {
    alias: "net-mtu",
    name: "Network MTU",
    description: "Provides MTU attribute for a network resource.",
    updated: "2015-03-25T10:00:00-00:00",
  },
  {
    alias: "net-mtu-writable",
    name: "Network MTU (writable)",
    description: "Provides a writable MTU attribute for a network resource.",
    updated: "2017-07-12T00:00:00-00:00",
  },
  {
    alias: "quotas",
    name: "Quota management support",
    description: "Expose functions for quotas management per project",
    updated: "2012-07-29T10:00:00-00:00",
  },
  {
    alias: "quota_details",
    name: "Quota details management support",
    description: "Expose functions for quotas usage statistics per project",
    updated: "2017-02-10T10:00:00-00:00",
  },
  {
    alias: "availability_zone",
    name: "Availability Zone",
    description: "The availability zone extension.",
    updated: "2015-01-01T10:00:00-00:00",
  },
  {
    alias: "network_availability_zone",
    name: "Network Availability Zone",
    description: "Availability zone support for network.",
    updated: "2015-01-01T10:00:00-00:00",
  },
  {
    alias: "standard-attr-description",
    name: "standard-attr-description",
    description: "Extension to add descriptions to standard attributes",
    updated: "2016-02-10T10:00:00-00:00",
  },
  {
    alias: "standard-attr-revisions",
    name: "Resource revision numbers",
    description: "This extension will display the revision number of neutron resources.",
    updated: "2016-04-11T10:00:00-00:00",
  },
  {
    alias: "standard-attr-timestamp",
    name: "Resource timestamps",
    description:
      "Adds created_at and updated_at fields to all Neutron resources that have Neutron standard attributes.",
    updated: "2016-09-12T10:00:00-00:00",
  },
  {
    alias: "project-id",
    name: "project_id field enabled",
    description: "Extension that indicates that project_id field is enabled.",
    updated: "2016-09-09T09:09:09-09:09",
  },
  {
    alias: "filter-validation",
    name: "Filter parameters validation",
    description: "Provides validation on filter parameters.",
    updated: "2018-03-21T10:00:00-00:00",
  },
  {
    alias: "sorting",
    name: "Sorting support",
    description: "Enables sorting of resources.",
    updated: "2016-06-12T00:00:00-00:00",
  },
  {
    alias: "pagination",
    name: "Pagination support",
    description: "Enables pagination of resources.",
    updated: "2016-06-12T00:00:00-00:00",
  },
  {
    alias: "fixed-ip-filter",
    name: "IP address substring filtering",
    description: "Provides IP address substring filtering when listing ports",
    updated: "2018-04-09T10:00:00-00:00",
  },
  {
    alias: "subnet_allocation",
    name: "Subnet Allocation",
    description: "Enables allocation of subnets from a subnet pool",
    updated: "2015-03-30T10:00:00-00:00",
  },
];
