import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { messagesFor } from "../../../../../i18n/catalog";
import { validateForm } from "../../../../../lib/field-errors";
import {
  attachSchema,
  fixedIpProblem,
  floatingSchema as floatingSchemaOf,
  ipv4Of,
  portTone,
} from "./interface-forms";

// The forms' messages in English, as the portal shows them by default.
const t = createTranslator({
  locale: "en",
  messages: messagesFor("en"),
  namespace: "compute.interfaces.validation",
});
const floatingSchema = floatingSchemaOf(t);

const subnets = [{ cidr: "10.0.0.0/26", ipVersion: 4 }];

describe("fixedIpProblem", () => {
  it("accepts an address inside a subnet of the network", () => {
    expect(fixedIpProblem("10.0.0.20", subnets, t)).toBeNull();
  });
  it("names the subnets when the address is outside them", () => {
    expect(fixedIpProblem("10.0.0.99", subnets, t)).toBe("The address must be inside 10.0.0.0/26.");
    expect(fixedIpProblem("fd00::1", subnets, t)).toBe("The address must be inside 10.0.0.0/26.");
  });
  it("refuses what is not an address, and a network without subnets", () => {
    expect(fixedIpProblem("10.0.0", subnets, t)).toMatch(/Enter an IPv4 or IPv6 address/);
    expect(fixedIpProblem("10.0.0.5", [], t)).toMatch(/no subnet/);
  });
});

describe("attachSchema", () => {
  const schema = attachSchema(() => subnets, t);
  it("sends a network with an optional fixed IP, or a port", () => {
    expect(validateForm(schema, { target: "network", networkId: "n", fixedIp: " 10.0.0.7 " })).toEqual({
      ok: true,
      data: { networkId: "n", fixedIp: "10.0.0.7" },
    });
    expect(validateForm(schema, { target: "network", networkId: "n" })).toEqual({
      ok: true,
      data: { networkId: "n" },
    });
    expect(validateForm(schema, { target: "port", portId: "p", networkId: "n" })).toEqual({
      ok: true,
      data: { portId: "p" },
    });
  });
  it("puts each problem under its field", () => {
    expect(validateForm(schema, { target: "network" })).toEqual({
      ok: false,
      fields: { networkId: "Choose a network." },
    });
    expect(validateForm(schema, { target: "port" })).toEqual({
      ok: false,
      fields: { portId: "Choose a free port." },
    });
    expect(validateForm(schema, { target: "network", networkId: "n", fixedIp: "192.168.1.1" })).toEqual({
      ok: false,
      fields: { fixedIp: "The address must be inside 10.0.0.0/26." },
    });
  });
});

describe("floatingSchema", () => {
  it("takes an existing floating IP or a pool, with the fixed IP when given", () => {
    expect(
      validateForm(floatingSchema, { source: "existing", floatingIpId: "f", poolNetworkId: "x" }),
    ).toEqual({
      ok: true,
      data: { floatingIpId: "f" },
    });
    expect(
      validateForm(floatingSchema, { source: "allocate", poolNetworkId: "pub", fixedIp: "10.0.0.5" }),
    ).toEqual({ ok: true, data: { poolNetworkId: "pub", fixedIp: "10.0.0.5" } });
  });
  it("asks for the missing choice", () => {
    expect(validateForm(floatingSchema, { source: "allocate" })).toEqual({
      ok: false,
      fields: { poolNetworkId: "Choose a pool to allocate from." },
    });
    expect(validateForm(floatingSchema, { source: "existing" })).toEqual({
      ok: false,
      fields: { floatingIpId: "Choose a free floating IP." },
    });
  });
});

describe("helpers", () => {
  it("keeps IPv4 addresses and maps port states to tones", () => {
    expect(ipv4Of([{ address: "10.0.0.5" }, { address: "fd00::5" }])).toEqual(["10.0.0.5"]);
    expect(portTone("ACTIVE")).toBe("success");
    expect(portTone("BUILD")).toBe("busy");
    expect(portTone("ERROR")).toBe("danger");
    expect(portTone("DOWN")).toBe("muted");
  });
});
