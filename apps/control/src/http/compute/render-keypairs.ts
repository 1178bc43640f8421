import type { KeyPairRow } from "../../services/compute/keypairs.ts";
import { atLeast, type Microversion } from "./microversion.ts";
import { novaTime } from "./render-common.ts";

/** `type` appears at 2.2 (when x509 key pairs arrived). */
function typeField(k: KeyPairRow, mv: Microversion) {
  return atLeast(mv, 2, 2) ? { type: k.type } : {};
}

/** A list entry: Nova wraps each one in its own `keypair` object. */
export function renderKeyPairEntry(k: KeyPairRow, mv: Microversion) {
  return {
    keypair: { name: k.name, public_key: k.publicKey, fingerprint: k.fingerprint, ...typeField(k, mv) },
  };
}

/**
 * Nova's key pair `id` is its database row number, an integer (clients
 * validate it as one). Zenith's rows have UUIDs: show their first 48 bits,
 * a stable integer that stays within JSON's safe range.
 */
export function keyPairNumber(id: string): number {
  return Number.parseInt(id.replace(/-/g, "").slice(0, 12), 16);
}

export function renderKeyPair(k: KeyPairRow, mv: Microversion) {
  return {
    name: k.name,
    public_key: k.publicKey,
    fingerprint: k.fingerprint,
    ...typeField(k, mv),
    user_id: k.userId,
    deleted: false,
    created_at: novaTime(k.createdAt),
    updated_at: null,
    deleted_at: null,
    id: keyPairNumber(k.id),
  };
}

/** The create reply: no timestamps; `private_key` only when Nova generated the key. */
export function renderCreatedKeyPair(k: KeyPairRow, privateKey: string | null, mv: Microversion) {
  return {
    name: k.name,
    public_key: k.publicKey,
    fingerprint: k.fingerprint,
    user_id: k.userId,
    ...typeField(k, mv),
    ...(privateKey === null ? {} : { private_key: privateKey }),
  };
}
