import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  ZAvailabilityZonesResponse,
  ZComputeServiceResponse,
  ZComputeServicesResponse,
  ZCreatedKeyPairResponse,
  ZCreateServerResponse,
  ZFlavorAccessResponse,
  ZFlavorsDetailResponse,
  ZHypervisorsResponse,
  ZInstanceActionResponse,
  ZInstanceActionsResponse,
  ZKeyPairsResponse,
  ZLimitsResponse,
  ZQuotaSetDetailResponse,
  ZQuotaSetResponse,
  ZServerResponse,
  ZServersDetailResponse,
  ZServersResponse,
  ZTenantUsageResponse,
} from "../src/nova/index.ts";

/** The upstream API reference samples: the shapes a real Nova sends. */
const SAMPLES = "/work/shared/reference/nova/api_samples";
const sample = (path: string): unknown => JSON.parse(readFileSync(`${SAMPLES}/${path}`, "utf8"));

describe("Nova schemas against upstream samples", () => {
  it.each([
    ["servers/v2.73/server-get-resp.json", ZServerResponse],
    ["servers/v2.73/servers-details-resp.json", ZServersDetailResponse],
    ["servers/v2.47/servers-details-resp.json", ZServersDetailResponse],
    ["servers/v2.9/servers-details-resp.json", ZServersDetailResponse],
    ["servers/servers-details-resp.json", ZServersDetailResponse],
    ["servers/v2.100/servers-details-resp.json", ZServersDetailResponse],
    ["servers/servers-list-resp.json", ZServersResponse],
    ["servers/server-create-resp.json", ZCreateServerResponse],
    ["flavors/v2.75/flavors-detail-resp.json", ZFlavorsDetailResponse],
    ["flavors/v2.61/flavors-detail-resp.json", ZFlavorsDetailResponse],
    ["flavors/flavors-detail-resp.json", ZFlavorsDetailResponse],
    ["flavor-access/flavor-access-list-resp.json", ZFlavorAccessResponse],
    ["os-keypairs/v2.35/keypairs-list-resp.json", ZKeyPairsResponse],
    ["os-keypairs/v2.10/keypairs-post-resp.json", ZCreatedKeyPairResponse],
    ["os-keypairs/keypairs-import-post-resp.json", ZCreatedKeyPairResponse],
    ["limits/v2.57/limit-get-resp.json", ZLimitsResponse],
    ["limits/limit-get-resp.json", ZLimitsResponse],
    ["os-quota-sets/v2.57/quotas-show-get-resp.json", ZQuotaSetResponse],
    ["os-quota-sets/quotas-show-get-resp.json", ZQuotaSetResponse],
    ["os-quota-sets/v2.57/quotas-show-detail-get-resp.json", ZQuotaSetDetailResponse],
    ["os-simple-tenant-usage/v2.40/simple-tenant-usage-get-specific.json", ZTenantUsageResponse],
    ["os-availability-zone/availability-zone-list-resp.json", ZAvailabilityZonesResponse],
    ["os-hypervisors/v2.53/hypervisors-detail-resp.json", ZHypervisorsResponse],
    ["os-hypervisors/v2.88/hypervisors-detail-resp.json", ZHypervisorsResponse],
    ["os-hypervisors/hypervisors-detail-resp.json", ZHypervisorsResponse],
    ["os-services/v2.53/services-list-get-resp.json", ZComputeServicesResponse],
    ["os-services/services-list-get-resp.json", ZComputeServicesResponse],
    ["os-services/v2.53/service-disable-log-put-resp.json", ZComputeServiceResponse],
    ["os-instance-actions/v2.66/instance-actions-list-resp.json", ZInstanceActionsResponse],
    ["os-instance-actions/v2.66/instance-action-get-resp.json", ZInstanceActionResponse],
  ] as const)("parses %s", (path, schema) => {
    const parsed = schema.safeParse(sample(path));
    expect(parsed.error?.message).toBeUndefined();
    expect(parsed.success).toBe(true);
  });

  it("keeps the fields the portal reads from a 2.73 server", () => {
    const { server } = ZServerResponse.parse(sample("servers/v2.73/server-get-resp.json"));
    expect(server.flavor).toMatchObject({ original_name: "m1.tiny", vcpus: 1, ram: 512 });
    expect(server.flavor.id).toBeUndefined();
    expect(server.image).toEqual({ id: "70a599e0-31e7-49b7-b260-868f441e862b" });
    expect(server["OS-EXT-STS:power_state"]).toBe(1);
    expect(server.locked).toBe(true);
    expect(server.addresses.private?.[0]?.addr).toBe("192.168.1.30");
  });

  it("reads the generated private key once", () => {
    const { keypair } = ZCreatedKeyPairResponse.parse(sample("os-keypairs/v2.10/keypairs-post-resp.json"));
    expect(keypair.private_key).toContain("BEGIN RSA PRIVATE KEY");
  });

  it("keeps numeric quota keys and drops the project id", () => {
    const { quota_set } = ZQuotaSetResponse.parse(sample("os-quota-sets/v2.57/quotas-show-get-resp.json"));
    expect(quota_set).toMatchObject({ cores: 20, instances: 10, key_pairs: 100 });
    expect(quota_set.id).toBeUndefined();
  });

  it("parses a server booted from a volume (image is the empty string)", () => {
    const base = sample("servers/v2.73/server-get-resp.json");
    const parsed = ZServerResponse.parse({
      server: { ...(base as { server: object }).server, image: "", extra_from_the_future: 1 },
    });
    expect(parsed.server.image).toBe("");
  });
});
