/** `openstack server …` commands: launch, the instance actions and interfaces. */
import { type CliLine, type CliScript, cmd, comment, opt, PLACEHOLDER, repeat } from "./script";

export interface ServerCreateInput {
  name: string;
  imageId: string;
  flavorId: string;
  /** Interfaces in order: the first becomes the guest's first NIC. */
  nics?: readonly { kind: "network" | "port"; id: string }[];
  /** Launch with no network at all. */
  withoutNetwork?: boolean;
  securityGroupIds?: readonly string[];
  keyName?: string;
  /** Whether user data was entered: its content is never shown (it often carries secrets). */
  hasUserData?: boolean;
  availabilityZone?: string;
  /** As typed; a count above 1 becomes `--min N --max N` (all or nothing, as the portal launches). */
  count?: string | number;
  metadata?: Readonly<Record<string, string>>;
  /** Boot from a new volume of this size made from the image. */
  bootVolume?: { sizeGb: string | number; deleteOnTermination: boolean };
}

export function serverCreate(input: ServerCreateInput): CliScript {
  const lines: CliLine[] = [];
  const count = Number(input.count ?? 1);
  const many = Number.isInteger(count) && count > 1;
  const nics = input.nics ?? [];
  // `--nic none` needs compute API 2.37; at the CLI's default 2.1 the client itself refuses it.
  const version = input.withoutNetwork ? ["--os-compute-api-version", "2.37"] : [];
  const network = input.withoutNetwork
    ? ["--nic", "none"]
    : nics.flatMap((n) => [n.kind === "network" ? "--network" : "--port", n.id]);
  if (input.bootVolume && input.bootVolume.deleteOnTermination === false) {
    lines.push(
      comment(
        "`--boot-from-volume` always deletes the boot volume with the server; to keep it, use --block-device with delete_on_termination=false.",
      ),
    );
  }
  if (input.hasUserData) {
    lines.push(comment("Save the user data to a file and give its path to --user-data."));
  }
  lines.push(
    cmd(
      "server",
      "create",
      version,
      opt("--flavor", input.flavorId),
      opt("--image", input.imageId),
      input.bootVolume ? opt("--boot-from-volume", input.bootVolume.sizeGb) : undefined,
      network,
      input.withoutNetwork ? [] : repeat("--security-group", input.securityGroupIds),
      opt("--key-name", input.keyName),
      input.hasUserData ? ["--user-data", PLACEHOLDER.userDataFile] : [],
      opt("--availability-zone", input.availabilityZone),
      Object.entries(input.metadata ?? {})
        .filter(([k]) => k.trim())
        .flatMap(([k, v]) => ["--property", `${k.trim()}=${v}`]),
      many ? ["--min", String(count), "--max", String(count)] : [],
      input.name.trim() || "<name>",
    ),
  );
  return lines;
}

/** The instance actions that are one command on one server, by the portal's action name. */
const SIMPLE_ACTIONS = {
  start: ["server", "start"],
  stop: ["server", "stop"],
  reboot: ["server", "reboot"],
  hardReboot: ["server", "reboot", "--hard"],
  pause: ["server", "pause"],
  unpause: ["server", "unpause"],
  suspend: ["server", "suspend"],
  resume: ["server", "resume"],
  lock: ["server", "lock"],
  unlock: ["server", "unlock"],
  shelve: ["server", "shelve"],
  unshelve: ["server", "unshelve"],
  confirmResize: ["server", "resize", "confirm"],
  revertResize: ["server", "resize", "revert"],
  delete: ["server", "delete"],
} as const satisfies Record<string, readonly string[]>;

export type SimpleServerAction = keyof typeof SIMPLE_ACTIONS;

export function isSimpleServerAction(action: string): action is SimpleServerAction {
  return action in SIMPLE_ACTIONS;
}

/** One command per action; most take several servers at once (`server stop A B`), resize confirm/revert one. */
export function serverAction(action: SimpleServerAction, serverIds: readonly string[]): CliScript {
  const base = SIMPLE_ACTIONS[action];
  const takesMany = action !== "confirmResize" && action !== "revertResize";
  if (takesMany) return [cmd(base, [...serverIds])];
  return serverIds.map((id) => cmd(base, id));
}

export function serverResize(input: { serverId: string; flavorId: string }): CliScript {
  return [cmd("server", "resize", opt("--flavor", input.flavorId || "<flavor>"), input.serverId)];
}

export function serverRebuild(input: { serverId: string; imageId: string; name?: string }): CliScript {
  return [
    cmd(
      "server",
      "rebuild",
      opt("--image", input.imageId || "<image>"),
      opt("--name", input.name),
      input.serverId,
    ),
  ];
}

export function serverSnapshot(input: { serverId: string; name: string }): CliScript {
  return [cmd("server", "image", "create", opt("--name", input.name || "<name>"), input.serverId)];
}

export function serverAddInterface(
  input: { serverId: string } & (
    | { kind: "network"; networkId: string; fixedIp?: string }
    | { kind: "port"; portId: string }
  ),
): CliScript {
  if (input.kind === "port") return [cmd("server", "add", "port", input.serverId, input.portId || "<port>")];
  if (input.fixedIp?.trim()) {
    return [
      cmd(
        "server",
        "add",
        "fixed",
        "ip",
        opt("--fixed-ip-address", input.fixedIp),
        input.serverId,
        input.networkId || "<network>",
      ),
    ];
  }
  return [cmd("server", "add", "network", input.serverId, input.networkId || "<network>")];
}

export function serverRemovePort(input: { serverId: string; portId: string }): CliScript {
  return [cmd("server", "remove", "port", input.serverId, input.portId)];
}

/** The instance's groups become exactly `chosen`: add what is new, remove what was dropped. */
export function serverSetSecurityGroups(input: {
  serverId: string;
  current: readonly string[];
  chosen: readonly string[];
}): CliScript {
  const added = input.chosen.filter((g) => !input.current.includes(g));
  const removed = input.current.filter((g) => !input.chosen.includes(g));
  const lines: CliLine[] = [
    ...added.map((g) => cmd("server", "add", "security", "group", input.serverId, g)),
    ...removed.map((g) => cmd("server", "remove", "security", "group", input.serverId, g)),
  ];
  return lines.length > 0 ? lines : [comment("No change to the security groups.")];
}

/** A floating IP for one port of the instance: an existing one of the project, or a new one from a pool. */
export function serverAddFloatingIp(
  input: { portId: string; fixedIp?: string } & (
    | { source: "existing"; floatingIpId: string }
    | { source: "allocate"; poolNetworkId: string }
  ),
): CliScript {
  if (input.source === "existing") {
    return [
      cmd(
        "floating",
        "ip",
        "set",
        ["--port", input.portId],
        opt("--fixed-ip-address", input.fixedIp),
        input.floatingIpId || "<floating-ip>",
      ),
    ];
  }
  return [
    cmd(
      "floating",
      "ip",
      "create",
      ["--port", input.portId],
      opt("--fixed-ip-address", input.fixedIp),
      input.poolNetworkId || "<external-network>",
    ),
  ];
}
