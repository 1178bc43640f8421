/**
 * Builders of the `openstack` commands equivalent to the portal's dialogs:
 * pure functions from what a form holds to a `CliScript` (argv lines and
 * comments), rendered for a POSIX shell by `renderScript`. No React here,
 * so the real-client test (tests/openstack-cli/show-cli.test.ts) runs the
 * very commands the portal shows.
 *
 * Not translated, on purpose: the commands are shell text, and the few `#`
 * comments a script carries (placeholders to fill, flags the CLI lacks) stay
 * English in every locale, as the `openstack` client, its `--help` and the
 * OpenStack docs the reader pastes them beside are English; the builders
 * stay pure and their output byte-for-byte testable. The words around the
 * script ("Show the CLI", "Copy the command") are translated (`common.cli`).
 */
export * as compute from "./compute";
export * as flavor from "./flavor";
export * as identity from "./identity";
export * as image from "./image";
export * as keypair from "./keypair";
export * as network from "./network";
export * from "./script";
export * as volume from "./volume";
