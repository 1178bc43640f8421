/** `openstack project|user|role|group|application credential …` commands. */
import { type CliLine, type CliScript, cmd, opt, PLACEHOLDER, textOrNote } from "./script";

export function projectCreate(input: {
  name: string;
  description?: string;
  enabled?: boolean;
  domainId?: string;
}): CliScript {
  return [
    cmd(
      "project",
      "create",
      opt("--domain", input.domainId || "default"),
      opt("--description", input.description),
      input.enabled === false ? "--disable" : "--enable",
      input.name.trim() || "<name>",
    ),
  ];
}

export function projectSet(input: {
  projectId: string;
  name: string;
  description: string;
  enabled: boolean;
}): CliScript {
  const description = textOrNote("--description", input.description, "description");
  return [
    ...description.notes,
    cmd(
      "project",
      "set",
      opt("--name", input.name),
      description.args,
      input.enabled ? "--enable" : "--disable",
      input.projectId,
    ),
  ];
}

export function userCreate(input: {
  name: string;
  email?: string;
  description?: string;
  /** Whether a password was typed: it is never shown. */
  hasPassword: boolean;
  projectId?: string;
  roleId?: string;
  enabled?: boolean;
  domainId?: string;
}): CliScript {
  const name = input.name.trim() || "<name>";
  const lines: CliLine[] = [
    cmd(
      "user",
      "create",
      opt("--domain", input.domainId || "default"),
      opt("--project", input.projectId),
      // The password is a secret: a placeholder keeps it off the screen and out of the clipboard.
      input.hasPassword ? ["--password", PLACEHOLDER.password] : [],
      opt("--email", input.email),
      opt("--description", input.description),
      input.enabled === false ? "--disable" : "--enable",
      name,
    ),
  ];
  if (input.projectId && input.roleId) {
    lines.push(roleAddLine({ roleId: input.roleId, userId: name, projectId: input.projectId }));
  }
  return lines;
}

export function userSet(input: {
  userId: string;
  name: string;
  email: string;
  description: string;
  defaultProjectId?: string;
  enabled: boolean;
}): CliScript {
  const email = textOrNote("--email", input.email, "email");
  const description = textOrNote("--description", input.description, "description");
  return [
    ...email.notes,
    ...description.notes,
    cmd(
      "user",
      "set",
      opt("--name", input.name),
      email.args,
      description.args,
      opt("--project", input.defaultProjectId),
      input.enabled ? "--enable" : "--disable",
      input.userId,
    ),
  ];
}

export function userSetPassword(userId: string): CliScript {
  // Never the typed password: `--password-prompt` would also do, but a placeholder shows where it goes.
  return [cmd("user", "set", "--password", PLACEHOLDER.password, userId)];
}

function roleAddLine(input: {
  roleId: string;
  userId?: string;
  groupId?: string;
  projectId: string;
}): CliLine {
  return cmd(
    "role",
    "add",
    ["--project", input.projectId],
    input.groupId ? ["--group", input.groupId] : ["--user", input.userId || "<user>"],
    input.roleId || "<role>",
  );
}

export function roleAdd(input: {
  roleId: string;
  userId?: string;
  groupId?: string;
  projectId: string;
}): CliScript {
  return [roleAddLine(input)];
}

export function roleRemove(input: {
  roleId: string;
  userId?: string;
  groupId?: string;
  projectId: string;
}): CliScript {
  return [
    cmd(
      "role",
      "remove",
      ["--project", input.projectId],
      input.groupId ? ["--group", input.groupId] : ["--user", input.userId ?? "<user>"],
      input.roleId,
    ),
  ];
}

export function roleCreate(input: { name: string; description?: string }): CliScript {
  return [cmd("role", "create", opt("--description", input.description), input.name.trim() || "<name>")];
}

export function groupCreate(input: { name: string; description?: string; domainId?: string }): CliScript {
  return [
    cmd(
      "group",
      "create",
      opt("--domain", input.domainId || "default"),
      opt("--description", input.description),
      input.name.trim() || "<name>",
    ),
  ];
}

export function groupSet(input: { groupId: string; name: string; description: string }): CliScript {
  const description = textOrNote("--description", input.description, "description");
  return [
    ...description.notes,
    cmd("group", "set", opt("--name", input.name), description.args, input.groupId),
  ];
}

export function groupAddUser(input: { groupId: string; userId: string }): CliScript {
  return [cmd("group", "add", "user", input.groupId, input.userId || "<user>")];
}

export function groupRemoveUser(input: { groupId: string; userId: string }): CliScript {
  return [cmd("group", "remove", "user", input.groupId, input.userId)];
}

export function appCredentialCreate(input: {
  name: string;
  description?: string;
  /** ISO date (the end of that day, UTC, as the portal sends it) or date-time; the CLI wants `YYYY-mm-ddTHH:MM:SS`. */
  expiresAt?: string;
  unrestricted?: boolean;
  roleIds?: readonly string[];
}): CliScript {
  const exp = input.expiresAt?.trim();
  const expiration = exp ? (exp.length === 10 ? `${exp}T23:59:59` : exp.slice(0, 19)) : undefined;
  return [
    cmd(
      "application",
      "credential",
      "create",
      // Keystone generates the secret when none is given, and the CLI prints it once: nothing secret to hide.
      opt("--description", input.description),
      opt("--expiration", expiration),
      (input.roleIds ?? []).flatMap((r) => ["--role", r]),
      input.unrestricted ? "--unrestricted" : [],
      input.name.trim() || "<name>",
    ),
  ];
}
