import path from "node:path";
import ts from "typescript";

/**
 * Static check behind client-namespaces.test.ts: which message namespaces
 * the client components under a page or layout read, and which it provides.
 * Follows a module's imports (static, re-exports, `import()`; not `import
 * type`) from the route's file; a module is a client module from the first
 * `"use client"` on the way down, and everything it imports is too. Reads
 * are `useTranslations("ns")` and `useMessages().ns` in client modules
 * (server components read the request's whole catalog); a read without a
 * literal namespace reads "*", which nothing provides. Provided namespaces
 * are the literal arrays of `<ClientMessages namespaces={[…]}>`; those of a
 * `<LazyClientMessages namespaces={[…]}>` count for the module that renders
 * it and everything it imports (lazy-client-messages.tsx).
 */
export interface ModuleFacts {
  isClient: boolean;
  imports: string[];
  reads: string[];
  provides: string[];
  lazyProvides: string[];
}

/** A file's source, or undefined when there is no such file. */
export type ReadSource = (file: string) => string | undefined;

const EXTENSIONS = ["", ".ts", ".tsx", "/index.ts", "/index.tsx"];

function literalText(node: ts.Node | undefined): string | undefined {
  if (!node) return undefined;
  if (ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isParenthesizedExpression(node))
    return literalText(node.expression);
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) ? node.text : undefined;
}

function arrayLiterals(node: ts.Node | undefined): string[] {
  if (!node) return [];
  if (ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isParenthesizedExpression(node))
    return arrayLiterals(node.expression);
  if (!ts.isArrayLiteralExpression(node)) return ["*"];
  return node.elements.map((e) => literalText(e) ?? "*");
}

function isCallTo(node: ts.CallExpression, name: string): boolean {
  return ts.isIdentifier(node.expression) && node.expression.text === name;
}

/** What one source says: its "use client" directive, imported specifiers, namespaces read and provided. */
export function moduleFacts(
  file: string,
  source: string,
): Omit<ModuleFacts, "imports"> & { specifiers: string[] } {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const first = sf.statements[0];
  const isClient =
    first !== undefined &&
    ts.isExpressionStatement(first) &&
    ts.isStringLiteral(first.expression) &&
    first.expression.text === "use client";
  const specifiers: string[] = [];
  const reads: string[] = [];
  const provides: string[] = [];
  const lazyProvides: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly) {
      const spec = literalText(node.moduleSpecifier);
      if (spec) specifiers.push(spec);
    } else if (ts.isExportDeclaration(node) && !node.isTypeOnly && node.moduleSpecifier) {
      const spec = literalText(node.moduleSpecifier);
      if (spec) specifiers.push(spec);
    } else if (ts.isCallExpression(node)) {
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        const spec = literalText(node.arguments[0]);
        if (spec) specifiers.push(spec);
      } else if (isCallTo(node, "useTranslations")) {
        reads.push(node.arguments.length === 0 ? "*" : (literalText(node.arguments[0]) ?? "*"));
      } else if (isCallTo(node, "useMessages")) {
        const parent = node.parent;
        reads.push(
          ts.isPropertyAccessExpression(parent) && parent.expression === node ? parent.name.text : "*",
        );
      }
    } else if (ts.isJsxOpeningElement(node) || ts.isJsxSelfClosingElement(node)) {
      const tag = node.tagName.getText(sf);
      const into =
        tag === "ClientMessages" ? provides : tag === "LazyClientMessages" ? lazyProvides : undefined;
      for (const attribute of into ? node.attributes.properties : []) {
        if (ts.isJsxAttribute(attribute) && attribute.name.getText(sf) === "namespaces") {
          const init = attribute.initializer;
          into?.push(...(init && ts.isJsxExpression(init) ? arrayLiterals(init.expression) : ["*"]));
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { isClient, specifiers, reads, provides, lazyProvides };
}

/** A project file a specifier names ("@/…" is src/), or undefined for a package. */
export function resolveSpecifier(
  srcDir: string,
  from: string,
  spec: string,
  read: ReadSource,
): string | undefined {
  let base: string;
  if (spec.startsWith("@/")) base = path.join(srcDir, spec.slice(2));
  else if (spec.startsWith("./") || spec.startsWith("../")) base = path.resolve(path.dirname(from), spec);
  else return undefined;
  for (const ext of EXTENSIONS) {
    const candidate = base + ext;
    if (/\.(ts|tsx)$/.test(candidate) && read(candidate) !== undefined) return candidate;
  }
  return undefined;
}

export interface Read {
  namespace: string;
  /** The client module that reads it. */
  file: string;
  /** Namespaces a LazyClientMessages on the way to it provides. */
  lazy: readonly string[];
}

/** Scans modules once each; answers a route file's client reads and its own provided namespaces. */
export class NamespaceScanner {
  private readonly facts = new Map<string, ModuleFacts>();

  /** `exempt`: modules whose reads are not reads (MessagesScope reads the parent's messages to add to them). */
  constructor(
    private readonly srcDir: string,
    private readonly read: ReadSource,
    private readonly exempt: ReadonlySet<string> = new Set(),
  ) {}

  factsOf(file: string): ModuleFacts {
    const known = this.facts.get(file);
    if (known) return known;
    const source = this.read(file) ?? "";
    const { specifiers, ...rest } = moduleFacts(file, source);
    const imports = specifiers.flatMap((s) => resolveSpecifier(this.srcDir, file, s, this.read) ?? []);
    const facts = { ...rest, imports };
    this.facts.set(file, facts);
    return facts;
  }

  /** Every namespace read by a client module reachable from `entry`. */
  clientReads(entry: string): Read[] {
    const reads: Read[] = [];
    const seen = new Set<string>();
    const stack: [string, boolean, readonly string[]][] = [[entry, false, []]];
    for (let next = stack.pop(); next; next = stack.pop()) {
      const [file, parentIsClient, inherited] = next;
      const facts = this.factsOf(file);
      const isClient = parentIsClient || facts.isClient;
      const lazy = facts.lazyProvides.length > 0 ? [...inherited, ...facts.lazyProvides] : inherited;
      const key = `${isClient}:${lazy.join(",")}:${file}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (isClient && !this.exempt.has(file))
        for (const namespace of facts.reads) reads.push({ namespace, file, lazy });
      for (const imported of facts.imports) stack.push([imported, isClient, lazy]);
    }
    return reads;
  }
}

/** Whether `namespace` is inside one of `provided` ("compute.instances" inside "compute"). */
export function isProvided(namespace: string, provided: readonly string[]): boolean {
  return provided.some((p) => p !== "*" && (namespace === p || namespace.startsWith(`${p}.`)));
}
