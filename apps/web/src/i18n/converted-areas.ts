/**
 * The source files whose user-facing strings all go through next-intl, as
 * globs relative to apps/web. The key-check test scans them for literals
 * left untranslated (untranslated-scan.ts). Add your area's globs here as
 * you convert it (docs/i18n.md), until the list is all of `src/`.
 */
export const CONVERTED_AREAS: readonly string[] = [
  "src/app/layout.tsx",
  "src/app/\\(portal\\)/layout.tsx",
  "src/components/shell/**/*.{ts,tsx}",
  "src/components/ui/**/*.{ts,tsx}",
  "src/components/data-table/**/*.{ts,tsx}",
  "src/components/palette/**/*.{ts,tsx}",
  "src/components/{confirm-dialog,empty-state,page-header,status-badge,age,copy-button,tabs,progress-bar,role-badges,tone-badge,info-card,row-action}.tsx",
  "src/app/login/**/*.{ts,tsx}",
  "src/app/\\(portal\\)/identity/**/*.{ts,tsx}",
  "src/app/\\(portal\\)/settings/**/*.{ts,tsx}",
  "src/lib/navigation.ts",
  "src/components/volume/**/*.{ts,tsx}",
  "src/app/\\(portal\\)/project/volumes/**/*.{ts,tsx}",
  "src/lib/volume/**/*.{ts,tsx}",
  "src/app/\\(portal\\)/admin/**/*.{ts,tsx}",
  "src/components/network/**/*.{ts,tsx}",
  "src/app/\\(portal\\)/project/{networks,routers,security-groups,floating-ips}/**/*.{ts,tsx}",
  "src/lib/network/**/*.{ts,tsx}",
  "src/components/topology/**/*.{ts,tsx}",
  "src/app/\\(portal\\)/project/network-topology/**/*.{ts,tsx}",
  "src/lib/topology/**/*.{ts,tsx}",
  "src/components/charts/**/*.{ts,tsx}",
  "src/components/usage/**/*.{ts,tsx}",
  "src/app/\\(portal\\)/project/*.{ts,tsx}",
  "src/lib/metrics/**/*.{ts,tsx}",
  "src/components/{form,cli,toast}/**/*.{ts,tsx}",
  "src/components/{row-menu,menu-keys}.{ts,tsx}",
  "src/app/page.tsx",
  "src/app/api/**/*.{ts,tsx}",
  "src/trpc/**/*.{ts,tsx}",
  "src/auth/**/*.{ts,tsx}",
  "src/lib/{trpc-errors,use-error-message,field-errors,use-form-errors,bounded-body,download-file,theme}.ts",
  // Shell commands are not translated; their few comments stay English (see lib/openstack-cli/index.ts).
  "src/lib/openstack-cli/**/*.{ts,tsx}",
  "src/lib/lists/{compute,identity,images,volume}.ts",
  "src/proxy.ts",
  // compute (instances, images, key pairs, consoles): messages/<locale>/compute.json
  "src/app/\\(portal\\)/project/key-pairs/**/*.{ts,tsx}",
  "src/app/\\(portal\\)/project/images/**/*.{ts,tsx}",
  "src/app/\\(portal\\)/project/instances/**/*.{ts,tsx}",
  "src/components/compute/**/*.{ts,tsx}",
  "src/components/images/**/*.{ts,tsx}",
  "src/components/console/**/*.{ts,tsx}",
  "src/lib/compute/{action-texts,state-labels,instance-actions,instance-status,use-instance-actions,use-instance-updates}.ts",
];

/** Never scanned: tests hold English fixtures on purpose. */
export const SCAN_IGNORE: readonly string[] = ["**/*.test.ts", "**/*.test.tsx"];
