import { defaultGateway } from "@zenith/net-rules/ip";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { messagesFor } from "../../i18n/catalog";
import { validateForm } from "../field-errors";
import { foldListPaths, nestValues, networkFormSchema, subnetFormSchema } from "./network-form-schemas";

const t = createTranslator({ locale: "en", messages: messagesFor("en"), namespace: "network.validation" });
const subnet = (values: Record<string, string>) => validateForm(subnetFormSchema(t), values);

describe("subnetFormSchema", () => {
  it("turns the typed lists into the BFF's input", () => {
    const result = subnet({
      name: " web ",
      cidr: "10.1.0.0/24",
      gatewayIp: "10.1.0.254",
      enableDhcp: "on",
      dnsNameservers: "192.0.2.53, 192.0.2.54\n",
      allocationPools: "10.1.0.10-10.1.0.99\n10.1.0.150 - 10.1.0.160",
      hostRoutes: "192.168.0.0/24,10.1.0.5\n172.16.0.0/16 via 10.1.0.6",
    });
    expect(result).toEqual({
      ok: true,
      data: {
        name: "web",
        cidr: "10.1.0.0/24",
        gatewayIp: "10.1.0.254",
        enableDhcp: true,
        dnsNameservers: ["192.0.2.53", "192.0.2.54"],
        allocationPools: [
          { start: "10.1.0.10", end: "10.1.0.99" },
          { start: "10.1.0.150", end: "10.1.0.160" },
        ],
        hostRoutes: [
          { destination: "192.168.0.0/24", nexthop: "10.1.0.5" },
          { destination: "172.16.0.0/16", nexthop: "10.1.0.6" },
        ],
      },
    });
  });

  it("leaves the default gateway to the cloud, or none when asked", () => {
    const blank = subnet({ cidr: "10.1.0.0/24" });
    expect(blank.ok && "gatewayIp" in blank.data).toBe(false);
    const none = subnet({ cidr: "10.1.0.0/24", gatewayIp: "10.1.0.1", noGateway: "on" });
    expect(none.ok && none.data.gatewayIp).toBeNull();
  });

  it("puts each mistake on its field", () => {
    expect(subnet({ cidr: "" })).toEqual({
      ok: false,
      fields: { cidr: "Enter a CIDR, e.g. 10.0.1.0/24, or pick a suggestion." },
    });
    expect(subnet({ cidr: "10.1.0.5/24" })).toEqual({
      ok: false,
      fields: { cidr: "10.1.0.5/24 is not a network address; use 10.1.0.0/24." },
    });
    const bad = subnet({
      cidr: "10.1.0.0/24",
      gatewayIp: "10.2.0.1",
      allocationPools: "10.1.0.90-10.1.0.10",
      dnsNameservers: "dns.example",
      hostRoutes: "nowhere",
    });
    expect(bad).toEqual({
      ok: false,
      fields: {
        gatewayIp: "The gateway must lie inside 10.1.0.0/24.",
        allocationPools: "The pool 10.1.0.90-10.1.0.10 ends before it starts.",
        dnsNameservers: "dns.example is not an IP address.",
        hostRoutes: '"nowhere": write each route as destination,nexthop, e.g. 192.168.0.0/24,10.0.1.5.',
      },
    });
    expect(subnet({ cidr: "10.1.0.0/24", allocationPools: "10.1.1.10-10.1.1.20" })).toEqual({
      ok: false,
      fields: { allocationPools: "The pool 10.1.1.10-10.1.1.20 must lie inside 10.1.0.0/24." },
    });
  });

  it("checks an edited subnet against its fixed CIDR", () => {
    const edit = validateForm(subnetFormSchema(t, "10.1.0.0/24"), { gatewayIp: "10.9.0.1" });
    expect(edit).toEqual({ ok: false, fields: { gatewayIp: "The gateway must lie inside 10.1.0.0/24." } });
  });
});

describe("networkFormSchema", () => {
  it("nests the subnet section and reports its errors under subnet.*", () => {
    const values = nestValues({ name: "web", adminStateUp: "on", "subnet.cidr": "10.1.0.5/24" });
    expect(validateForm(networkFormSchema(t, false), values)).toEqual({
      ok: false,
      fields: { "subnet.cidr": "10.1.0.5/24 is not a network address; use 10.1.0.0/24." },
    });
  });

  it("drops admin fields for members and keeps them for admins", () => {
    const values = nestValues({
      name: "ext",
      shared: "on",
      external: "on",
      "provider.networkType": "vxlan",
      "provider.segmentationId": "42",
    });
    expect(validateForm(networkFormSchema(t, false), values)).toEqual({
      ok: true,
      data: { name: "ext", adminStateUp: false },
    });
    expect(validateForm(networkFormSchema(t, true), values)).toEqual({
      ok: true,
      data: {
        name: "ext",
        adminStateUp: false,
        shared: true,
        external: true,
        provider: { networkType: "vxlan", segmentationId: 42 },
      },
    });
  });

  it("asks a flat network for its physical network", () => {
    const values = nestValues({ name: "p", "provider.networkType": "flat" });
    expect(validateForm(networkFormSchema(t, true), values)).toEqual({
      ok: false,
      fields: { "provider.physicalNetwork": "A flat network needs a physical network, e.g. public." },
    });
  });
});

describe("helpers", () => {
  it("folds list item paths onto the list's field", () => {
    expect(foldListPaths({ "subnet.allocationPools.0": "bad", "subnet.cidr": "overlap" })).toEqual({
      "subnet.allocationPools": "bad",
      "subnet.cidr": "overlap",
    });
  });

  it("names the default gateway of a CIDR", () => {
    expect(defaultGateway("10.1.0.0/24")).toBe("10.1.0.1");
    expect(defaultGateway("10.1.0.5/24")).toBeNull();
  });
});
