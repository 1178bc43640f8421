import { catalogRegions, findEndpoint } from "@zenith/api-client/catalog";
import type { CatalogEntry, KeystoneClient } from "@zenith/api-client/keystone";
import { ZenithError } from "@zenith/core/errors";
import { say } from "../../messages.ts";
import type { SessionPayload } from "../../session.ts";

interface CloudFacts {
  authUrl: string;
  region: string;
  projectId: string;
  projectName: string;
  projectDomainId: string;
  username: string;
  userDomainName: string;
}

/** Identity API URLs in RC files must name the version, as Horizon's do. */
export function withIdentityVersion(url: string): string {
  const trimmed = url.replace(/\/+$/, "");
  return /\/v3(\.\d+)?$/.test(trimmed) ? trimmed : `${trimmed}/v3`;
}

/**
 * OS_AUTH_URL must be the URL users can reach: the catalog's public identity
 * endpoint, not the (possibly internal) address the BFF talks to.
 */
export function cloudFacts(
  session: SessionPayload,
  catalog: CatalogEntry[],
  fallbackAuthUrl: string,
): CloudFacts {
  if (!session.project) throw new ZenithError("FORBIDDEN", say("auth.selectProject"));
  const region = catalogRegions(catalog)[0] ?? "";
  const identity = findEndpoint(catalog, {
    type: "identity",
    interface: "public",
    region: region || undefined,
  });
  return {
    authUrl: withIdentityVersion(identity ?? fallbackAuthUrl),
    region,
    projectId: session.project.id,
    projectName: session.project.name,
    projectDomainId: session.project.domainId,
    username: session.user.name,
    userDomainName: session.user.domainName,
  };
}

/** Single-quotes for the shell: names may contain `"`, `$` or backticks. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'"'"'`)}'`;
}

/** Double-quoted YAML scalar (JSON strings are valid YAML). */
const yamlQuote = (value: string) => JSON.stringify(value);

const safeFileName = (name: string) => name.replace(/[^A-Za-z0-9._-]+/g, "_") || "project";

export function renderOpenrc(f: CloudFacts): string {
  return [
    "#!/usr/bin/env bash",
    "# To use an OpenStack cloud you need to authenticate against the Identity",
    "# service named keystone, which returns a **Token** and **Service Catalog**.",
    "# The catalog contains the endpoints for all services the user/project has",
    "# access to - such as Compute, Image Service, Identity, Object Storage, Block",
    "# Storage, and Networking (code-named nova, glance, keystone, swift,",
    "# cinder, and neutron).",
    `export OS_AUTH_URL=${shellQuote(f.authUrl)}`,
    "# With the addition of Keystone we have standardized on the term **project**",
    "# as the entity that owns the resources.",
    `export OS_PROJECT_ID=${shellQuote(f.projectId)}`,
    `export OS_PROJECT_NAME=${shellQuote(f.projectName)}`,
    `export OS_USER_DOMAIN_NAME=${shellQuote(f.userDomainName)}`,
    'if [ -z "$OS_USER_DOMAIN_NAME" ]; then unset OS_USER_DOMAIN_NAME; fi',
    `export OS_PROJECT_DOMAIN_ID=${shellQuote(f.projectDomainId)}`,
    'if [ -z "$OS_PROJECT_DOMAIN_ID" ]; then unset OS_PROJECT_DOMAIN_ID; fi',
    "# unset v2.0 items in case set",
    "unset OS_TENANT_ID",
    "unset OS_TENANT_NAME",
    "# In addition to the owning entity (project), OpenStack stores the entity",
    "# performing the action as the **user**.",
    `export OS_USERNAME=${shellQuote(f.username)}`,
    "# With Keystone you pass the keystone password.",
    'echo "Please enter your OpenStack Password for project $OS_PROJECT_NAME as user $OS_USERNAME: "',
    "read -sr OS_PASSWORD_INPUT",
    "export OS_PASSWORD=$OS_PASSWORD_INPUT",
    "# If your configuration has multiple regions, we set that information here.",
    "# OS_REGION_NAME is optional and only valid in certain environments.",
    `export OS_REGION_NAME=${shellQuote(f.region)}`,
    "# Don't leave a blank variable, unset it if it was empty",
    'if [ -z "$OS_REGION_NAME" ]; then unset OS_REGION_NAME; fi',
    "export OS_INTERFACE=public",
    "export OS_IDENTITY_API_VERSION=3",
    "",
  ].join("\n");
}

export function renderCloudsYaml(f: CloudFacts): string {
  return [
    "# This is a clouds.yaml file, which can be used by OpenStack tools as a source",
    "# of configuration on how to connect to a cloud. If this is your only cloud,",
    "# just put this file in ~/.config/openstack/clouds.yaml and tools like",
    "# python-openstackclient will just work with no further config. (You will need",
    "# to add your password to the auth section)",
    "clouds:",
    "  openstack:",
    "    auth:",
    `      auth_url: ${yamlQuote(f.authUrl)}`,
    `      username: ${yamlQuote(f.username)}`,
    `      project_id: ${yamlQuote(f.projectId)}`,
    `      project_name: ${yamlQuote(f.projectName)}`,
    `      user_domain_name: ${yamlQuote(f.userDomainName)}`,
    `      project_domain_id: ${yamlQuote(f.projectDomainId)}`,
    ...(f.region ? [`    region_name: ${yamlQuote(f.region)}`] : []),
    '    interface: "public"',
    "    identity_api_version: 3",
    "",
  ].join("\n");
}

export async function openrcFor(keystone: KeystoneClient, session: SessionPayload, fallbackAuthUrl: string) {
  const facts = cloudFacts(session, await keystone.getCatalog(), fallbackAuthUrl);
  return { filename: `${safeFileName(facts.projectName)}-openrc.sh`, content: renderOpenrc(facts) };
}

export async function cloudsYamlFor(
  keystone: KeystoneClient,
  session: SessionPayload,
  fallbackAuthUrl: string,
) {
  const facts = cloudFacts(session, await keystone.getCatalog(), fallbackAuthUrl);
  return { filename: "clouds.yaml", content: renderCloudsYaml(facts) };
}

/** Interfaces in the order people look for them. */
const INTERFACE_ORDER = ["public", "internal", "admin"];

/**
 * The caller's token catalog as rows (one per endpoint), plus what an RC
 * file or clouds.yaml for an application credential needs: the public
 * identity URL, the region and the interface. The portal renders those
 * files in the browser, so the credential's secret never comes back here.
 */
export async function catalogFor(keystone: KeystoneClient, session: SessionPayload, fallbackAuthUrl: string) {
  const catalog = await keystone.getCatalog();
  const facts = cloudFacts(session, catalog, fallbackAuthUrl);
  const endpoints = catalog
    .flatMap((service) =>
      service.endpoints.map((ep) => ({
        serviceName: service.name ?? "",
        serviceType: service.type,
        interface: ep.interface,
        region: ep.region_id ?? ep.region ?? "",
        url: ep.url,
      })),
    )
    .sort(
      (a, b) =>
        a.serviceType.localeCompare(b.serviceType) ||
        INTERFACE_ORDER.indexOf(a.interface) - INTERFACE_ORDER.indexOf(b.interface) ||
        a.region.localeCompare(b.region),
    );
  return { authUrl: facts.authUrl, region: facts.region, interface: "public" as const, endpoints };
}
