import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openstack, openstackJson, openstackOk, projectEnv } from "./cli.ts";
import { type CliCloud, type Control, startCliCloud } from "./cloud.ts";

// The real python-openstackclient (Debian, Zed; cinderclient for every
// volume command) against the real control plane's Block Storage API:
// volume types, private type access, quotas, limits, availability zones.
// No agent runs: none of this needs one.
const ADMIN_PASSWORD = "cli-admin-pw";
const DEMO_PASSWORD = "cli-demo-pw";
const suffix = randomBytes(3).toString("hex");
const names = {
  gold: `cli-gold-${suffix}`,
  renamed: `cli-gold2-${suffix}`,
  private: `cli-priv-${suffix}`,
};

type Row = Record<string, unknown>;

let cloud: CliCloud;
let control: Control;
let admin: NodeJS.ProcessEnv;
let demo: NodeJS.ProcessEnv;

const _cloudEnv = (user: string, password: string, project: string): NodeJS.ProcessEnv =>
  projectEnv(control.url, user, password, project);

async function typeNames(env: NodeJS.ProcessEnv): Promise<string[]> {
  const rows = await openstackJson<Row[]>(["volume", "type", "list"], env);
  return rows.map((r) => String(r.Name));
}

beforeAll(async () => {
  cloud = await startCliCloud("volume", {
    adminPassword: ADMIN_PASSWORD,
    demoPassword: DEMO_PASSWORD,
    defaultNetworking: false,
    joinTokenFile: false,
  });
  ({ control } = cloud);
  ({ admin, demo } = cloud);
});

afterAll(async () => {
  await cloud?.close();
});

describe("openstack volume type", () => {
  it("creates, lists, shows, sets and deletes a type", async () => {
    const created = await openstackJson<Row>(
      ["volume", "type", "create", "--description", "gold tier", "--property", "tier=gold", names.gold],
      admin,
    );
    expect(created).toMatchObject({ name: names.gold, description: "gold tier", is_public: true });

    const listed = await typeNames(admin);
    expect(listed).toEqual(expect.arrayContaining(["__DEFAULT__", names.gold]));

    const shown = await openstackJson<Row>(["volume", "type", "show", names.gold], admin);
    expect(shown).toMatchObject({ id: created.id, name: names.gold, properties: { tier: "gold" } });

    await openstackOk(
      [
        "volume",
        "type",
        "set",
        "--name",
        names.renamed,
        "--description",
        "new",
        "--property",
        "iops=100",
        names.gold,
      ],
      admin,
    );
    const changed = await openstackJson<Row>(["volume", "type", "show", names.renamed], admin);
    expect(changed).toMatchObject({ description: "new", properties: { tier: "gold", iops: "100" } });

    await openstackOk(["volume", "type", "unset", "--property", "tier", names.renamed], admin);
    const unset = await openstackJson<Row>(["volume", "type", "show", names.renamed], admin);
    expect(unset.properties).toEqual({ iops: "100" });

    // cinderclient at a microversion (sends OpenStack-API-Version: volume 3.60 and reads the echo).
    const atMax = await openstackJson<Row[]>(
      ["--os-volume-api-version", "3.60", "volume", "type", "list", "--long"],
      admin,
    );
    expect(atMax.find((r) => r.Name === names.renamed)?.Properties).toEqual({ iops: "100" });
    const tooNew = await openstack(["--os-volume-api-version", "3.61", "volume", "type", "list"], admin);
    expect(tooNew.code).not.toBe(0);

    const dflt = await openstackJson<Row[]>(["volume", "type", "list", "--default"], admin);
    expect(dflt.map((r) => r.Name)).toEqual(["__DEFAULT__"]);

    await openstackOk(["volume", "type", "delete", names.renamed], admin);
    expect(await typeNames(admin)).not.toContain(names.renamed);
  });

  it("refuses a member's type management with Cinder's policy message", async () => {
    const res = await openstack(["volume", "type", "create", `cli-mine-${suffix}`], demo);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain(
      "Policy doesn't allow volume_extension:type_create to be performed. (HTTP 403)",
    );
  });

  it("keeps a private type to the projects it is granted to (--private, set/unset --project)", async () => {
    const created = await openstackJson<Row>(["volume", "type", "create", "--private", names.private], admin);
    expect(created.is_public).toBe(false);
    expect(await typeNames(demo)).not.toContain(names.private);
    expect((await openstack(["volume", "type", "show", names.private], demo)).code).not.toBe(0);

    await openstackOk(["volume", "type", "set", "--project", "demo", names.private], admin);
    expect(await typeNames(demo)).toContain(names.private);
    const seen = await openstackJson<Row>(["volume", "type", "show", names.private], demo);
    expect(seen.id).toBe(created.id);
    const withAccess = await openstackJson<Row>(["volume", "type", "show", names.private], admin);
    const demoProject = await openstackJson<Row>(["project", "show", "demo"], admin);
    expect(String(withAccess.access_project_ids)).toContain(String(demoProject.id));

    await openstackOk(["volume", "type", "unset", "--project", "demo", names.private], admin);
    expect(await typeNames(demo)).not.toContain(names.private);
    await openstackOk(["volume", "type", "delete", names.private], admin);
  });
});

describe("openstack quota, limits and availability zones", () => {
  it("shows and sets the volume quotas next to compute and network", async () => {
    const before = await openstackJson<Row>(["quota", "show", "demo"], admin);
    expect(before).toMatchObject({ volumes: 10, gigabytes: 1000, snapshots: 10, backups: 10 });
    expect(before.volumes___DEFAULT__).toBe(-1);
    expect(before.instances).toBe(10);

    await openstackOk(["quota", "set", "--volumes", "7", "--gigabytes", "70", "demo"], admin);
    const after = await openstackJson<Row>(["quota", "show", "demo"], admin);
    expect(after).toMatchObject({ volumes: 7, gigabytes: 70 });

    const own = await openstackJson<Row>(["quota", "show"], demo);
    expect(own).toMatchObject({ volumes: 7, gigabytes: 70 });
  });

  it("shows the absolute volume limits", async () => {
    const rows = await openstackJson<Row[]>(["limits", "show", "--absolute"], demo);
    const byName = Object.fromEntries(rows.map((r) => [String(r.Name), r.Value]));
    expect(byName).toMatchObject({
      maxTotalVolumes: 7,
      maxTotalVolumeGigabytes: 70,
      totalVolumesUsed: 0,
      totalGigabytesUsed: 0,
      maxTotalSnapshots: 10,
    });
  });

  it("lists the volume availability zones", async () => {
    const rows = await openstackJson<Row[]>(["availability", "zone", "list", "--volume"], admin);
    expect(rows).toEqual([{ "Zone Name": "nova", "Zone Status": "not available" }]);
  });
});
