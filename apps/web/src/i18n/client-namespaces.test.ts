import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { globSync } from "tinyglobby";
import { describe, expect, it } from "vitest";
import { messagesFor } from "./catalog";
import { mergeMessages, pickMessages, ROOT_CLIENT_NAMESPACES } from "./client-namespaces";
import { isProvided, NamespaceScanner, type ReadSource } from "./client-namespaces-scan";

/**
 * The check that a page's client components have their messages: every
 * namespace a client component under a route file reads (useTranslations,
 * useMessages) is provided by the root layout or a <ClientMessages> of the
 * route file or of a layout above it. See client-namespaces.ts.
 */
const WEB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SRC = path.join(WEB, "src");
const APP = path.join(SRC, "app");
const ROUTE_FILES = "**/{page,layout,loading,error,not-found,template,default,global-error}.tsx";

const readDisk: ReadSource = (file) => (existsSync(file) ? readFileSync(file, "utf8") : undefined);

/** The route file's own provided namespaces, the layouts' above it, and the root's. */
function providedFor(scanner: NamespaceScanner, routeFile: string): string[] {
  const provided: string[] = [...ROOT_CLIENT_NAMESPACES, ...scanner.factsOf(routeFile).provides];
  for (let dir = path.dirname(routeFile); dir.startsWith(APP); dir = path.dirname(dir)) {
    const layout = path.join(dir, "layout.tsx");
    if (layout !== routeFile && existsSync(layout)) provided.push(...scanner.factsOf(layout).provides);
  }
  return provided;
}

/** "file: namespace (read in module)" for each read a route file does not provide. */
function missingReads(scanner: NamespaceScanner, routeFile: string): string[] {
  const provided = providedFor(scanner, routeFile);
  return scanner
    .clientReads(routeFile)
    .filter((r) => !isProvided(r.namespace, [...provided, ...r.lazy]))
    .map((r) => `${path.relative(WEB, routeFile)}: "${r.namespace}" (read in ${path.relative(WEB, r.file)})`);
}

describe("the messages each route hands its client components", () => {
  const scanner = new NamespaceScanner(SRC, readDisk, new Set([path.join(SRC, "i18n/messages-scope.tsx")]));
  const routeFiles = globSync(ROUTE_FILES, { cwd: APP, absolute: true }).sort();

  it("finds the route files and their client reads", () => {
    expect(routeFiles.length).toBeGreaterThan(40);
    const portal = routeFiles.find((f) => f.endsWith(path.join("(portal)", "layout.tsx")));
    expect(portal).toBeDefined();
    // The shell's side navigation reads its labels in the browser.
    expect(scanner.clientReads(portal ?? "").some((r) => r.namespace.startsWith("shell"))).toBe(true);
  });

  it("cover every namespace their client components read", { timeout: 60_000 }, () => {
    const missing = routeFiles.flatMap((file) => missingReads(scanner, file));
    expect(missing, "add the namespace to the page's <ClientMessages namespaces={[…]}>").toEqual([]);
  });

  it("name namespaces that exist in the catalog", () => {
    const en = messagesFor("en");
    for (const file of routeFiles) {
      for (const namespace of providedFor(scanner, file)) {
        expect(pickMessages(en, [namespace]), `${path.relative(WEB, file)}: ${namespace}`).not.toEqual({});
      }
    }
  });
});

describe("the scan", () => {
  const src = "/w/src";
  const files = new Map<string, string>([
    [
      "/w/src/app/page.tsx",
      `import { ClientMessages } from "@/i18n/client-messages";
       import { View } from "./view";
       import type { T } from "./types-only";
       export default function P() { return <ClientMessages namespaces={["compute.instances"]}><View /></ClientMessages>; }`,
    ],
    [
      "/w/src/app/view.tsx",
      `"use client";
       import { useMessages, useTranslations } from "next-intl";
       import { helper } from "@/lib/helper";
       const Dialog = dynamic(() => import("./dialog"));
       export function View() { const t = useTranslations("compute.instances"); const s = useMessages().shell; return null; }`,
    ],
    ["/w/src/lib/helper.ts", `export function useHelper() { return useTranslations("common.errors"); }`],
    ["/w/src/app/dialog.tsx", `export default function D() { const t = useTranslations(); return null; }`],
    ["/w/src/app/types-only.ts", `"use client"; const t = useTranslations("never");`],
    [
      "/w/src/app/server.tsx",
      `export function S() { const t = useTranslations("server.only"); return null; }`,
    ],
    [
      "/w/src/app/palette.tsx",
      `"use client";
       import { Hits } from "./hits";
       export function P() { const t = useTranslations("palette"); return <LazyClientMessages namespaces={["volume"]} load={l}><Hits /></LazyClientMessages>; }`,
    ],
    [
      "/w/src/app/hits.tsx",
      `export function Hits() { const t = useTranslations("volume.table"); return null; }`,
    ],
  ]);
  const scanner = new NamespaceScanner(src, (f) => files.get(f));

  it("follows imports and dynamic imports into client modules, not type-only ones", () => {
    const reads = scanner.clientReads("/w/src/app/page.tsx").map((r) => r.namespace);
    expect(reads.sort()).toEqual(["*", "common.errors", "compute.instances", "shell"]);
  });

  it("ignores reads in server modules", () => {
    expect(scanner.clientReads("/w/src/app/server.tsx")).toEqual([]);
  });

  it("counts a LazyClientMessages' namespaces as provided to its module and what it imports", () => {
    const reads = scanner.clientReads("/w/src/app/palette.tsx");
    expect(reads.map((r) => [r.namespace, r.lazy])).toEqual([
      ["palette", ["volume"]],
      ["volume.table", ["volume"]],
    ]);
  });

  it("reads the provided namespaces and tells what is covered", () => {
    expect(scanner.factsOf("/w/src/app/page.tsx").provides).toEqual(["compute.instances"]);
    expect(isProvided("compute.instances.table", ["compute.instances"])).toBe(true);
    expect(isProvided("compute.instancesX", ["compute.instances"])).toBe(false);
    expect(isProvided("*", ["compute", "*"])).toBe(false);
  });
});

describe("picking and merging messages", () => {
  const tree = { a: { b: { c: "1", d: "2" }, e: "3" }, f: { g: "4" } };

  it("keeps only the named subtrees, in place", () => {
    expect(pickMessages(tree, ["a.b", "f"])).toEqual({ a: { b: { c: "1", d: "2" } }, f: { g: "4" } });
    expect(pickMessages(tree, ["a.e", "missing"])).toEqual({ a: { e: "3" } });
  });

  it("merges a page's subtrees into the layout's", () => {
    expect(mergeMessages({ a: { e: "3" }, f: { g: "4" } }, { a: { b: { c: "1" } } })).toEqual({
      a: { e: "3", b: { c: "1" } },
      f: { g: "4" },
    });
  });
});
