/**
 * The services this control plane serves, and therefore lists in its own
 * catalog. Adding compute, image, network or volume means adding an entry
 * here; bootstrap then creates (or re-points) its endpoints on next start.
 */
export interface ServedService {
  type: string;
  name: string;
  description: string;
  /** Appended to the public URL, e.g. "/identity/v3". May use `%(project_id)s`. */
  path: string;
}

export const SERVED_SERVICES: readonly ServedService[] = [
  // Versioned, so keystoneclient uses it without a discovery round trip.
  { type: "identity", name: "keystone", description: "Keystone Identity Service", path: "/identity/v3" },
  // Versioned too: novaclient does no discovery and appends paths to the catalog URL.
  { type: "compute", name: "nova", description: "Nova Compute Service", path: "/compute/v2.1" },
  // Unversioned: the SDK discovers v2 from GET /image (see http/image/discovery.ts).
  { type: "image", name: "glance", description: "Glance Image Service", path: "/image" },
  // Unversioned: the SDK appends v2.0 itself (it does no discovery for the network service).
  { type: "network", name: "neutron", description: "Neutron Networking Service", path: "/networking" },
  // Cinder v3 under both of its service types (DevStack lists both): cinderclient uses the URL as is, no discovery,
  // so it carries the version and the project (Keystone substitutes `%(project_id)s` per token).
  {
    type: "block-storage",
    name: "cinder",
    description: "Cinder Volume Service",
    path: "/volume/v3/%(project_id)s",
  },
  {
    type: "volumev3",
    name: "cinderv3",
    description: "Cinder Volume Service V3",
    path: "/volume/v3/%(project_id)s",
  },
  // Unversioned, as Gnocchi's endpoint is: gnocchiclient appends v1 itself.
  { type: "metric", name: "gnocchi", description: "OpenStack Metric Service", path: "/metric" },
  // Zenith's own (no OpenStack client asks for it): change notices for live views, see http/zenith/changes.ts.
  { type: "zenith-changes", name: "zenith", description: "Zenith change notices", path: "/zenith/v1" },
];

export const ENDPOINT_INTERFACES = ["public", "internal", "admin"] as const;
