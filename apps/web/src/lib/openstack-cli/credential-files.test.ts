import { parse } from "shell-quote";
import { describe, expect, it } from "vitest";
import { appCredentialCloudsYaml, appCredentialRc, cloudNameOf } from "./credential-files";

const CRED = {
  name: "ci deploy",
  id: "0123abcd",
  secret: `s3cr'et $HOME "x"`,
  authUrl: "https://cloud.example/identity/v3",
  region: "RegionOne",
  interface: "public",
};

/** What `source` would export, read with a POSIX parser (no shell). */
function exportsOf(rc: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of rc.split("\n")) {
    if (!line.startsWith("export ")) continue;
    const [word] = parse(line.slice("export ".length));
    if (typeof word !== "string") throw new Error(`not a plain assignment: ${line}`);
    const eq = word.indexOf("=");
    env[word.slice(0, eq)] = word.slice(eq + 1);
  }
  return env;
}

describe("application credential files", () => {
  it("the RC exports the credential, quoted for the shell", () => {
    expect(exportsOf(appCredentialRc(CRED))).toEqual({
      OS_AUTH_TYPE: "v3applicationcredential",
      OS_AUTH_URL: CRED.authUrl,
      OS_IDENTITY_API_VERSION: "3",
      OS_REGION_NAME: "RegionOne",
      OS_INTERFACE: "public",
      OS_APPLICATION_CREDENTIAL_ID: CRED.id,
      OS_APPLICATION_CREDENTIAL_SECRET: CRED.secret,
    });
    expect(appCredentialRc(CRED)).toMatch(/^unset OS_USERNAME .*OS_PASSWORD/m);
  });

  it("clouds.yaml names the cloud after the credential and quotes every value", () => {
    const text = appCredentialCloudsYaml(CRED);
    expect(text).toContain('  "ci-deploy":\n    auth_type: v3applicationcredential\n');
    expect(text).toContain(`      application_credential_secret: ${JSON.stringify(CRED.secret)}\n`);
    expect(text).toContain('    region_name: "RegionOne"\n');
    expect(appCredentialCloudsYaml({ ...CRED, region: "" })).not.toContain("region_name");
  });

  it("cloud names are safe words", () => {
    expect(cloudNameOf("  my cred/1 ")).toBe("my-cred-1");
    expect(cloudNameOf("云")).toBe("openstack");
  });
});
