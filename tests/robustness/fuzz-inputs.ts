/**
 * What the fuzz suite sends: fast-check arbitraries for path ids, query
 * strings, bodies, media types and microversion headers. Sampled with a
 * fixed seed, so every run sends the same requests.
 */
import fc from "fast-check";

/** Encodes a generated string for a URL; lone surrogates cannot be encoded, so they are sent as `%ED%A0%80`. */
function encode(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return "%ED%A0%80";
  }
}

/** Ids that broke or could break parsers and databases, already URL-encoded. */
const NASTY_IDS = [
  "%00",
  "a%00b",
  "%00%00%00",
  "..",
  "%2e%2e",
  "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
  "%2F",
  "%25",
  "%",
  "%ZZ",
  "%C0%AE",
  "%FF%FE",
  "%E2%80%AE",
  "%F0%9F%98%80",
  "%C3%A9t%C3%A9",
  "%EF%BF%BF",
  "%20",
  "%0A",
  "null",
  "undefined",
  "-1",
  "0",
  "1e309",
  "9999999999999999999999",
  "true",
  "[]",
  "{}",
  "'%20OR%201=1--",
  "x".repeat(255),
  "x".repeat(256),
  "x".repeat(5000),
];

export const idArb = (known: string[]) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...NASTY_IDS) },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: fc.string({ maxLength: 40 }).map(encode) },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 20 }).map(encode) },
    { weight: 2, arbitrary: fc.constantFrom(...known) },
  );

const QUERY_KEYS = [
  "name",
  "limit",
  "marker",
  "sort_key",
  "sort_dir",
  "status",
  "all_tenants",
  "changes-since",
  "changes-before",
  "hypervisor_hostname_pattern",
  "with_servers",
  "visibility",
  "member_status",
  "tag",
  "tags",
  "fields",
  "domain_id",
  "enabled",
  "user.id",
  "scope.project.id",
  "include_names",
  "effective",
  "nocatalog",
  "image",
  "flavor",
  "host",
  "ip",
  "deleted",
  "is_public",
  "minDisk",
  "minRam",
  "start",
  "end",
  "detailed",
  "token",
  "path",
  "page_reverse",
  "fixed_ips",
  "network_id",
  "device_id",
  "tags-any",
  "router:external",
  "%00",
  "a%00b",
];

const queryValueArb = (known: string[]) =>
  fc.oneof(
    idArb(known),
    fc.integer().map(String),
    fc.constantFrom(
      "",
      "true",
      "false",
      "asc",
      "desc",
      "-1",
      "0",
      "1.5",
      "NaN",
      "99999999999999999999",
      "(((",
      "%5B",
      "%5C",
      "*",
      "(a*)*%5C1",
      "a".repeat(300),
      "2026-13-45T99:99:99Z",
      "public",
      "shared",
      "in:a,b",
    ),
    fc.date({ noInvalidDate: true }).map((d) => encode(d.toISOString())),
  );

export const queryArb = (known: string[]) =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constant("") },
    {
      weight: 5,
      arbitrary: fc
        .array(fc.tuple(fc.constantFrom(...QUERY_KEYS), queryValueArb(known)), { maxLength: 4 })
        .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${k}=${v}`).join("&")}` : "")),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }).map((s) => `?${encode(s)}`) },
  );

const RESOURCE_KEYS = [
  "server",
  "user",
  "project",
  "domain",
  "group",
  "role",
  "flavor",
  "keypair",
  "auth",
  "quota_set",
  "quota_class_set",
  "metadata",
  "meta",
  "remote_console",
  "os-start",
  "os-stop",
  "reboot",
  "resize",
  "createImage",
  "rebuild",
  "addTenantAccess",
  "extra_specs",
  "region",
  "service",
  "endpoint",
  "application_credential",
  "tags",
  "status",
];

const FIELD_KEYS = [
  "name",
  "id",
  "imageRef",
  "flavorRef",
  "password",
  "domain_id",
  "project_id",
  "enabled",
  "description",
  "ram",
  "vcpus",
  "disk",
  "type",
  "protocol",
  "min_count",
  "max_count",
  "key_name",
  "networks",
  "identity",
  "scope",
  "methods",
  "public_key",
  "instances",
  "cores",
  "disk_format",
  "container_format",
  "visibility",
  "op",
  "path",
  "value",
  "member",
  "roles",
  "expires_at",
  "url",
  "interface",
];

const fieldsArb = fc.dictionary(fc.constantFrom(...FIELD_KEYS), fc.jsonValue({ maxDepth: 2 }), {
  maxKeys: 5,
});

export interface BodySpec {
  text: string;
  /** Only some requests carry a megabyte: they are slow to send. */
  huge: boolean;
}

export const bodyArb: fc.Arbitrary<BodySpec | undefined> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.constantFrom(...RESOURCE_KEYS), fc.oneof(fieldsArb, fc.jsonValue({ maxDepth: 2 })))
      .map(([key, value]) => ({ text: JSON.stringify({ [key]: value }), huge: false })),
  },
  {
    weight: 3,
    arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => ({ text: JSON.stringify(v), huge: false })),
  },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom(
        "{",
        '{"a":',
        "nul",
        "[1,2",
        "\u0000",
        '{"name":"a\\u0000b"}',
        '{"server":{"name":"\\u0000"}}',
        '{"__proto__":{"admin":true}}',
        '{"constructor":{"prototype":{"x":1}}}',
        "1e999999",
        '"\\ud800"',
        "[".repeat(5000) + "]".repeat(5000),
        `{"a":${"[".repeat(2000)}${"]".repeat(2000)}}`,
        "",
        "   ",
      )
      .map((text) => ({ text, huge: false })),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 64 }).map((text) => ({ text, huge: false })) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(1_100_000, 300_000).map((n) => ({
      text: `{"name":"${"x".repeat(n)}"}`,
      huge: true,
    })),
  },
);

export const mediaTypeArb = fc.constantFrom<string | undefined>(
  "application/json",
  "application/json; charset=utf-8",
  "application/JSON",
  "text/plain",
  "application/octet-stream",
  "application/openstack-images-v2.1-json-patch",
  "application/merge-patch+json",
  "multipart/form-data; boundary=x",
  "application/x-www-form-urlencoded",
  "x/y;;",
  "application/json; charset=latin-7",
  undefined,
);

export const microversionArb = fc.record(
  {
    nova: fc.constantFrom("2.1", "2.53", "2.90", "2.999", "latest", "abc", "", "2.", "3.0", "-1", "2.0"),
    openstack: fc.constantFrom(
      "compute 2.1",
      "compute 2.90",
      "compute latest",
      "compute x",
      "volume 3.0",
      "compute",
      "",
      "image 2.5",
    ),
  },
  { requiredKeys: [] },
);

export type Persona = "anonymous" | "member" | "admin" | "bogus-token";
export const personaArb = fc.constantFrom<Persona>("anonymous", "member", "admin", "bogus-token");
