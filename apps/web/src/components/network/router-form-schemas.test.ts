import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { messagesFor } from "../../i18n/catalog";
import { validateForm } from "../../lib/field-errors";
import { addInterfaceFormSchema, routerFormSchemas } from "./router-form-schemas";

const t = createTranslator({ locale: "en", messages: messagesFor("en"), namespace: "network.validation" });
const CreateRouterFormSchema = routerFormSchemas(t).createRouter;

const subnets = [
  { id: "free", cidr: "10.20.0.0/24", gatewayFree: true, blockedReason: null },
  { id: "held", cidr: "10.0.0.0/26", gatewayFree: false, blockedReason: null },
  {
    id: "clash",
    cidr: "10.20.0.0/25",
    gatewayFree: true,
    blockedReason: "Overlaps 10.20.0.0/24, already on this router.",
  },
];

describe("addInterfaceFormSchema", () => {
  const schema = addInterfaceFormSchema(t, subnets);

  it("takes a subnet alone when its gateway is free", () => {
    expect(validateForm(schema, { subnetId: "free", ipAddress: "" })).toEqual({
      ok: true,
      data: { subnetId: "free", ipAddress: undefined },
    });
  });

  it("asks for an address when the gateway is held, and checks it lies in the subnet", () => {
    expect(validateForm(schema, { subnetId: "held" })).toMatchObject({
      ok: false,
      fields: { ipAddress: expect.stringMatching(/enter a free address/) },
    });
    expect(validateForm(schema, { subnetId: "held", ipAddress: "10.0.0.70" })).toMatchObject({
      ok: false,
      fields: { ipAddress: "Enter an address inside 10.0.0.0/26." },
    });
    expect(validateForm(schema, { subnetId: "held", ipAddress: "10.0.0.9" })).toEqual({
      ok: true,
      data: { subnetId: "held", ipAddress: "10.0.0.9" },
    });
    expect(validateForm(schema, { subnetId: "held", ipAddress: "10.0.0.0/26" })).toMatchObject({
      ok: false,
      fields: { ipAddress: "Enter an IP address, such as 10.0.0.5." },
    });
  });

  it("refuses a missing or overlapping subnet with the reason", () => {
    expect(validateForm(schema, { subnetId: "" })).toMatchObject({
      fields: { subnetId: "Choose a subnet." },
    });
    expect(validateForm(schema, { subnetId: "clash" })).toMatchObject({
      fields: { subnetId: "Overlaps 10.20.0.0/24, already on this router." },
    });
  });
});

describe("CreateRouterFormSchema", () => {
  it("needs a name; the external network is optional", () => {
    expect(validateForm(CreateRouterFormSchema, { name: " ", externalNetworkId: "" })).toMatchObject({
      fields: { name: "Enter a name." },
    });
    expect(
      validateForm(CreateRouterFormSchema, { name: "r1", externalNetworkId: "", adminStateUp: "on" }),
    ).toEqual({
      ok: true,
      data: { name: "r1", description: undefined, externalNetworkId: undefined, adminStateUp: true },
    });
  });
});
