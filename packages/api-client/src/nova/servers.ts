import { OpenStackError, type QueryValue } from "../http.ts";
import { markerOf, nextLink } from "./schemas/common.ts";
import {
  type CreateServerResponse,
  type InstanceAction,
  type RemoteConsole,
  type Server,
  type ServerSummary,
  ZConsoleOutputResponse,
  ZCreateImageResponse,
  ZCreateServerResponse,
  ZInstanceActionResponse,
  ZInstanceActionsResponse,
  ZRemoteConsoleResponse,
  ZServerResponse,
  ZServersDetailResponse,
  ZServersResponse,
} from "./schemas/servers.ts";
import { defined, enc, type NovaTransport } from "./transport.ts";

export interface ServerListFilter {
  /** A regular expression matched against names (Nova's semantics, not a substring). */
  name?: string | undefined;
  status?: string | undefined;
  image?: string | undefined;
  flavor?: string | undefined;
  /** ISO time: servers changed since then, deleted ones included. */
  changesSince?: string | undefined;
  reservationId?: string | undefined;
  /** Admin filters. */
  allTenants?: boolean | undefined;
  projectId?: string | undefined;
  host?: string | undefined;
  deleted?: boolean | undefined;
  sortKey?: string | undefined;
  sortDir?: "asc" | "desc" | undefined;
  limit?: number | undefined;
  marker?: string | undefined;
}

function listQuery(f: ServerListFilter): Record<string, QueryValue> {
  return {
    name: f.name,
    status: f.status,
    image: f.image,
    flavor: f.flavor,
    "changes-since": f.changesSince,
    reservation_id: f.reservationId,
    all_tenants: f.allTenants ? 1 : undefined,
    project_id: f.projectId,
    host: f.host,
    deleted: f.deleted,
    sort_key: f.sortKey,
    sort_dir: f.sortDir,
    limit: f.limit,
    marker: f.marker,
  };
}

export interface Paged<T> {
  items: T[];
  /** Marker of the next page when Nova says there is one. */
  nextMarker: string | undefined;
}

/**
 * One `block_device_mapping_v2` entry: boot from a new volume made from an
 * image (`sourceType: "image", destinationType: "volume", volumeSize`), from
 * an existing volume or snapshot, or an extra blank volume.
 */
export interface BlockDeviceMapping {
  sourceType: "image" | "volume" | "snapshot" | "blank";
  destinationType: "volume" | "local";
  /** The image, volume or snapshot id (none for blank). */
  uuid?: string | undefined;
  bootIndex?: number | undefined;
  /** GiB; needed when a new volume is made. */
  volumeSize?: number | undefined;
  deleteOnTermination?: boolean | undefined;
  volumeType?: string | undefined;
}

function toBdm(b: BlockDeviceMapping): Record<string, unknown> {
  return defined({
    source_type: b.sourceType,
    destination_type: b.destinationType,
    uuid: b.uuid,
    boot_index: b.bootIndex,
    volume_size: b.volumeSize,
    delete_on_termination: b.deleteOnTermination,
    volume_type: b.volumeType,
  });
}

export interface CreateServerInput {
  name: string;
  /** `""` when booting from a volume (the image goes into `blockDeviceMappings`). */
  imageRef: string;
  flavorRef: string;
  keyName?: string | undefined;
  /** Already base64-encoded. */
  userData?: string | undefined;
  metadata?: Record<string, string> | undefined;
  availabilityZone?: string | undefined;
  minCount?: number | undefined;
  maxCount?: number | undefined;
  /** `"auto"` (default from 2.37 must be explicit), `"none"`, or ports/networks. */
  networks?: "auto" | "none" | { uuid?: string; port?: string; fixed_ip?: string }[] | undefined;
  returnReservationId?: boolean | undefined;
  description?: string | undefined;
  /** Names or ids of security groups for every port Nova creates; Nova's default is `default`. */
  securityGroups?: string[] | undefined;
  blockDeviceMappings?: BlockDeviceMapping[] | undefined;
}

/** Walks marker pages until Nova stops giving a `next` link. */
async function walk<T>(first: (marker: string | undefined) => Promise<Paged<T>>): Promise<T[]> {
  const all: T[] = [];
  let marker: string | undefined;
  const seen = new Set<string>();
  for (;;) {
    const page = await first(marker);
    all.push(...page.items);
    marker = page.nextMarker;
    // A cloud that repeats a marker would loop forever; stop instead.
    if (!marker || seen.has(marker) || page.items.length === 0) return all;
    seen.add(marker);
  }
}

export function serversApi(nova: NovaTransport) {
  async function action(id: string, body: Record<string, unknown>): Promise<void> {
    await nova.send({ method: "POST", path: `servers/${enc(id)}/action`, body });
  }

  const api = {
    /** `GET /servers`: ids and names only, one page. */
    async list(filter: ServerListFilter = {}): Promise<Paged<ServerSummary>> {
      const res = await nova.request({ path: "servers", query: listQuery(filter), schema: ZServersResponse });
      return { items: res.data.servers, nextMarker: markerOf(nextLink(res.data.servers_links)) };
    },
    /** Every summary matching the filter, following `next` links (Nova caps pages at `max_limit`). */
    async listAll(filter: ServerListFilter = {}): Promise<ServerSummary[]> {
      return walk((marker) => api.list({ ...filter, marker: marker ?? filter.marker }));
    },
    /** `GET /servers/detail`, one page. */
    async detail(filter: ServerListFilter = {}): Promise<Paged<Server>> {
      const res = await nova.request({
        path: "servers/detail",
        query: listQuery(filter),
        schema: ZServersDetailResponse,
      });
      return { items: res.data.servers, nextMarker: markerOf(nextLink(res.data.servers_links)) };
    },
    async detailAll(filter: ServerListFilter = {}): Promise<Server[]> {
      return walk((marker) => api.detail({ ...filter, marker: marker ?? filter.marker }));
    },
    async get(id: string): Promise<Server> {
      return (await nova.request({ path: `servers/${enc(id)}`, schema: ZServerResponse })).data.server;
    },
    async create(input: CreateServerInput): Promise<CreateServerResponse> {
      const server = defined({
        name: input.name,
        imageRef: input.imageRef,
        flavorRef: input.flavorRef,
        key_name: input.keyName,
        user_data: input.userData,
        metadata: input.metadata,
        availability_zone: input.availabilityZone,
        min_count: input.minCount,
        max_count: input.maxCount,
        networks: input.networks ?? "auto",
        return_reservation_id: input.returnReservationId,
        description: input.description,
        security_groups: input.securityGroups?.map((name) => ({ name })),
        block_device_mapping_v2: input.blockDeviceMappings?.map(toBdm),
      });
      const res = await nova.request({
        method: "POST",
        path: "servers",
        body: { server },
        schema: ZCreateServerResponse,
      });
      return res.data;
    },
    async update(id: string, patch: { name?: string; description?: string | null }): Promise<Server> {
      const res = await nova.request({
        method: "PUT",
        path: `servers/${enc(id)}`,
        body: { server: defined(patch) },
        schema: ZServerResponse,
      });
      return res.data.server;
    },
    async delete(id: string): Promise<void> {
      await nova.send({ method: "DELETE", path: `servers/${enc(id)}` });
    },

    action,
    start: (id: string) => action(id, { "os-start": null }),
    stop: (id: string) => action(id, { "os-stop": null }),
    reboot: (id: string, hard = false) => action(id, { reboot: { type: hard ? "HARD" : "SOFT" } }),
    pause: (id: string) => action(id, { pause: null }),
    unpause: (id: string) => action(id, { unpause: null }),
    suspend: (id: string) => action(id, { suspend: null }),
    resume: (id: string) => action(id, { resume: null }),
    /** The reason needs 2.73. */
    lock: (id: string, reason?: string) =>
      action(id, { lock: reason === undefined ? null : { locked_reason: reason } }),
    unlock: (id: string) => action(id, { unlock: null }),
    /** Puts the group (name or id) on every port of the server (Nova's Neutron security group API). */
    addSecurityGroup: (id: string, group: string) => action(id, { addSecurityGroup: { name: group } }),
    removeSecurityGroup: (id: string, group: string) => action(id, { removeSecurityGroup: { name: group } }),
    resize: (id: string, flavorRef: string) => action(id, { resize: { flavorRef } }),
    confirmResize: (id: string) => action(id, { confirmResize: null }),
    revertResize: (id: string) => action(id, { revertResize: null }),
    async rebuild(id: string, input: { imageRef: string; name?: string | undefined }): Promise<Server> {
      const res = await nova.request({
        method: "POST",
        path: `servers/${enc(id)}/action`,
        body: { rebuild: defined(input) },
        schema: ZServerResponse,
      });
      return res.data.server;
    },
    /** Snapshots the server into a new image and returns its id. */
    async createImage(id: string, name: string, metadata?: Record<string, string>): Promise<string> {
      const res = await nova.open({
        method: "POST",
        path: `servers/${enc(id)}/action`,
        body: { createImage: defined({ name, metadata }) },
      });
      const text = await res.text();
      const parsed = text === "" ? null : ZCreateImageResponse.safeParse(JSON.parse(text));
      if (parsed?.success) return parsed.data.image_id;
      // Before 2.45 the image id is only in the Location header (…/images/<id>).
      const location = res.headers.get("location");
      const fromLocation = location?.split("/").filter(Boolean).at(-1);
      if (fromLocation) return fromLocation;
      throw new OpenStackError(502, "createImage returned neither image_id nor a Location header");
    },
    async consoleOutput(id: string, length?: number): Promise<string> {
      const res = await nova.request({
        method: "POST",
        path: `servers/${enc(id)}/action`,
        body: { "os-getConsoleOutput": length === undefined ? {} : { length } },
        schema: ZConsoleOutputResponse,
      });
      return res.data.output;
    },

    /**
     * A console URL with a fresh single-use token (`remote-consoles`, 2.6+):
     * `serial`/`serial` gives a ws:// URL, `vnc`/`novnc` a noVNC page URL.
     */
    async remoteConsole(
      id: string,
      protocol: "serial" | "vnc",
      type: "serial" | "novnc",
    ): Promise<RemoteConsole> {
      const res = await nova.request({
        method: "POST",
        path: `servers/${enc(id)}/remote-consoles`,
        body: { remote_console: { protocol, type } },
        schema: ZRemoteConsoleResponse,
      });
      return res.data.remote_console;
    },

    /** `os-instance-actions`: newest first, without events. */
    async listActions(id: string): Promise<InstanceAction[]> {
      const res = await nova.request({
        path: `servers/${enc(id)}/os-instance-actions`,
        schema: ZInstanceActionsResponse,
      });
      return res.data.instanceActions;
    },
    /** One action with its events. */
    async getAction(id: string, requestId: string): Promise<InstanceAction> {
      const res = await nova.request({
        path: `servers/${enc(id)}/os-instance-actions/${enc(requestId)}`,
        schema: ZInstanceActionResponse,
      });
      return res.data.instanceAction;
    },
  };
  return api;
}
