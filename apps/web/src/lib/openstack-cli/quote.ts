/**
 * POSIX shell quoting for display. shell-quote's `quote` is correct but
 * backslash-escapes `=`, `:`, `<` and more (`--property a\=b`,
 * `\<password\>`), which reads badly in a command meant to be copied by
 * people; so this follows Python's `shlex.quote` (what the OpenStack docs
 * use): safe words stay bare, anything else goes in single quotes with
 * embedded single quotes as `'"'"'`. Tests parse the result back with
 * shell-quote's `parse` to prove the round trip.
 */
const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

export function quoteArg(arg: string): string {
  if (arg === "") return "''";
  if (SAFE.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'"'"'`)}'`;
}
