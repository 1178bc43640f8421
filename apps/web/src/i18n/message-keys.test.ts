import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type MessageFormatElement, parse, TYPE } from "@formatjs/icu-messageformat-parser";
import { globSync } from "tinyglobby";
import { describe, expect, it } from "vitest";
import { messagesFor } from "./catalog";
import { CONVERTED_AREAS, SCAN_IGNORE } from "./converted-areas";
import { LOCALES } from "./locales";
import { scanSource } from "./untranslated-scan";

/**
 * The check that fails on an untranslated key: every locale has exactly
 * the English keys with the same ICU arguments and tags, Chinese text is
 * not left in English, and the converted areas' sources hold no
 * user-facing literal (converted-areas.ts). See docs/i18n.md.
 */
const WEB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const MESSAGES = path.join(WEB, "messages");

/** English words that are also the right Chinese text (acronyms, product names). */
const SAME_IN_BOTH = new Set([
  "ID",
  "IPv4",
  "IPv6",
  "UUID",
  "MAC",
  "CIDR",
  "DHCP",
  "DNS",
  "CPU",
  "RAM",
  "vCPU",
  "vCPUs",
  "MTU",
  "VLAN",
  "VXLAN",
  "URL",
  "API",
  "JSON",
  "YAML",
  "SSH",
  "QEMU",
  "Zenith",
  "OpenStack",
  "clouds.yaml",
  "openrc.sh",
]);

type Tree = { [key: string]: string | Tree };

function readTree(file: string): Tree {
  return JSON.parse(readFileSync(file, "utf8")) as Tree;
}

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(full, value);
    else for (const [k, v] of flatten(value, full)) out.set(k, v);
  }
  return out;
}

/** An ICU message's argument and tag names ("name", "count", "<strong>"), sorted. */
function icuNames(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    if (element.type === TYPE.tag) {
      into.add(`<${element.value}>`);
      icuNames(element.children, into);
      continue;
    }
    into.add(element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) icuNames(option.value, into);
    }
  }
  return into;
}

/** The message's own words, without its arguments and tags. */
function literalText(elements: MessageFormatElement[]): string {
  return elements
    .map((element) => {
      if (element.type === TYPE.literal) return element.value;
      if (element.type === TYPE.tag) return literalText(element.children);
      if (element.type === TYPE.plural || element.type === TYPE.select)
        return Object.values(element.options)
          .map((option) => literalText(option.value))
          .join(" ");
      return " ";
    })
    .join("");
}

const areaFiles = (locale: string) =>
  readdirSync(path.join(MESSAGES, locale))
    .filter((f) => f.endsWith(".json"))
    .sort();

const english = new Map(
  areaFiles("en").map((file) => [file, flatten(readTree(path.join(MESSAGES, "en", file)))]),
);

describe("the message files", () => {
  it("are all registered in the catalog, for every locale", () => {
    const areas = areaFiles("en").map((f) => f.replace(/\.json$/, ""));
    for (const locale of LOCALES) expect(Object.keys(messagesFor(locale)).sort()).toEqual(areas);
  });

  for (const locale of LOCALES.filter((l) => l !== "en")) {
    describe(locale, () => {
      it("has one file per English area", () => {
        expect(areaFiles(locale)).toEqual(areaFiles("en"));
      });

      for (const [file, en] of english) {
        const translated = flatten(readTree(path.join(MESSAGES, locale, file)));

        it(`${file}: has exactly the English keys`, () => {
          const missing = [...en.keys()].filter((k) => !translated.has(k));
          const extra = [...translated.keys()].filter((k) => !en.has(k));
          expect({ missing, extra }).toEqual({ missing: [], extra: [] });
        });

        it(`${file}: keeps every message's ICU arguments and tags`, () => {
          const mismatched: string[] = [];
          for (const [key, source] of en) {
            const target = translated.get(key);
            if (target === undefined) continue;
            const a = [...icuNames(parse(source))].sort().join(",");
            const b = [...icuNames(parse(target))].sort().join(",");
            if (a !== b) mismatched.push(`${key}: en {${a}} ≠ ${locale} {${b}}`);
          }
          expect(mismatched).toEqual([]);
        });

        it(`${file}: translates every message (no English left)`, () => {
          const untranslated: string[] = [];
          for (const [key, source] of en) {
            const target = translated.get(key);
            if (target !== source) continue;
            // Nothing to translate: only arguments and punctuation ("{action} {subject}").
            if (!/[A-Za-z]/.test(literalText(parse(source)))) continue;
            if (SAME_IN_BOTH.has(source.trim())) continue;
            untranslated.push(`${key}: ${source}`);
          }
          expect(untranslated).toEqual([]);
        });
      }
    });
  }
});

describe("the converted areas' sources", () => {
  const files = globSync([...CONVERTED_AREAS], { cwd: WEB, ignore: [...SCAN_IGNORE] }).sort();

  it("are found (the globs match files)", () => {
    expect(files.length).toBeGreaterThan(20);
    for (const glob of CONVERTED_AREAS) expect(globSync(glob, { cwd: WEB }), glob).not.toEqual([]);
  });

  // Parses every source file of the portal with the TypeScript compiler: ~3 s on a quiet
  // machine, past vitest's 5 s default when a build runs beside it.
  it("hold no user-facing literal left untranslated", { timeout: 60_000 }, () => {
    const findings = files.flatMap((file) => scanSource(file, readFileSync(path.join(WEB, file), "utf8")));
    expect(findings.map((f) => `${f.file}:${f.line} [${f.where}] ${f.text}`)).toEqual([]);
  });
});
