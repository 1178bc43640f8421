import type { NetworkDeps } from "../deps.ts";

/** The three L3 resources Neutron tags (standard-attr-tag). */
export type L3Taggable = "router" | "floatingIp" | "securityGroup";

/** Replaces a resource's tags (the caller has already found it visible and may update it). */
export async function writeTags(
  prisma: NetworkDeps["prisma"],
  kind: L3Taggable,
  id: string,
  tags: string[],
): Promise<string[]> {
  const data = { tags, revisionNumber: { increment: 1 } };
  switch (kind) {
    case "router":
      return (await prisma.router.update({ where: { id }, data })).tags;
    case "floatingIp":
      return (await prisma.floatingIp.update({ where: { id }, data })).tags;
    case "securityGroup":
      return (await prisma.securityGroup.update({ where: { id }, data })).tags;
  }
}
