// Regression tests for interop 2020.06 required Tempest tests that failed
// against Zenith (see docs/conformance.md and `npm run conformance`).
import { randomUUID, X509Certificate } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inventoryTargets, nova } from "./compute-inventory-harness.ts";
import {
  type ComputeTestEnv,
  createServer,
  type FakeAgent,
  FLAVORS,
  startComputeWithAgent,
  stopComputeWithAgent,
} from "./compute-servers-harness.ts";
import { DEMO_PASSWORD, startTestControl, type TestControl } from "./harness.ts";

const all = await inventoryTargets("tempest_interop_fixes");

describe.each(all)("interop 2020.06 required tests ($label)", (target) => {
  let tc: TestControl;
  let demo: string;

  beforeAll(async () => {
    tc = await startTestControl(target);
    demo = await tc.login("demo", DEMO_PASSWORD, { project: "demo" });
  });
  afterAll(async () => {
    await tc?.close();
    await target.drop();
  });

  // tempest KeyPairsV22TestJSON.test_keypairsv22_create_list_show_with_type
  it("generates an x509 key pair: a self-signed certificate and its private key", async () => {
    const res = await nova(tc, "POST", "/os-keypairs", {
      token: demo,
      mv: "2.2",
      body: { keypair: { name: "cert", type: "x509" } },
    });
    expect(res.status).toBe(201);
    expect(res.body.keypair.type).toBe("x509");
    expect(res.body.keypair.private_key).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
    const cert = new X509Certificate(res.body.keypair.public_key);
    expect(cert.subject).toContain("O=OpenStack");
    expect(cert.checkIssued(cert)).toBe(true);
    expect(res.body.keypair.fingerprint).toBe(cert.fingerprint.toLowerCase());
    const show = await nova(tc, "GET", "/os-keypairs/cert", { token: demo, mv: "2.2" });
    expect(show.body.keypair).toMatchObject({ type: "x509", public_key: res.body.keypair.public_key });
  });

  // The same tempest test validates GET /os-keypairs/{name} with Nova's schema: `id` is an integer.
  it("shows a key pair's id as a stable integer, as Nova's row id", async () => {
    await nova(tc, "POST", "/os-keypairs", { token: demo, body: { keypair: { name: "numbered" } } });
    const first = await nova(tc, "GET", "/os-keypairs/numbered", { token: demo });
    const again = await nova(tc, "GET", "/os-keypairs/numbered", { token: demo, mv: "2.79" });
    expect(Number.isSafeInteger(first.body.keypair.id)).toBe(true);
    expect(again.body.keypair.id).toBe(first.body.keypair.id);
  });
});

describe("interop 2020.06 required tests: server create", () => {
  let env: ComputeTestEnv;
  let agent: FakeAgent;
  let imageId: string;

  beforeAll(async () => {
    ({ env, agent, imageId } = await startComputeWithAgent("tempest_interop_servers", "cmp-1"));
  });
  afterAll(() => stopComputeWithAgent({ env, agent }));

  // tempest ServersNegativeTestJSON.test_create_with_invalid_network_uuid
  it("refuses network ids that are not UUID-like and fixed IPs that are not addresses, as Nova's API does", async () => {
    const create = (networks: unknown) =>
      createServer(env, { name: "net", imageRef: imageId, flavorRef: FLAVORS.small.id, networks });
    const badUuid = await create([{ fixed_ip: "10.0.1.1", uuid: "a-b-c-d-e-f-g-h-i-j" }]);
    expect(badUuid.status).toBe(400);
    expect(badUuid.body.badRequest.message).toContain("server.networks");
    const badPort = await create([{ port: "not-a-port" }]);
    expect(badPort.status).toBe(400);
    const badIp = await create([{ uuid: randomUUID(), fixed_ip: "10.0.1" }]);
    expect(badIp.status).toBe(400);
    expect(badIp.body.badRequest.message).toContain("server.networks");
    // Well-formed (dashes are optional, as oslo's is_uuid_like) but unknown: Nova's NetworkNotFound, 400.
    const unknown = randomUUID();
    const missing = await create([{ uuid: unknown.replace(/-/g, ""), fixed_ip: "fd00::5" }]);
    expect(missing.status).toBe(400);
    expect(missing.body.badRequest.message).toBe(`Network ${unknown} could not be found.`);
  });
});
