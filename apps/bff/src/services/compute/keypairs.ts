import type { KeyPair } from "@zenith/api-client/nova";
import type { Cloud } from "../cloud/clients.ts";

export function toKeyPair(k: KeyPair) {
  return { name: k.name, fingerprint: k.fingerprint, publicKey: k.public_key, type: k.type ?? "ssh" };
}

export async function listKeyPairs(cloud: Cloud) {
  const keys = await (await cloud.nova()).keyPairs.list();
  return keys.map(toKeyPair).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Nova generates the pair when no public key is sent (microversions below
 * 2.92, and this client asks for at most 2.79); the private key exists only
 * in this response, so the BFF passes it through and keeps nothing.
 */
export async function createKeyPair(cloud: Cloud, name: string) {
  const created = await (await cloud.nova()).keyPairs.create({ name });
  return { keyPair: toKeyPair(created), privateKey: created.private_key ?? null };
}

export async function importKeyPair(cloud: Cloud, name: string, publicKey: string) {
  return toKeyPair(await (await cloud.nova()).keyPairs.create({ name, publicKey: publicKey.trim() }));
}

export async function deleteKeyPair(cloud: Cloud, name: string) {
  await (await cloud.nova()).keyPairs.delete(name);
  return { ok: true as const };
}
