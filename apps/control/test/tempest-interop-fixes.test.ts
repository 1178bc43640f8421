// Regression tests for interop 2020.06 required Tempest tests that failed
// against Zenith (see docs/conformance.md and `npm run conformance`).
import { X509Certificate } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inventoryTargets, nova } from "./compute-inventory-harness.ts";
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
});
