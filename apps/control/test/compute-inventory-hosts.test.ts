import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inventoryTargets, nova } from "./compute-inventory-harness.ts";
import { DEMO_PASSWORD, startTestControl, type TestControl } from "./harness.ts";
import { instanceRow } from "./instance-rows.ts";

const targets = () => inventoryTargets("compute_inv_hosts");

const SSH_KEY =
  "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQDx8nkQv/zgGgB4rMYmIf+6A4l6Rr+o/6lHBQdW5aYd44bd8JttDCE/F/pNRr0lRE+PiqSPO8nDPHw0010JeMH9gYgnnFlyY3/OcJ02RhIPyyxYpv9FhY+2YiUkpwFOcLImyrxEsYXpD/0d3ac30bNH6Sw9JD9UZHYcpSxsIbECHw== Generated-by-Nova";
/** The upstream sample's fingerprint for SSH_KEY (os-keypairs/keypairs-import-post-resp.json). */
const SSH_FINGERPRINT = "1e:2c:9b:56:79:4b:45:77:f9:ca:7a:98:2c:b0:d5:3c";

const all = await targets();

describe.each(all)("compute inventory: key pairs, services, hypervisors ($label)", (target) => {
  let tc: TestControl;
  let admin: string;
  let demo: string;
  let demoUserId: string;

  beforeAll(async () => {
    tc = await startTestControl(target);
    admin = await tc.adminToken();
    demo = await tc.login("demo", DEMO_PASSWORD, { project: "demo" });
    const users = await tc.api("GET", "/users?name=demo", { token: admin });
    demoUserId = users.body.users[0].id;
  });
  afterAll(async () => {
    await tc?.close();
    await target.drop();
  });

  async function addHost(host: string, opts: { heartbeatAgoS?: number | null; zone?: string } = {}) {
    const ago = opts.heartbeatAgoS === undefined ? 0 : opts.heartbeatAgoS;
    return tc.running.db.prisma.computeHost.create({
      data: {
        id: randomUUID(),
        host,
        hypervisorHostname: `${host}.example`,
        availabilityZone: opts.zone ?? "nova",
        lastHeartbeat: ago === null ? null : new Date(Date.now() - ago * 1000),
        vcpus: 8,
        memoryMb: 16384,
        localGb: 200,
        vcpusUsed: 2,
        memoryMbUsed: 4096,
        localGbUsed: 20,
        runningVms: 1,
        cpuInfo: { arch: "x86_64", model: "host" },
      },
    });
  }

  describe("key pairs", () => {
    it("imports a key with Nova's MD5 fingerprint, shaped per microversion", async () => {
      const v21 = await nova(tc, "POST", "/os-keypairs", {
        token: demo,
        body: { keypair: { name: "imported", public_key: SSH_KEY } },
      });
      expect(v21.status).toBe(200);
      expect(v21.body.keypair).toEqual({
        name: "imported",
        public_key: SSH_KEY,
        fingerprint: SSH_FINGERPRINT,
        user_id: demoUserId,
      });
      const v210 = await nova(tc, "POST", "/os-keypairs", {
        token: demo,
        mv: "2.10",
        body: { keypair: { name: "imported2", public_key: SSH_KEY, type: "ssh" } },
      });
      expect(v210.status).toBe(201);
      expect(v210.body.keypair.type).toBe("ssh");
      const show = await nova(tc, "GET", "/os-keypairs/imported", { token: demo, mv: "2.79" });
      expect(show.body.keypair).toMatchObject({
        name: "imported",
        type: "ssh",
        user_id: demoUserId,
        deleted: false,
        updated_at: null,
        deleted_at: null,
      });
      expect(show.body.keypair.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
      const list = await nova(tc, "GET", "/os-keypairs", { token: demo });
      expect(list.body.keypairs[0]).toEqual({
        keypair: { name: "imported", public_key: SSH_KEY, fingerprint: SSH_FINGERPRINT },
      });
    });

    it("generates a key pair and returns the private key once", async () => {
      const res = await nova(tc, "POST", "/os-keypairs", {
        token: demo,
        mv: "2.2",
        body: { keypair: { name: "gen" } },
      });
      expect(res.status).toBe(201);
      expect(res.body.keypair.private_key).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----/);
      expect(res.body.keypair.public_key).toMatch(/^ssh-rsa \S+ Generated-by-Nova\n$/);
      expect(res.body.keypair.fingerprint).toMatch(/^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);
      const show = await nova(tc, "GET", "/os-keypairs/gen", { token: demo });
      expect(show.body.keypair.private_key).toBeUndefined();
    });

    it("rejects bad input and duplicates", async () => {
      const dup = await nova(tc, "POST", "/os-keypairs", { token: demo, body: { keypair: { name: "gen" } } });
      expect(dup.status).toBe(409);
      const badKey = await nova(tc, "POST", "/os-keypairs", {
        token: demo,
        body: { keypair: { name: "bad", public_key: "ssh-rsa nonsense" } },
      });
      expect(badKey.status).toBe(400);
      expect(badKey.body.badRequest.message).toContain("Keypair data is invalid");
      const badName = await nova(tc, "POST", "/os-keypairs", {
        token: demo,
        body: { keypair: { name: "a/b", public_key: SSH_KEY } },
      });
      expect(badName.status).toBe(400);
      const noName = await nova(tc, "POST", "/os-keypairs", { token: demo, body: { keypair: {} } });
      expect(noName.status).toBe(400);
      expect(noName.body.badRequest.message).toContain("keypair.name");
      // `type` is unknown before 2.2.
      const early = await nova(tc, "POST", "/os-keypairs", {
        token: demo,
        body: { keypair: { name: "t", type: "ssh" } },
      });
      expect(early.status).toBe(400);
    });

    it("keeps key pairs per user: another user's key pair is 404, user_id is admin-only", async () => {
      expect((await nova(tc, "GET", "/os-keypairs/imported", { token: admin })).status).toBe(404);
      expect((await nova(tc, "DELETE", "/os-keypairs/imported", { token: admin })).status).toBe(404);
      const adminList = await nova(tc, "GET", "/os-keypairs", { token: admin });
      expect(adminList.body.keypairs).toEqual([]);
      const asAdmin = await nova(tc, "GET", `/os-keypairs/imported?user_id=${demoUserId}`, {
        token: admin,
        mv: "2.10",
      });
      expect(asAdmin.status).toBe(200);
      const admins = await tc.api("GET", "/users?name=admin", { token: admin });
      const snoop = await nova(tc, "GET", `/os-keypairs?user_id=${admins.body.users[0].id}`, {
        token: demo,
        mv: "2.10",
      });
      expect(snoop.status).toBe(403);
    });

    it("pages key pairs at 2.35 and deletes with 204 (202 at 2.1)", async () => {
      const page = await nova(tc, "GET", "/os-keypairs?limit=1", { token: demo, mv: "2.35" });
      expect(page.body.keypairs).toHaveLength(1);
      expect(page.body.keypairs_links[0].href).toBe(`${tc.url}/compute/v2.1/os-keypairs?limit=1&marker=gen`);
      expect((await nova(tc, "DELETE", "/os-keypairs/gen", { token: demo, mv: "2.2" })).status).toBe(204);
      expect((await nova(tc, "DELETE", "/os-keypairs/imported2", { token: demo })).status).toBe(202);
      expect((await nova(tc, "GET", "/os-keypairs/gen", { token: demo })).status).toBe(404);
    });
  });

  describe("services, hypervisors and zones", () => {
    let up: { id: string };
    let stale: { id: string };

    beforeAll(async () => {
      up = await addHost("cmp-up");
      stale = await addHost("cmp-stale", { heartbeatAgoS: 600, zone: "az2" });
      await addHost("cmp-new", { heartbeatAgoS: null });
    });

    it("lists services with state from heartbeats (2.1 and 2.79 shapes)", async () => {
      const v21 = await nova(tc, "GET", "/os-services", { token: admin });
      expect(v21.status).toBe(200);
      const byHost = Object.fromEntries(v21.body.services.map((s: { host: string }) => [s.host, s]));
      expect(byHost["cmp-up"]).toMatchObject({
        binary: "nova-compute",
        state: "up",
        status: "enabled",
        zone: "nova",
      });
      expect(byHost["cmp-stale"]).toMatchObject({ state: "down", zone: "az2" });
      expect(byHost["cmp-new"]).toMatchObject({ state: "down" });
      expect(byHost["cmp-up"]).not.toHaveProperty("forced_down");
      const v279 = await nova(tc, "GET", "/os-services?binary=nova-compute&host=cmp-up", {
        token: admin,
        mv: "2.79",
      });
      expect(v279.body.services).toHaveLength(1);
      expect(v279.body.services[0]).toMatchObject({ id: up.id, forced_down: false, disabled_reason: null });
      expect(v279.body.services[0].updated_at).toMatch(/\.\d{6}$/);
      const none = await nova(tc, "GET", "/os-services?binary=nova-scheduler", { token: admin });
      expect(none.body.services).toEqual([]);
      expect((await nova(tc, "GET", "/os-services", { token: demo })).status).toBe(403);
    });

    it("updates services by uuid at 2.53+ and validates the body", async () => {
      const off = await nova(tc, "PUT", `/os-services/${up.id}`, {
        token: admin,
        mv: "2.53",
        body: { status: "disabled", disabled_reason: "maintenance" },
      });
      expect(off.status).toBe(200);
      expect(off.body.service).toMatchObject({
        id: up.id,
        status: "disabled",
        disabled_reason: "maintenance",
      });
      const on = await nova(tc, "PUT", `/os-services/${up.id}`, {
        token: admin,
        mv: "2.53",
        body: { status: "enabled" },
      });
      expect(on.body.service).toMatchObject({ status: "enabled", disabled_reason: null });
      const down = await nova(tc, "PUT", `/os-services/${up.id}`, {
        token: admin,
        mv: "2.79",
        body: { forced_down: true },
      });
      expect(down.body.service).toMatchObject({ forced_down: true, state: "down" });
      await nova(tc, "PUT", `/os-services/${up.id}`, {
        token: admin,
        mv: "2.79",
        body: { forced_down: false },
      });
      const empty = await nova(tc, "PUT", `/os-services/${up.id}`, { token: admin, mv: "2.53", body: {} });
      expect(empty.status).toBe(400);
      const reasonOnEnable = await nova(tc, "PUT", `/os-services/${up.id}`, {
        token: admin,
        mv: "2.53",
        body: { status: "enabled", disabled_reason: "x" },
      });
      expect(reasonOnEnable.status).toBe(400);
      const badStatus = await nova(tc, "PUT", `/os-services/${up.id}`, {
        token: admin,
        mv: "2.53",
        body: { status: "off" },
      });
      expect(badStatus.status).toBe(400);
      expect(badStatus.body.badRequest.message).toContain("status");
      const notUuid = await nova(tc, "PUT", "/os-services/disable", {
        token: admin,
        mv: "2.53",
        body: { status: "disabled" },
      });
      expect(notUuid.status).toBe(400);
      const unknown = await nova(tc, "PUT", `/os-services/${randomUUID()}`, {
        token: admin,
        mv: "2.53",
        body: { status: "disabled" },
      });
      expect(unknown.status).toBe(404);
    });

    it("supports the legacy service actions before 2.53", async () => {
      const dis = await nova(tc, "PUT", "/os-services/disable-log-reason", {
        token: admin,
        body: { host: "cmp-up", binary: "nova-compute", disabled_reason: "test2" },
      });
      expect(dis.body).toEqual({
        service: { host: "cmp-up", binary: "nova-compute", status: "disabled", disabled_reason: "test2" },
      });
      const en = await nova(tc, "PUT", "/os-services/enable", {
        token: admin,
        body: { host: "cmp-up", binary: "nova-compute" },
      });
      expect(en.body).toEqual({ service: { host: "cmp-up", binary: "nova-compute", status: "enabled" } });
      const fd = await nova(tc, "PUT", "/os-services/force-down", {
        token: admin,
        mv: "2.11",
        body: { host: "cmp-up", binary: "nova-compute", forced_down: false },
      });
      expect(fd.body.service.forced_down).toBe(false);
      expect((await nova(tc, "PUT", "/os-services/force-down", { token: admin, body: {} })).status).toBe(404);
      const noHost = await nova(tc, "PUT", "/os-services/disable", {
        token: admin,
        body: { host: "nope", binary: "nova-compute" },
      });
      expect(noHost.status).toBe(404);
    });

    it("lists and shows hypervisors at 2.1 (cpu_info string) and 2.79 (object)", async () => {
      const list = await nova(tc, "GET", "/os-hypervisors", { token: admin });
      expect(list.body.hypervisors).toHaveLength(3);
      expect(Object.keys(list.body.hypervisors[0]).sort()).toEqual([
        "hypervisor_hostname",
        "id",
        "state",
        "status",
      ]);
      const detail = await nova(tc, "GET", "/os-hypervisors/detail", { token: admin });
      const h = detail.body.hypervisors.find((x: { id: string }) => x.id === up.id);
      expect(h).toMatchObject({
        hypervisor_hostname: "cmp-up.example",
        state: "up",
        status: "enabled",
        vcpus: 8,
        vcpus_used: 2,
        memory_mb: 16384,
        memory_mb_used: 4096,
        free_ram_mb: 12288,
        local_gb: 200,
        local_gb_used: 20,
        free_disk_gb: 180,
        running_vms: 1,
        current_workload: 0,
        hypervisor_type: "fake",
        service: { host: "cmp-up", id: up.id, disabled_reason: null },
      });
      expect(JSON.parse(h.cpu_info)).toEqual({ arch: "x86_64", model: "host" });
      const show = await nova(tc, "GET", `/os-hypervisors/${up.id}`, { token: admin, mv: "2.79" });
      expect(show.body.hypervisor.cpu_info).toEqual({ arch: "x86_64", model: "host" });
      expect((await nova(tc, "GET", "/os-hypervisors/nope", { token: admin, mv: "2.53" })).status).toBe(400);
      expect((await nova(tc, "GET", "/os-hypervisors/nope", { token: admin })).status).toBe(404);
      expect((await nova(tc, "GET", "/os-hypervisors", { token: demo })).status).toBe(403);
    });

    it("searches, pages, sums and reports uptime", async () => {
      const search = await nova(tc, "GET", "/os-hypervisors?hypervisor_hostname_pattern=stale", {
        token: admin,
        mv: "2.53",
      });
      expect(search.body.hypervisors.map((x: { id: string }) => x.id)).toEqual([stale.id]);
      const none = await nova(tc, "GET", "/os-hypervisors?hypervisor_hostname_pattern=zzz", {
        token: admin,
        mv: "2.53",
      });
      expect(none.status).toBe(404);
      const legacy = await nova(tc, "GET", "/os-hypervisors/stale/search", { token: admin });
      expect(legacy.body.hypervisors).toHaveLength(1);
      expect(
        (await nova(tc, "GET", "/os-hypervisors/stale/search", { token: admin, mv: "2.53" })).status,
      ).toBe(404);
      const page = await nova(tc, "GET", "/os-hypervisors?limit=2", { token: admin, mv: "2.33" });
      expect(page.body.hypervisors).toHaveLength(2);
      expect(page.body.hypervisors_links[0].rel).toBe("next");
      const strict = await nova(tc, "GET", "/os-hypervisors?bogus=1", { token: admin, mv: "2.53" });
      expect(strict.status).toBe(400);
      const stats = await nova(tc, "GET", "/os-hypervisors/statistics", { token: admin });
      expect(stats.body.hypervisor_statistics).toMatchObject({
        count: 3,
        vcpus: 24,
        vcpus_used: 6,
        running_vms: 3,
      });
      const uptime = await nova(tc, "GET", `/os-hypervisors/${up.id}/uptime`, { token: admin });
      expect(uptime.status).toBe(501);
      expect(uptime.body.notImplemented.code).toBe(501);
    });

    it("lists availability zones from the hosts", async () => {
      const list = await nova(tc, "GET", "/os-availability-zone", { token: demo });
      expect(list.body.availabilityZoneInfo).toEqual([
        { zoneName: "az2", zoneState: { available: true }, hosts: null },
        { zoneName: "nova", zoneState: { available: true }, hosts: null },
      ]);
      expect((await nova(tc, "GET", "/os-availability-zone/detail", { token: demo })).status).toBe(403);
      const detail = await nova(tc, "GET", "/os-availability-zone/detail", { token: admin });
      const az2 = detail.body.availabilityZoneInfo.find((z: { zoneName: string }) => z.zoneName === "az2");
      expect(az2.hosts["cmp-stale"]["nova-compute"]).toMatchObject({ active: true, available: false });
    });

    it("deletes a service (204) unless it hosts instances (409)", async () => {
      const victim = await addHost("cmp-gone");
      await tc.running.db.prisma.instance.create({ data: instanceRow({ projectId: "p", hostId: up.id }) });
      const busy = await nova(tc, "DELETE", `/os-services/${up.id}`, { token: admin, mv: "2.53" });
      expect(busy.status).toBe(409);
      expect(
        (await nova(tc, "DELETE", `/os-services/${victim.id}`, { token: admin, mv: "2.53" })).status,
      ).toBe(204);
      expect(
        (await nova(tc, "DELETE", `/os-services/${victim.id}`, { token: admin, mv: "2.53" })).status,
      ).toBe(404);
      const withServers = await nova(tc, "GET", `/os-hypervisors/${up.id}?with_servers=true`, {
        token: admin,
        mv: "2.53",
      });
      expect(withServers.body.hypervisor.servers).toEqual([{ uuid: expect.any(String), name: "vm" }]);
    });
  });
});
