/** `openstack volume …` commands and attaching volumes to servers. */
import { type CliLine, type CliScript, cmd, comment, opt, PLACEHOLDER, textOrNote } from "./script";

export function volumeCreate(input: {
  name: string;
  description?: string;
  size: string | number;
  source?: { kind: "empty" | "image" | "snapshot" | "volume"; id: string };
  volumeType?: string;
  availabilityZone?: string;
}): CliScript {
  const src = input.source;
  const sourceFlag =
    src && src.kind !== "empty"
      ? [
          src.kind === "image" ? "--image" : src.kind === "snapshot" ? "--snapshot" : "--source",
          src.id || `<${src.kind}>`,
        ]
      : [];
  return [
    cmd(
      "volume",
      "create",
      opt("--size", input.size),
      sourceFlag,
      opt("--type", input.volumeType),
      opt("--availability-zone", input.availabilityZone),
      opt("--description", input.description),
      input.name.trim() || "<name>",
    ),
  ];
}

export function volumeExtend(input: { volumeId: string; newSize: string | number }): CliScript {
  return [cmd("volume", "set", opt("--size", input.newSize || "<size>"), input.volumeId)];
}

export function volumeSet(input: {
  volumeId: string;
  name: string;
  description: string;
  bootable: boolean;
  readonly: boolean;
}): CliScript {
  const description = textOrNote("--description", input.description, "description");
  return [
    ...description.notes,
    cmd(
      "volume",
      "set",
      ["--name", input.name],
      description.args,
      input.bootable ? "--bootable" : "--non-bootable",
      input.readonly ? "--read-only" : "--read-write",
      input.volumeId,
    ),
  ];
}

export function volumeSnapshotCreate(input: {
  volumeId: string;
  name: string;
  description?: string;
  /** Snapshots of an attached (in-use) volume need --force. */
  force?: boolean;
}): CliScript {
  return [
    cmd(
      "volume",
      "snapshot",
      "create",
      ["--volume", input.volumeId],
      opt("--description", input.description),
      input.force ? "--force" : [],
      input.name.trim() || "<name>",
    ),
  ];
}

export function volumeBackupCreate(input: {
  volumeId: string;
  name?: string;
  description?: string;
  incremental?: boolean;
  force?: boolean;
}): CliScript {
  return [
    cmd(
      "volume",
      "backup",
      "create",
      opt("--name", input.name),
      opt("--description", input.description),
      input.incremental ? "--incremental" : [],
      input.force ? "--force" : [],
      input.volumeId,
    ),
  ];
}

/** Restores into a new volume of that name (an existing one would need --force). */
export function volumeBackupRestore(input: { backupId: string; newVolumeName: string }): CliScript {
  return [cmd("volume", "backup", "restore", input.backupId, input.newVolumeName)];
}

export function volumeBackupDelete(backupId: string): CliScript {
  return [cmd("volume", "backup", "delete", backupId)];
}

export function volumeTransferCreate(input: { volumeId: string; name?: string }): CliScript {
  return [cmd("volume", "transfer", "request", "create", opt("--name", input.name), input.volumeId)];
}

export function volumeTransferAccept(input: { transferId: string }): CliScript {
  // The authorisation key is a secret handed over by the giver: never echoed.
  return [
    cmd(
      "volume",
      "transfer",
      "request",
      "accept",
      "--auth-key",
      PLACEHOLDER.authKey,
      input.transferId || "<transfer-id>",
    ),
  ];
}

export function volumeUploadToImage(input: {
  volumeId: string;
  imageName: string;
  diskFormat?: string;
  force?: boolean;
}): CliScript {
  return [
    cmd(
      "image",
      "create",
      ["--volume", input.volumeId],
      opt("--disk-format", input.diskFormat),
      input.force ? "--force" : [],
      input.imageName.trim() || "<image-name>",
    ),
  ];
}

export function volumeDelete(input: { volumeId: string; cascade?: boolean; force?: boolean }): CliScript {
  return [
    cmd("volume", "delete", input.cascade ? "--purge" : [], input.force ? "--force" : [], input.volumeId),
  ];
}

export function serverAddVolume(input: { serverId: string; volumeId: string }): CliScript {
  return [cmd("server", "add", "volume", input.serverId, input.volumeId || "<volume>")];
}

export function serverRemoveVolume(input: { serverId: string; volumeId: string }): CliScript {
  return [cmd("server", "remove", "volume", input.serverId, input.volumeId)];
}

/** Attach a new empty volume: two commands, the second names the first's volume. */
export function serverAddNewVolume(input: {
  serverId: string;
  name: string;
  size: string | number;
}): CliScript {
  const name = input.name.trim() || "<name>";
  const lines: CliLine[] = [
    ...volumeCreate({ name, size: input.size }),
    comment("Wait until the volume is available, then:"),
    cmd("server", "add", "volume", input.serverId, name),
  ];
  return lines;
}

export function volumeResetState(input: {
  volumeId: string;
  status: string;
  attachStatus?: "" | "attached" | "detached";
}): CliScript {
  return [
    cmd(
      "volume",
      "set",
      ["--state", input.status],
      input.attachStatus === "attached"
        ? "--attached"
        : input.attachStatus === "detached"
          ? "--detached"
          : [],
      input.volumeId,
    ),
  ];
}
