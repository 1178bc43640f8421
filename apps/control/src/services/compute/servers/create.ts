import { randomUUID } from "node:crypto";
import { ZenithError } from "@zenith/core/errors";
import type { Logger } from "@zenith/core/logger";
import type { Prisma, PrismaClient } from "@zenith/db/client";
import type { Instance } from "@zenith/db/generated";
import { checkBootReferences } from "../../image/references.ts";
import type { BlockDeviceRequest, BootPlan } from "../../volume/boot-volumes.ts";
import type { VolumeCaller } from "../../volume/caller.ts";
import type { QuotaService } from "../quotas.ts";
import type { Scheduler } from "../scheduler/scheduler.ts";
import { recordAction } from "./action-log.ts";
import { checkImageFitsFlavor, findBootImage, findUsableFlavor, snapshotOf } from "./boot-sources.ts";
import { type Caller, requesterOf } from "./caller.ts";
import { faultJson } from "./fault.ts";
import { checkMetadataQuota } from "./metadata-rules.ts";
import { hostnameOf, newAdminPass, newReservationId } from "./naming.ts";
import type { NetworksInput } from "./networking/requested.ts";
import type { ServerNetworking } from "./networking/service.ts";
import { TaskState, VmState } from "./states.ts";

export interface CreateServerInput {
  name: string;
  imageRef: string | null;
  flavorRef: string;
  keyName?: string | undefined;
  /** Base64, already validated. */
  userData?: string | undefined;
  metadata: Record<string, string>;
  availabilityZone?: string | undefined;
  minCount: number;
  maxCount: number;
  description?: string | null | undefined;
  adminPass?: string | undefined;
  accessIPv4?: string | undefined;
  accessIPv6?: string | undefined;
  configDrive?: boolean | undefined;
  /** `networks` as asked (see NetworksInput); default: before 2.37's "unspecified". */
  networks?: NetworksInput | undefined;
  /** `security_groups` names; default the project's `default`. */
  securityGroups?: string[] | undefined;
  /** Nova's `block_device_mapping_v2`: boot from volume, volumes at build. */
  blockDevices?: BlockDeviceRequest[] | undefined;
}

/** The volume side of a build (bound late: Cinder's services need the compute hub). */
export interface BuildVolumes {
  prepare(
    caller: VolumeCaller,
    imageRef: string | null,
    requests: readonly BlockDeviceRequest[],
    count: number,
  ): Promise<BootPlan>;
  provision(caller: VolumeCaller, userId: string, instanceId: string, plan: BootPlan): Promise<void>;
}

export interface CreatedServers {
  reservationId: string;
  instances: Instance[];
  adminPass: string;
}

/**
 * The most servers one request may create. Nova bounds `max_count` only by
 * the instances quota; with an unlimited quota that is no bound at all, and
 * one request would write and schedule that many rows in one transaction.
 * 1000 is Nova's `osapi_max_limit`, and above the 500 per request that
 * bench/compute.mjs sends.
 */
export const DEFAULT_MAX_SERVERS_PER_REQUEST = 1000;

export interface ServerCreatorDeps {
  prisma: PrismaClient;
  logger: Logger;
  quotas: QuotaService;
  scheduler: Scheduler;
  network: ServerNetworking;
  /** Defaults to DEFAULT_MAX_SERVERS_PER_REQUEST. */
  maxServersPerRequest?: number | undefined;
  /** Block device mappings; without it they are refused. */
  volumes?: () => BuildVolumes | null;
}

/**
 * `POST /servers`: validates what to boot, reserves quota and writes the
 * instances (BUILD / scheduling) in one transaction, then lets the
 * scheduler place each. Placement failures are the instance's ERROR state,
 * never the request's.
 */
export class ServerCreator {
  constructor(private readonly deps: ServerCreatorDeps) {}

  async create(caller: Caller, input: CreateServerInput): Promise<CreatedServers> {
    const { prisma, quotas, scheduler, logger } = this.deps;
    if (input.minCount > input.maxCount) {
      throw ZenithError.badRequest("min_count must be <= max_count");
    }
    const ceiling = this.deps.maxServersPerRequest ?? DEFAULT_MAX_SERVERS_PER_REQUEST;
    if (input.maxCount > ceiling) {
      throw ZenithError.badRequest(
        `Invalid input for field/attribute max_count. Value: ${input.maxCount}. ${input.maxCount} is greater than the maximum of ${ceiling} servers per request`,
      );
    }
    const flavor = await findUsableFlavor(prisma, caller, input.flavorRef);
    const volumeCaller = { projectId: caller.projectId, isAdmin: caller.admin };
    const devices = input.blockDevices ?? [];
    const buildVolumes = devices.length > 0 ? (this.deps.volumes?.() ?? null) : null;
    if (devices.length > 0 && buildVolumes === null) {
      throw ZenithError.badRequest("Block device mappings are not supported by this cloud.");
    }
    const plan = buildVolumes
      ? await buildVolumes.prepare(volumeCaller, input.imageRef, devices, input.maxCount)
      : null;
    const imageRef = plan ? plan.localImageId : input.imageRef;
    if (imageRef === null && (plan === null || plan.volumes.length === 0)) {
      throw ZenithError.badRequest("Missing imageRef attribute");
    }
    const image = imageRef === null ? null : await findBootImage(prisma, caller, imageRef);
    if (image) {
      checkImageFitsFlavor(image, flavor);
      await checkBootReferences(prisma, caller.projectId, image);
    }
    let keyData: string | null = null;
    if (input.keyName !== undefined) {
      const key = await prisma.keyPair.findUnique({
        where: { userId_name: { userId: caller.auth.user.id, name: input.keyName } },
      });
      if (!key) throw ZenithError.badRequest("Invalid key_name provided.");
      keyData = key.publicKey;
    }
    await this.checkZone(input.availabilityZone);
    const limits = await quotas.limits(caller.projectId);
    checkMetadataQuota(input.metadata, limits.metadata_items);
    // Nova validates networks last, and lowers max_count to the ports the quota allows.
    const { requested, maxCount } = await this.deps.network.resolve(
      caller,
      input.networks ?? { kind: "unspecified" },
      { minCount: input.minCount, maxCount: input.maxCount, securityGroups: input.securityGroups },
    );

    const count = await this.affordableCount(
      caller.projectId,
      { ...input, maxCount },
      flavor.vcpus,
      flavor.ramMb,
    );
    const reservationId = newReservationId();
    const adminPass = input.adminPass ?? newAdminPass();
    const snapshot = snapshotOf(flavor);
    const who = requesterOf(caller);
    const instances = await quotas.reserve(
      caller.projectId,
      { instances: count, cores: count * flavor.vcpus, ram: count * flavor.ramMb },
      async (tx) => {
        const rows: Instance[] = [];
        for (let i = 0; i < count; i++) {
          // Nova's multi-create template "%(name)s-%(count)d", counting from 1.
          const name = count > 1 ? `${input.name}-${i + 1}` : input.name;
          const data: Prisma.InstanceUncheckedCreateInput = {
            id: randomUUID(),
            name,
            hostname: hostnameOf(name),
            projectId: caller.projectId,
            userId: caller.auth.user.id,
            availabilityZone: input.availabilityZone ?? null,
            reservationId,
            launchIndex: i,
            flavorId: flavor.id,
            flavor: snapshot,
            imageId: image?.id ?? null,
            keyName: input.keyName ?? null,
            keyData,
            userData: input.userData ?? null,
            metadata: input.metadata,
            vmState: VmState.BUILDING,
            taskState: TaskState.SCHEDULING,
            description: input.description ?? null,
            accessIpV4: input.accessIPv4 ?? "",
            accessIpV6: input.accessIPv6 ?? "",
            configDrive: input.configDrive ? "True" : "",
            requestedNetworks: requested,
          };
          const row = await tx.instance.create({ data });
          await recordAction(tx, row.id, "create", who, null);
          rows.push(row);
        }
        return rows;
      },
    );
    logger.info(
      { instanceIds: instances.map((i) => i.id), projectId: caller.projectId, reservationId },
      "servers created",
    );
    for (const inst of instances) {
      if (buildVolumes && plan) {
        try {
          await buildVolumes.provision(volumeCaller, caller.auth.user.id, inst.id, plan);
        } catch (err) {
          // The request was valid; the volume could not be made now: the server fails, as Nova's build does.
          const message = err instanceof Error ? err.message : String(err);
          logger.warn({ instanceId: inst.id, err }, "block devices of a new server failed");
          await prisma.instance.update({
            where: { id: inst.id },
            data: {
              vmState: VmState.ERROR,
              taskState: null,
              fault: faultJson(`Build of instance ${inst.id} aborted: ${message}`),
            },
          });
          continue;
        }
      }
      await scheduler.place(inst.id);
    }
    return { reservationId, instances, adminPass };
  }

  /**
   * Nova boots as many as fit between min_count and max_count; the atomic
   * check happens again in `reserve`, this only picks the number to ask.
   */
  private async affordableCount(
    projectId: string,
    input: CreateServerInput,
    vcpus: number,
    ramMb: number,
  ): Promise<number> {
    if (input.minCount === input.maxCount) return input.maxCount;
    const [limits, used] = await Promise.all([
      this.deps.quotas.limits(projectId),
      this.deps.quotas.usage(projectId),
    ]);
    const room = (limit: number, inUse: number, per: number) =>
      limit < 0 || per === 0 ? Number.POSITIVE_INFINITY : Math.floor((limit - inUse) / per);
    const fits = Math.min(
      room(limits.instances, used.instances, 1),
      room(limits.cores, used.cores, vcpus),
      room(limits.ram, used.ram, ramMb),
    );
    // Below min_count, reserve() raises Nova's quota error for min_count.
    return Math.max(input.minCount, Math.min(input.maxCount, fits));
  }

  /** Nova refuses zones no host is in ("nova" always exists). `zone:host` forcing keeps only the zone. */
  private async checkZone(zone: string | undefined): Promise<void> {
    if (zone === undefined || zone === "nova") return;
    const known = await this.deps.prisma.computeHost.count({ where: { availabilityZone: zone } });
    if (known === 0) throw ZenithError.badRequest("The requested availability zone is not available");
  }
}
