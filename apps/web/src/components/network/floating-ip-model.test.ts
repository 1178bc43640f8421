import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { messagesFor } from "../../i18n/catalog";
import {
  associateChoices,
  findFloatingIp,
  floatingIpFormSchemas,
  floatingIpStatusLabel,
  floatingIpTone,
  portLabel,
  type Target,
} from "./floating-ip-model";

const t = createTranslator({ locale: "en", messages: messagesFor("en"), namespace: "network.validation" });
const tFips = createTranslator({
  locale: "en",
  messages: messagesFor("en"),
  namespace: "network.floatingIps",
});
const tAssociate = createTranslator({
  locale: "en",
  messages: messagesFor("en"),
  namespace: "network.floatingIpAssociate",
});
const AssociateFormSchema = floatingIpFormSchemas(t).associate;

const one: Target = {
  id: "vm1",
  name: "web",
  ports: [
    {
      id: "p1",
      networkName: "private",
      macAddress: "fa:16:3e:00:00:01",
      fixedIps: [{ address: "10.0.0.5", floatingIp: null }],
    },
  ],
};
const two: Target = {
  id: "vm2",
  name: "db",
  ports: [
    {
      id: "p2",
      networkName: "private",
      macAddress: "fa:16:3e:00:00:02",
      fixedIps: [{ address: "10.0.0.6", floatingIp: null }],
    },
    {
      id: "p3",
      networkName: "backend",
      macAddress: "fa:16:3e:00:00:03",
      fixedIps: [
        { address: "10.1.0.6", floatingIp: null },
        { address: "10.1.0.7", floatingIp: "172.24.4.9" },
      ],
    },
  ],
};

describe("associateChoices", () => {
  it("takes the only port without asking", () => {
    const c = associateChoices([one, two], "vm1", "");
    expect(c).toMatchObject({ choosePort: false, chooseAddress: false, port: { id: "p1" } });
  });

  it("asks for the port when there are several, then for the address when the port has several", () => {
    const none = associateChoices([one, two], "vm2", "");
    expect(none).toMatchObject({ choosePort: true, port: undefined, addresses: [] });
    const picked = associateChoices([one, two], "vm2", "p3");
    expect(picked).toMatchObject({ choosePort: true, chooseAddress: true, port: { id: "p3" } });
    expect(associateChoices([one, two], "nope", "")).toMatchObject({ ports: [], port: undefined });
  });
});

describe("floating IP labels", () => {
  it("says what a status means", () => {
    expect(floatingIpTone("ACTIVE")).toBe("success");
    expect(floatingIpTone("DOWN")).toBe("muted");
    expect(floatingIpTone("ERROR")).toBe("danger");
    expect(floatingIpStatusLabel(tFips, "DOWN", false)).toBe("Unassociated");
    expect(floatingIpStatusLabel(tFips, "DOWN", true)).toBe("Pending");
    expect(floatingIpStatusLabel(tFips, "ACTIVE", true)).toBe("Active");
  });

  it("labels a port by network, addresses and MAC", () => {
    const port = two.ports[1];
    if (!port) throw new Error("fixture");
    expect(portLabel(tAssociate, port)).toBe("backend: 10.1.0.6, 10.1.0.7 (fa:16:3e:00:00:03)");
  });
});

describe("AssociateFormSchema", () => {
  it("requires instance and port and accepts only an IPv4 fixed address", () => {
    const missing = AssociateFormSchema.safeParse({ instanceId: "vm1", portId: "" });
    expect(missing.error?.issues[0]?.path).toEqual(["portId"]);
    expect(AssociateFormSchema.safeParse({ instanceId: "vm1", portId: "p1", fixedIp: "nope" }).success).toBe(
      false,
    );
    expect(AssociateFormSchema.parse({ instanceId: "vm1", portId: "p1", fixedIp: "" })).toEqual({
      instanceId: "vm1",
      portId: "p1",
      fixedIp: undefined,
    });
  });
});

describe("findFloatingIp", () => {
  const rows = Array.from({ length: 230 }, (_, i) => ({ id: `fip-${i}` }));
  const pages = (asked: number[]) => async (q: { page: number; pageSize: number }) => {
    asked.push(q.page);
    return { items: rows.slice((q.page - 1) * q.pageSize, q.page * q.pageSize), total: rows.length };
  };

  it("reads pages of 100 until it turns up", async () => {
    const asked: number[] = [];
    expect(await findFloatingIp("fip-150", pages(asked))).toEqual({ id: "fip-150" });
    expect(asked).toEqual([1, 2]);
  });

  it("answers null after the last page when it is not there", async () => {
    const asked: number[] = [];
    expect(await findFloatingIp("gone", pages(asked))).toBeNull();
    expect(asked).toEqual([1, 2, 3]);
  });
});
