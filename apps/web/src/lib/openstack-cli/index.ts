/**
 * Builders of the `openstack` commands equivalent to the portal's dialogs:
 * pure functions from what a form holds to a `CliScript` (argv lines and
 * comments), rendered for a POSIX shell by `renderScript`. No React here,
 * so the real-client test (tests/openstack-cli/show-cli.test.ts) runs the
 * very commands the portal shows.
 */
export * as compute from "./compute";
export * as flavor from "./flavor";
export * as identity from "./identity";
export * as image from "./image";
export * as keypair from "./keypair";
export * as network from "./network";
export * from "./script";
export * as volume from "./volume";
