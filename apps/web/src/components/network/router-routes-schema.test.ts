import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { messagesFor } from "../../i18n/catalog";
import { validateForm } from "../../lib/field-errors";
import { routesFormSchema } from "./router-routes-schema";

const t = createTranslator({ locale: "en", messages: messagesFor("en"), namespace: "network.validation" });

const attached = ["10.0.0.0/26", "10.20.0.0/24"];

function check(routes: { destination: string; nexthop: string }[], cidrs = attached) {
  return validateForm(routesFormSchema(t, cidrs), { routes });
}

describe("routesFormSchema", () => {
  it("accepts routes via an attached subnet, trimmed", () => {
    const result = check([
      { destination: " 192.168.50.0/24 ", nexthop: "10.20.0.10" },
      { destination: "0.0.0.0/0", nexthop: "10.0.0.5" },
    ]);
    expect(result).toEqual({
      ok: true,
      data: {
        routes: [
          { destination: "192.168.50.0/24", nexthop: "10.20.0.10" },
          { destination: "0.0.0.0/0", nexthop: "10.0.0.5" },
        ],
      },
    });
  });

  it("accepts an empty list (clears every route)", () => {
    expect(check([])).toEqual({ ok: true, data: { routes: [] } });
  });

  it("names the row and field of each problem", () => {
    const result = check([
      { destination: "192.168.50.0", nexthop: "10.20.0.10" },
      { destination: "192.168.50.7/24", nexthop: "10.20.0.10" },
      { destination: "192.168.60.0/24", nexthop: "10.99.0.1" },
      { destination: "192.168.70.0/24", nexthop: "not-an-ip" },
      { destination: "", nexthop: "" },
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fields).toEqual({
      "routes.0.destination": "Enter a network in CIDR form, such as 192.168.10.0/24.",
      "routes.1.destination": "Use the network address: 192.168.50.0/24.",
      "routes.2.nexthop": "Not on a subnet of this router (10.0.0.0/26, 10.20.0.0/24).",
      "routes.3.nexthop": "Enter an IP address, such as 10.0.0.10.",
      "routes.4.destination": "Enter a destination network.",
      "routes.4.nexthop": "Enter the next hop address.",
    });
  });

  it("refuses a next hop of another IP version and a router without interfaces", () => {
    const mixed = check([{ destination: "2001:db8::/64", nexthop: "10.20.0.10" }]);
    expect(mixed.ok ? {} : mixed.fields).toEqual({
      "routes.0.nexthop": "Use an address of the same IP version as the destination.",
    });
    const bare = check([{ destination: "192.168.50.0/24", nexthop: "10.20.0.10" }], []);
    expect(bare.ok ? {} : bare.fields["routes.0.nexthop"]).toMatch(/Add an interface first/);
  });

  it("refuses duplicates and more than 30 routes", () => {
    const twice = check([
      { destination: "192.168.50.0/24", nexthop: "10.20.0.10" },
      { destination: "192.168.50.0/24", nexthop: "10.20.0.10" },
    ]);
    expect(twice.ok ? {} : twice.fields).toEqual({ "routes.1.destination": "This route is listed twice." });
    const many = Array.from({ length: 31 }, (_, i) => ({
      destination: `192.168.${i}.0/24`,
      nexthop: "10.20.0.10",
    }));
    const tooMany = check(many);
    expect(tooMany.ok ? {} : tooMany.fields.routes).toBe("A router holds at most 30 routes.");
  });
});
