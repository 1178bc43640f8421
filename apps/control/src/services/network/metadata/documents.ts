import { tapDeviceName } from "@zenith/agent-protocol/network";
import { z } from "zod";
import type { MetadataSubject } from "./lookup.ts";

/** A metadata answer: the body and its type; null when the path names nothing (404). */
export interface MetadataDocument {
  contentType: string;
  body: string | Buffer;
}

/** Longer paths name nothing here: refused before any lookup. */
export const MAX_METADATA_PATH = 256;

/** The OpenStack metadata versions Nova lists; every one is served as `latest`. */
const OPENSTACK_VERSIONS = [
  "2012-08-10",
  "2013-04-04",
  "2013-10-17",
  "2015-10-15",
  "2016-06-30",
  "2016-10-06",
  "2017-02-22",
  "2018-08-27",
  "latest",
];
const EC2_VERSIONS = ["1.0", "2007-01-19", "2009-04-04", "latest"];

const ZMeta = z.record(z.string(), z.string()).catch({});

const text = (lines: string[]): MetadataDocument => ({ contentType: "text/plain", body: lines.join("\n") });
const json = (value: unknown): MetadataDocument => ({
  contentType: "application/json",
  body: JSON.stringify(value),
});

/** "openstack/latest/meta_data.json" → ["openstack", "latest", "meta_data.json"]; null for a path with `..` or too long. */
export function metadataPathSegments(path: string): string[] | null {
  if (path.length > MAX_METADATA_PATH) return null;
  const segments = path.split("/").filter((s) => s !== "");
  if (segments.some((s) => s === "." || s === "..")) return null;
  return segments;
}

/** The document at `segments` for the subject (what Nova's metadata API serves), or null. */
export function metadataDocument(s: MetadataSubject, segments: string[]): MetadataDocument | null {
  const [root, version, ...rest] = segments;
  if (root === undefined) return text(EC2_VERSIONS);
  if (root === "openstack") {
    if (version === undefined) return text(OPENSTACK_VERSIONS);
    if (!OPENSTACK_VERSIONS.includes(version)) return null;
    return openstackDocument(s, rest);
  }
  if (!EC2_VERSIONS.includes(root)) return null;
  if (version === undefined) return text(["meta-data/", "user-data"]);
  if (version === "user-data" && rest.length === 0) return userData(s);
  if (version === "meta-data") return ec2MetaData(s, rest);
  return null;
}

function openstackDocument(s: MetadataSubject, rest: string[]): MetadataDocument | null {
  if (rest.length === 0)
    return text(["meta_data.json", "network_data.json", "user_data", "vendor_data.json"]);
  if (rest.length > 1) return null;
  switch (rest[0]) {
    case "meta_data.json":
      return json(metaData(s));
    case "network_data.json":
      return json(networkData(s));
    case "vendor_data.json":
      return json({});
    case "user_data":
      return userData(s);
    default:
      return null;
  }
}

function keys(s: MetadataSubject): Array<{ name: string; type: string; data: string }> {
  const { keyName, keyData } = s.instance;
  return keyName && keyData ? [{ name: keyName, type: "ssh", data: keyData }] : [];
}

function metaData(s: MetadataSubject) {
  const i = s.instance;
  const k = keys(s);
  return {
    uuid: i.id,
    name: i.name,
    hostname: i.hostname,
    project_id: i.projectId,
    availability_zone: i.availabilityZone ?? "nova",
    launch_index: i.launchIndex,
    public_keys: Object.fromEntries(k.map((key) => [key.name, key.data])),
    keys: k,
    meta: ZMeta.parse(i.metadata),
    devices: [],
  };
}

/** Links and DHCP-configured networks, one per port (what cloud-init needs to bring interfaces up). */
function networkData(s: MetadataSubject) {
  return {
    links: s.ports.map((p) => ({
      id: tapDeviceName(p.id),
      vif_id: p.id,
      type: "bridge",
      mtu: p.mtu,
      ethernet_mac_address: p.mac.toLowerCase(),
    })),
    networks: s.ports.map((p, n) => ({
      id: `network${n}`,
      type: "ipv4_dhcp",
      link: tapDeviceName(p.id),
      network_id: p.networkId,
    })),
    services: [],
  };
}

/** Nova stores user data base64-encoded as the API received it; guests get the bytes. */
function userData(s: MetadataSubject): MetadataDocument | null {
  const raw = s.instance.userData;
  if (!raw) return null;
  return { contentType: "application/octet-stream", body: Buffer.from(raw.replace(/\s/g, ""), "base64") };
}

/** EC2's instance id form; Zenith has no integer ids, so the first 8 hex digits of the uuid. */
const ec2InstanceId = (uuid: string): string => `i-${uuid.replace(/-/g, "").slice(0, 8)}`;

function ec2MetaData(s: MetadataSubject, rest: string[]): MetadataDocument | null {
  const i = s.instance;
  const k = keys(s);
  const leaves: Record<string, string> = {
    "ami-launch-index": String(i.launchIndex),
    hostname: i.hostname,
    "instance-id": ec2InstanceId(i.id),
    "local-hostname": i.hostname,
    "local-ipv4": s.address,
    "public-hostname": i.hostname,
    "public-ipv4": s.floatingIp ?? "",
    "reservation-id": i.reservationId,
  };
  const [first, ...more] = rest;
  if (first === undefined) return text([...Object.keys(leaves), "placement/", "public-keys/"].sort());
  if (first === "placement") {
    if (more.length === 0) return text(["availability-zone"]);
    return more.length === 1 && more[0] === "availability-zone" ? text([i.availabilityZone ?? "nova"]) : null;
  }
  if (first === "public-keys") return publicKeys(k, more);
  // Own keys only: "constructor" must not reach Object.prototype.
  const leaf = Object.hasOwn(leaves, first) ? leaves[first] : undefined;
  return more.length === 0 && leaf !== undefined ? text([leaf]) : null;
}

function publicKeys(k: Array<{ name: string; data: string }>, rest: string[]): MetadataDocument | null {
  const [index, field, ...extra] = rest;
  if (index === undefined) return k.length === 0 ? null : text(k.map((key, n) => `${n}=${key.name}`));
  const key = /^\d+$/.test(index) ? k[Number(index)] : undefined;
  if (!key || extra.length > 0) return null;
  if (field === undefined) return text(["openssh-key"]);
  return field === "openssh-key" ? text([key.data]) : null;
}
