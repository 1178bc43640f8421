import { randomUUID } from "node:crypto";
import type { ZHello } from "@zenith/agent-protocol/compute";
import type { PrismaClient } from "@zenith/db/client";
import { z } from "zod";

/** cpu_info is free-form, but it is stored as JSON: keep only JSON values. */
const ZCpuInfo = z.record(z.string(), z.json()).catch({});

export type HelloMessage = z.infer<typeof ZHello>;

/**
 * Registers or updates the host's nova-compute service and hypervisor from
 * its hello (by host name: an agent keeps its id across reconnects). Admin
 * settings (disabled, forced down, allocation ratios) are left alone.
 */
export async function upsertHost(prisma: PrismaClient, hello: HelloMessage): Promise<string> {
  const r = hello.resources;
  const now = new Date();
  const reported = {
    hypervisorType: r.hypervisorType,
    hypervisorVersion: r.hypervisorVersion,
    hypervisorHostname: r.hypervisorHostname,
    hostIp: r.hostIp,
    vcpus: r.vcpus,
    memoryMb: r.memoryMb,
    localGb: r.diskGb,
    cpuInfo: ZCpuInfo.parse(r.cpuInfo),
    lastHeartbeat: now,
    version: hello.agentVersion,
  };
  const row = await prisma.computeHost.upsert({
    where: { host: hello.host },
    create: {
      id: randomUUID(),
      host: hello.host,
      availabilityZone: hello.availabilityZone ?? "nova",
      ...reported,
    },
    update: { ...reported, ...(hello.availabilityZone ? { availabilityZone: hello.availabilityZone } : {}) },
    select: { id: true },
  });
  return row.id;
}
