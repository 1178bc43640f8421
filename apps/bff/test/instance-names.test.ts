import { createNovaClient } from "@zenith/api-client/nova";
import { describe, expect, it } from "vitest";
import { serversByIdFrom } from "../src/services/network/port-owners.ts";
import { instanceNames } from "../src/services/network/secfip-common.ts";
import { novaServer, server } from "./fake-cloud.ts";

/** A Nova that knows `count` servers of project p-demo and records the paths it is asked. */
function fakeNova(count: number) {
  const paths: string[] = [];
  const servers = Array.from({ length: count }, (_, i) => ({ id: `vm-${i}`, name: `web-${i}` }));
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  const fetchImpl: typeof fetch = async (input) => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    paths.push(url.pathname);
    if (url.pathname === "/compute/v2.1/servers") return json({ servers });
    if (url.pathname === "/compute/v2.1/servers/broken")
      return json({ computeFault: { code: 500, message: "Nova is down." } }, 500);
    const one = servers.find((s) => url.pathname === `/compute/v2.1/servers/${s.id}`);
    if (!one) return json({ itemNotFound: { code: 404, message: "Instance could not be found." } }, 404);
    return json({ server: novaServer(server(0, { id: one.id, name: one.name })) });
  };
  const nova = createNovaClient({
    endpoint: "http://c/compute/v2.1",
    token: "t",
    fetch: fetchImpl,
    microversion: "2.79",
  });
  return { nova, paths };
}

const scope = { token: "t", projectId: "p-demo", isAdmin: false };

describe("instanceNames", () => {
  it("reads a few named instances one by one, and leaves out one the caller cannot see", async () => {
    const { nova, paths } = fakeNova(100);
    const names = await instanceNames(nova, scope, { ids: ["vm-3", "vm-7", "vm-3", "gone"] });
    expect([...names]).toEqual([
      ["vm-3", "web-3"],
      ["vm-7", "web-7"],
    ]);
    expect(paths.sort()).toEqual([
      "/compute/v2.1/servers/gone",
      "/compute/v2.1/servers/vm-3",
      "/compute/v2.1/servers/vm-7",
    ]);
  });

  it("takes the summary listing for many ids or none given", async () => {
    const many = fakeNova(30);
    const ids = Array.from({ length: 21 }, (_, i) => `vm-${i}`);
    const names = await instanceNames(many.nova, scope, { ids });
    expect(names.get("vm-20")).toBe("web-20");
    expect(many.paths).toEqual(["/compute/v2.1/servers"]);
    const all = fakeNova(3);
    expect((await instanceNames(all.nova, scope)).size).toBe(3);
    expect(all.paths).toEqual(["/compute/v2.1/servers"]);
  });

  it("says so when Nova fails, rather than showing ids for names (404 alone means gone or hidden)", async () => {
    const { nova } = fakeNova(3);
    await expect(instanceNames(nova, scope, { ids: ["vm-1", "broken"] })).rejects.toThrow("Nova is down.");
    await expect(serversByIdFrom(nova, ["vm-1", "broken"])).rejects.toThrow("Nova is down.");
    expect([...(await serversByIdFrom(nova, ["vm-1", "gone"])).keys()]).toEqual(["vm-1"]);
  });
});
