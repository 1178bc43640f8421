import type { NamespaceKeys, NestedKeyOf } from "next-intl";
import type { AppMessages } from "./catalog";

/**
 * Which messages reach the browser. Every message of every area is ~120 KB
 * of JSON; handed to the root's client provider, it rode in every typed
 * URL's HTML and was parsed before hydration. The root layout now passes
 * only ROOT_CLIENT_NAMESPACES (what the shell's client components read), and
 * each page wraps itself in `<ClientMessages namespaces={[…]}>` naming what
 * its own client components read (client-messages.tsx). The test
 * client-namespaces.test.ts follows every page's and layout's imports and
 * fails when a client component reads a namespace that is not provided.
 */
export type ClientNamespace = NamespaceKeys<AppMessages, NestedKeyOf<AppMessages>>;

/** Read by the client components of the root layout and the portal's shell (side nav, top bar, palette, toasts). */
export const ROOT_CLIENT_NAMESPACES = [
  "common",
  "shell",
  "palette",
  "bffErrors",
] as const satisfies readonly ClientNamespace[];

type Tree = { readonly [key: string]: string | Tree };

function isTree(value: unknown): value is Tree {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The subtrees at `namespaces` ("compute.instances"), in a tree of the same shape; a namespace not found is left out. */
export function pickMessages(messages: Tree, namespaces: readonly string[]): Tree {
  let picked: Tree = {};
  for (const namespace of namespaces) {
    const path = namespace.split(".");
    let node: string | Tree | undefined = messages;
    for (const key of path) node = isTree(node) ? node[key] : undefined;
    if (node === undefined) continue;
    const branch = path.reduceRight<string | Tree>((inner, key) => ({ [key]: inner }), node);
    if (isTree(branch)) picked = mergeMessages(picked, branch);
  }
  return picked;
}

/** `base` with `extra`'s subtrees merged in, deeply (a page's namespaces beside the layout's). */
export function mergeMessages(base: Tree, extra: Tree): Tree {
  const out: { [key: string]: string | Tree } = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const current = out[key];
    out[key] = isTree(current) && isTree(value) ? mergeMessages(current, value) : value;
  }
  return out;
}
