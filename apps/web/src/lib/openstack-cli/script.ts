/**
 * The shape every command builder returns: the `openstack` commands (argv,
 * never a shell string) and comment lines, rendered for a POSIX shell only
 * at the edge (`renderScript`). Keeping argv lets a test run a command
 * without a shell and lets the UI quote once, in one place.
 */
import { quoteArg } from "./quote";

export type CliLine = { kind: "command"; argv: readonly string[] } | { kind: "comment"; text: string };

export type CliScript = readonly CliLine[];

/**
 * Placeholders for what must never appear on screen or in a clipboard:
 * secrets (passwords, application-credential secrets, transfer keys) and
 * file contents the user pasted (user data, public keys). The person
 * running the command substitutes their own value or file.
 */
export const PLACEHOLDER = {
  password: "<password>",
  secret: "<secret>",
  authKey: "<auth-key>",
  userDataFile: "<user-data-file>",
  publicKeyFile: "<public-key-file>",
  privateKeyFile: "<private-key-file>",
  imageFile: "<path-to-image-file>",
} as const;

/** One `openstack …` command; empty strings and undefined arguments are dropped. */
export function command(...args: readonly (string | undefined | false)[]): CliLine {
  return {
    kind: "command",
    argv: ["openstack", ...args.filter((a): a is string => typeof a === "string" && a !== "")],
  };
}

export function comment(text: string): CliLine {
  // A comment is one line: a newline in it would start a command.
  return { kind: "comment", text: text.replace(/[\r\n]+/g, " ") };
}

/** `--flag value` when the value is set (trimmed non-empty string or a number), nothing otherwise. */
export function opt(flag: string, value: string | number | undefined | null): string[] {
  if (value === undefined || value === null) return [];
  const text = typeof value === "number" ? String(value) : value.trim();
  return text ? [flag, text] : [];
}

/** `--flag v` once per value. */
export function repeat(flag: string, values: readonly string[] | undefined): string[] {
  return (values ?? []).filter((v) => v.trim()).flatMap((v) => [flag, v.trim()]);
}

/**
 * Builds a command from argument groups (each already a list), so builders read as the flags they pass.
 * A bare empty string is dropped; an empty string inside a group is a deliberate empty value.
 */
export function cmd(...groups: readonly (readonly string[] | string | undefined | false)[]): CliLine {
  const argv: string[] = [];
  for (const g of groups) {
    if (g === undefined || g === false) continue;
    if (typeof g === "string") {
      if (g !== "") argv.push(g);
    } else argv.push(...g); // inside a group an empty string is a value (`--description ''`): kept
  }
  return { kind: "command", argv: ["openstack", ...argv] };
}

export function renderLine(line: CliLine): string {
  return line.kind === "comment" ? `# ${line.text}` : line.argv.map(quoteArg).join(" ");
}

/** The script as a POSIX shell would take it, one command or comment per line. */
export function renderScript(script: CliScript): string {
  return script.map(renderLine).join("\n");
}

/** Only the commands' argv, without comments. */
export function commandsOf(script: CliScript): (readonly string[])[] {
  return script.flatMap((l) => (l.kind === "command" ? [l.argv] : []));
}

/**
 * A text field of a `… set` command whose client drops an empty value
 * (`if parsed_args.description:` in OSC 6 for projects, users, groups,
 * networks and volumes), so an emptied field cannot be cleared from the
 * CLI: the flag when there is text, otherwise a comment saying so.
 */
export function textOrNote(
  flag: string,
  value: string | undefined,
  field: string,
): { args: string[]; notes: CliLine[] } {
  const text = value?.trim() ?? "";
  if (text) return { args: [flag, text], notes: [] };
  return {
    notes: [
      comment(
        `The ${field} is empty: the openstack CLI ignores ${flag} '' and cannot clear it; leave it or use the API.`,
      ),
    ],
    args: [],
  };
}
