import { randomUUID } from "node:crypto";
import type { ZNetworkHello } from "@zenith/agent-protocol/network";
import type { PrismaClient } from "@zenith/db/client";
import type { z } from "zod";

export type NetworkHelloMessage = z.infer<typeof ZNetworkHello>;

/** The Neutron agents one network host plays, as /v2.0/agents lists them. */
export const AGENT_ROLES = [
  { agentType: "Linux bridge agent", binary: "neutron-linuxbridge-agent", topic: "N/A" },
  { agentType: "DHCP agent", binary: "neutron-dhcp-agent", topic: "dhcp_agent" },
  { agentType: "L3 agent", binary: "neutron-l3-agent", topic: "l3_agent" },
  { agentType: "Metadata agent", binary: "neutron-metadata-agent", topic: "N/A" },
] as const;

export type AgentType = (typeof AGENT_ROLES)[number]["agentType"];

/**
 * Registers or updates the network host from its hello (by host name: it
 * keeps its id and its agents' ids across reconnects) and makes sure its
 * four agent rows exist. Admin settings (admin_state_up, descriptions) are
 * left alone.
 */
export async function upsertNetworkHost(prisma: PrismaClient, hello: NetworkHelloMessage): Promise<string> {
  const now = new Date();
  const reported = {
    tunnelIp: hello.tunnelIp,
    physnets: hello.physicalNetworks,
    driver: hello.driver,
    version: hello.agentVersion,
    lastHeartbeat: now,
    startedAt: now,
  };
  const row = await prisma.networkHost.upsert({
    where: { host: hello.host },
    create: { id: randomUUID(), host: hello.host, ...reported },
    update: reported,
    select: { id: true },
  });
  await prisma.networkAgent.createMany({
    data: AGENT_ROLES.map((role) => ({ id: randomUUID(), hostId: row.id, ...role })),
    skipDuplicates: true,
  });
  return row.id;
}
