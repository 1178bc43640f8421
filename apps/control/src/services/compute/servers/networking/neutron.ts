/**
 * What Nova needs of Neutron, as one interface: the Neutron services
 * (ports with IPAM, security groups) and the network hub implement it, so
 * compute never duplicates their logic and its tests can tell which call
 * did what. Every call is the service's own (no HTTP), made on behalf of
 * the instance's project.
 */
export interface PortBinding {
  /** The instance uuid. */
  deviceId: string;
  /** `compute:<availability zone>`. */
  deviceOwner: string;
  /** binding:host_id: the compute host's name (its network agent wires the port). */
  host: string;
}

export interface NewInstancePort {
  projectId: string;
  networkId: string;
  /** A requested fixed IP; otherwise Neutron's IPAM picks one per subnet. */
  fixedIp?: string | undefined;
  /** Security groups by id (the project's `default` when none were asked). */
  securityGroupIds: string[];
  binding: PortBinding;
}

export interface ComputeNeutron {
  /** Creates and binds a port; rejects with a ZenithError when Neutron refuses (IP exhausted, quota, address in use). */
  createPort(port: NewInstancePort): Promise<string>;
  deletePort(portId: string): Promise<void>;
  /** Binds a port to an instance and host, or unbinds it (`null`: device_id, owner and host cleared). */
  bindPort(portId: string, binding: PortBinding | null): Promise<void>;
  setPortSecurityGroups(portId: string, securityGroupIds: string[]): Promise<void>;
  /** The project's `default` group, created on first need. */
  defaultSecurityGroup(projectId: string): Promise<string>;
}

/** The network hub's side: desired state changed for the ports' hosts. */
export interface NetworkChangeNotifier {
  networkChanged(hosts?: string[]): void;
}
