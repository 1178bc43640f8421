/**
 * clouds.yaml and an RC file for one application credential, rendered in
 * the browser right after creation: the secret is in them (that is their
 * point), so they are never built or stored on a server.
 */
import { quoteArg } from "./quote";

export interface AppCredentialCloud {
  /** The credential's name: it names the cloud in clouds.yaml. */
  name: string;
  id: string;
  secret: string;
  /** The public identity URL with its version, e.g. https://cloud/identity/v3. */
  authUrl: string;
  /** "" when the catalog names no region. */
  region: string;
  interface: string;
}

/** A clouds.yaml key and file-name stem: letters, digits, `.`, `_`, `-`. */
export function cloudNameOf(credentialName: string): string {
  return credentialName.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "") || "openstack";
}

/** Double-quoted YAML scalar: a JSON string is one. */
const yaml = (value: string) => JSON.stringify(value);

export function appCredentialCloudsYaml(c: AppCredentialCloud): string {
  return [
    "# clouds.yaml for one application credential. Put it in ~/.config/openstack/ (or point",
    "# OS_CLIENT_CONFIG_FILE at it) and run: openstack --os-cloud NAME server list",
    "# It holds the credential's secret: keep it private (chmod 600).",
    "clouds:",
    `  ${yaml(cloudNameOf(c.name))}:`,
    "    auth_type: v3applicationcredential",
    "    auth:",
    `      auth_url: ${yaml(c.authUrl)}`,
    `      application_credential_id: ${yaml(c.id)}`,
    `      application_credential_secret: ${yaml(c.secret)}`,
    ...(c.region ? [`    region_name: ${yaml(c.region)}`] : []),
    `    interface: ${yaml(c.interface)}`,
    "    identity_api_version: 3",
    "",
  ].join("\n");
}

export function appCredentialRc(c: AppCredentialCloud): string {
  const exp = (k: string, v: string) => `export ${k}=${quoteArg(v)}`;
  return [
    "#!/usr/bin/env bash",
    `# RC file for the application credential ${c.name.replace(/[\r\n]+/g, " ")}: run \`source <this file>\`.`,
    "# It holds the credential's secret: keep it private (chmod 600).",
    "# A password login's variables would conflict with the credential: clear them.",
    "unset OS_USERNAME OS_USER_ID OS_PASSWORD OS_USER_DOMAIN_NAME OS_USER_DOMAIN_ID",
    "unset OS_PROJECT_NAME OS_PROJECT_ID OS_PROJECT_DOMAIN_NAME OS_PROJECT_DOMAIN_ID OS_TENANT_ID OS_TENANT_NAME",
    exp("OS_AUTH_TYPE", "v3applicationcredential"),
    exp("OS_AUTH_URL", c.authUrl),
    exp("OS_IDENTITY_API_VERSION", "3"),
    ...(c.region ? [exp("OS_REGION_NAME", c.region)] : []),
    exp("OS_INTERFACE", c.interface),
    exp("OS_APPLICATION_CREDENTIAL_ID", c.id),
    exp("OS_APPLICATION_CREDENTIAL_SECRET", c.secret),
    "",
  ].join("\n");
}
