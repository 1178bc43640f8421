import type { Logger } from "@zenith/core/logger";
import type { PrismaClient } from "@zenith/db/client";
import type { DesiredPublisher } from "../../agent-hub/publisher.ts";
import type { Caller } from "../caller.ts";
import { allocateInstancePorts, allocationDetail } from "./allocate.ts";
import { abortBuild, networkBuildAbort } from "./build-abort.ts";
import {
  type AttachRequest,
  attachInterface,
  detachInterface,
  listInterfaces,
  showInterface,
} from "./interfaces.ts";
import type { ComputeNeutron, NetworkChangeNotifier } from "./neutron.ts";
import { releaseInstancePorts } from "./release.ts";
import type { NetworksInput, RequestedNetworks } from "./requested.ts";
import { resolveNetworks } from "./resolve.ts";
import {
  addServerSecurityGroup,
  listServerSecurityGroups,
  projectSecurityGroup,
  projectSecurityGroups,
  removeServerSecurityGroup,
} from "./security-groups.ts";
import { type InterfaceView, interfacesOf } from "./views.ts";
import { portsActive, VifWait } from "./vif-wait.ts";

export interface ServerNetworkingOptions {
  prisma: PrismaClient;
  logger: Logger;
  publisher: DesiredPublisher;
  neutron: ComputeNeutron;
  notifier: NetworkChangeNotifier;
  /** Free ports of a project under Neutron's quota (null: unlimited). */
  portRoom?: ((projectId: string) => Promise<number | null>) | undefined;
  /** True when every port of the instance is wired (the network hub's portsWired). */
  portsWired?: ((instanceId: string) => Promise<boolean>) | undefined;
  /** Nova's vif_plugging_timeout in seconds (0: no wait); default 300. */
  vifPlugTimeoutS?: number | undefined;
  /** How often waiting builds are checked (ms). */
  vifSweepMs?: number | undefined;
}

/**
 * Nova's side of networking, one object per control plane: what a create
 * asks (`networks`), the ports made at placement and released at delete,
 * the BUILD → ACTIVE wait for wiring, os-interface and server security
 * groups. Neutron's own logic is behind `ComputeNeutron`.
 */
export class ServerNetworking {
  readonly vif: VifWait;

  constructor(private readonly opts: ServerNetworkingOptions) {
    const portsWired = opts.portsWired ?? ((id: string) => portsActive(opts.prisma, id));
    this.vif = new VifWait({
      prisma: opts.prisma,
      logger: opts.logger,
      publisher: opts.publisher,
      portsWired,
      timeoutS: opts.vifPlugTimeoutS,
      sweepMs: opts.vifSweepMs,
      release: (id) => this.release(id),
    });
  }

  resolve(
    caller: Caller,
    input: NetworksInput,
    counts: { minCount: number; maxCount: number; securityGroups: string[] | undefined },
  ): Promise<{ requested: RequestedNetworks; maxCount: number }> {
    return resolveNetworks(this.opts, caller, input, counts);
  }

  /**
   * The scheduler placed the instance on `host`: make and bind its ports
   * before its desired state goes out. False when the build was aborted
   * (Neutron refused: no address left, quota) with Nova's fault.
   */
  async placed(instanceId: string, hostId: string, host: string): Promise<boolean> {
    try {
      await allocateInstancePorts(this.opts, instanceId, host);
      return true;
    } catch (err) {
      this.opts.logger.warn({ err, instanceId, host }, "port allocation failed; build aborted");
      await abortBuild(this.opts, instanceId, hostId, networkBuildAbort(instanceId, allocationDetail(err)));
      return false;
    }
  }

  /** The instance is gone (deleted, or its build aborted): its ports go or are unbound. */
  release(instanceId: string): Promise<void> {
    return releaseInstancePorts(this.opts, instanceId);
  }

  interfaces(instanceIds: string[]): Promise<Map<string, InterfaceView[]>> {
    return interfacesOf(this.opts.prisma, instanceIds);
  }

  listInterfaces(caller: Caller, serverId: string): Promise<InterfaceView[]> {
    return listInterfaces(this.opts.prisma, caller, serverId);
  }

  showInterface(caller: Caller, serverId: string, portId: string): Promise<InterfaceView> {
    return showInterface(this.opts.prisma, caller, serverId, portId);
  }

  attachInterface(caller: Caller, serverId: string, req: AttachRequest): Promise<InterfaceView> {
    return attachInterface(this.opts, caller, serverId, req);
  }

  detachInterface(caller: Caller, serverId: string, portId: string): Promise<void> {
    return detachInterface(this.opts, caller, serverId, portId);
  }

  addSecurityGroup(caller: Caller, serverId: string, name: string): Promise<void> {
    return addServerSecurityGroup(this.opts, caller, serverId, name);
  }

  removeSecurityGroup(caller: Caller, serverId: string, name: string): Promise<void> {
    return removeServerSecurityGroup(this.opts, caller, serverId, name);
  }

  securityGroups(caller: Caller, serverId: string) {
    return listServerSecurityGroups(this.opts.prisma, caller, serverId);
  }

  projectSecurityGroups(caller: Caller) {
    return projectSecurityGroups(this.opts, caller);
  }

  projectSecurityGroup(caller: Caller, id: string) {
    return projectSecurityGroup(this.opts.prisma, caller, id);
  }
}
