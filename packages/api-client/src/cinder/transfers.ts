import { volumeVersionAtLeast } from "./microversion.ts";
import { type Transfer, ZTransferResponse, ZTransfersResponse } from "./schemas.ts";
import { type CinderTransport, defined, enc } from "./transport.ts";

/**
 * Volume transfers: `/volume-transfers` from 3.55 (with `no_snapshots`),
 * the legacy `/os-volume-transfer` before; same bodies.
 */
export function transfersApi(cinder: CinderTransport) {
  async function base(): Promise<string> {
    return volumeVersionAtLeast(await cinder.microversion(), "3.55")
      ? "volume-transfers"
      : "os-volume-transfer";
  }
  return {
    async list(opts: { allTenants?: boolean } = {}): Promise<Transfer[]> {
      const res = await cinder.request({
        path: `${await base()}/detail`,
        query: { all_tenants: opts.allTenants ? 1 : undefined },
        schema: ZTransfersResponse,
      });
      return res.data.transfers;
    },
    async get(id: string): Promise<Transfer> {
      return (await cinder.request({ path: `${await base()}/${enc(id)}`, schema: ZTransferResponse })).data
        .transfer;
    },
    /** The answer holds `auth_key`, which the cloud never shows again. */
    async create(input: { volumeId: string; name?: string | undefined; noSnapshots?: boolean | undefined }) {
      const legacy = (await base()) === "os-volume-transfer";
      const res = await cinder.request({
        method: "POST",
        path: await base(),
        body: {
          transfer: defined({
            volume_id: input.volumeId,
            name: input.name,
            no_snapshots: legacy ? undefined : input.noSnapshots,
          }),
        },
        schema: ZTransferResponse,
      });
      return res.data.transfer;
    },
    async accept(id: string, authKey: string): Promise<Transfer> {
      const res = await cinder.request({
        method: "POST",
        path: `${await base()}/${enc(id)}/accept`,
        body: { accept: { auth_key: authKey } },
        schema: ZTransferResponse,
      });
      return res.data.transfer;
    },
    async delete(id: string): Promise<void> {
      await cinder.send({ method: "DELETE", path: `${await base()}/${enc(id)}` });
    },
  };
}
