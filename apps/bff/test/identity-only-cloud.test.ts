import { beforeEach, describe, expect, it } from "vitest";
import { clearCatalogCache } from "../src/services/cloud/catalog.ts";
import { fakeKeystone } from "./fake-keystone.ts";
import { callerFor, errorOf, keystoneSession, sessionCookie } from "./helpers.ts";

/**
 * A cloud whose catalog lists only Keystone (as Debian's Keystone alone does:
 * tests/real-openstack/keystone.test.ts): the procedures of the services it
 * lacks answer tRPC SERVICE_UNAVAILABLE (503) naming the service, which the
 * portal shows as it is, not INTERNAL_SERVER_ERROR (a crash, "try again").
 */

beforeEach(() => clearCatalogCache());

const identityOnly = () =>
  fakeKeystone([
    {
      path: "/auth/catalog",
      body: {
        catalog: [
          {
            id: "s-identity",
            type: "identity",
            name: "keystone",
            endpoints: [
              {
                id: "e1",
                interface: "public",
                region: "RegionOne",
                region_id: "RegionOne",
                url: "http://k/v3",
              },
            ],
          },
        ],
      },
    },
  ]);

describe("a cloud with only Keystone in its catalog", () => {
  it("answers SERVICE_UNAVAILABLE naming each missing service", async () => {
    const keystone = identityOnly();
    const { caller } = await callerFor(await sessionCookie(keystoneSession()), { fetch: keystone.fetch });
    const cases: [() => Promise<unknown>, string][] = [
      [() => caller.compute.instances.list({}), "This cloud has no compute (Nova) service in its catalog."],
      [() => caller.images.list({}), "This cloud has no image (Glance) service in its catalog."],
      [() => caller.network.networks.list({}), "This cloud has no network (Neutron) service in its catalog."],
      [() => caller.volume.list({}), "This cloud has no block storage (Cinder) service in its catalog."],
    ];
    for (const [call, message] of cases) {
      const err = await errorOf(call());
      expect({ code: err.code, message: err.message }).toEqual({ code: "SERVICE_UNAVAILABLE", message });
    }
    // Only the catalog was read (once, then cached), no other service was tried.
    expect(keystone.calls.map((c) => c.path)).toEqual(["/auth/catalog"]);
  });
});
