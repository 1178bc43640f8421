import {
  type CreatedKeyPair,
  type KeyPair,
  ZCreatedKeyPairResponse,
  ZKeyPairResponse,
  ZKeyPairsResponse,
} from "./schemas/keypairs.ts";
import { defined, enc, type NovaTransport } from "./transport.ts";

export function keyPairsApi(nova: NovaTransport) {
  return {
    /** The caller's key pairs (admins may name another user from 2.10). */
    async list(filter: { userId?: string } = {}): Promise<KeyPair[]> {
      const res = await nova.request({
        path: "os-keypairs",
        query: { user_id: filter.userId },
        schema: ZKeyPairsResponse,
      });
      return res.data.keypairs.map((k) => k.keypair);
    },
    async get(name: string): Promise<KeyPair> {
      return (await nova.request({ path: `os-keypairs/${enc(name)}`, schema: ZKeyPairResponse })).data
        .keypair;
    },
    /**
     * Without `publicKey` Nova (up to 2.91) generates the pair and returns
     * `private_key` in this response only; with it, the key is imported.
     */
    async create(input: {
      name: string;
      publicKey?: string;
      type?: "ssh" | "x509";
    }): Promise<CreatedKeyPair> {
      const res = await nova.request({
        method: "POST",
        path: "os-keypairs",
        body: { keypair: defined({ name: input.name, public_key: input.publicKey, type: input.type }) },
        schema: ZCreatedKeyPairResponse,
      });
      return res.data.keypair;
    },
    async delete(name: string): Promise<void> {
      await nova.send({ method: "DELETE", path: `os-keypairs/${enc(name)}` });
    },
  };
}
