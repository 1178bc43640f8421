import ts from "typescript";

/**
 * Finds user-facing text left as literals in a TypeScript/TSX source, with
 * the TypeScript compiler's own parser: JSX text with letters, and string
 * literals (plain, template, or branches of ?:, ??, ||, &&) given to
 * user-facing props and object properties (labels, titles, placeholders…)
 * or to toast/confirm calls. Strings inside a call's arguments (`t("key")`)
 * are not text. A line holding `i18n-ignore` (or following one) is skipped,
 * for the rare literal that must stay (a command, a brand).
 */
export interface Finding {
  file: string;
  line: number;
  text: string;
  /** Where it was found: "jsx-text", "prop:aria-label", "call:toast.show"… */
  where: string;
}

/** JSX props and object properties that carry text a person reads. */
const TEXT_NAME =
  /^(aria-label|aria-description|aria-valuetext|aria-roledescription|title|placeholder|alt|label|header|heading|description|hint|message|summary|caption|confirmLabel|submitLabel|emptyTitle|emptyHint|searchLabel|[a-z]+(Label|Title|Text|Hint|Message|Description))$/;

/** Calls whose first argument is shown to the user. */
const MESSAGE_CALLS = /^(toast\.(show|success|error|info)|(window\.)?(alert|confirm|prompt))$/;

/** Words the same in every language (brand names), allowed as literals. */
const UNTRANSLATABLE = new Set(["Zenith", "OpenStack"]);

const LETTER = /\p{L}/u;

function hasText(text: string): boolean {
  const trimmed = text.trim();
  return LETTER.test(trimmed) && !UNTRANSLATABLE.has(trimmed);
}

/** The literal text pieces of an expression (not inside calls). */
function literalsOf(node: ts.Node): { node: ts.Node; text: string }[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
    return hasText(node.text) ? [{ node, text: node.text }] : [];
  }
  if (ts.isTemplateExpression(node)) {
    const parts = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)];
    const text = parts.join("…");
    return parts.some(hasText) ? [{ node, text }] : [];
  }
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) {
    return literalsOf(node.expression);
  }
  if (ts.isConditionalExpression(node)) return [...literalsOf(node.whenTrue), ...literalsOf(node.whenFalse)];
  if (ts.isBinaryExpression(node)) {
    const op = node.operatorToken.kind;
    if (
      op === ts.SyntaxKind.QuestionQuestionToken ||
      op === ts.SyntaxKind.BarBarToken ||
      op === ts.SyntaxKind.AmpersandAmpersandToken ||
      op === ts.SyntaxKind.PlusToken
    ) {
      return [...literalsOf(node.left), ...literalsOf(node.right)];
    }
  }
  if (ts.isJsxExpression(node) && node.expression) return literalsOf(node.expression);
  return [];
}

function nameOf(name: ts.Node): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  if (ts.isJsxNamespacedName(name)) return `${name.namespace.text}:${name.name.text}`;
  return undefined;
}

function calleeName(expr: ts.Expression): string | undefined {
  if (ts.isIdentifier(expr)) return expr.text;
  if (ts.isPropertyAccessExpression(expr)) {
    const left = calleeName(expr.expression);
    return left ? `${left}.${expr.name.text}` : undefined;
  }
  return undefined;
}

export function scanSource(file: string, source: string): Finding[] {
  const kind = file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, kind);
  const lines = source.split("\n");
  const findings: Finding[] = [];
  const ignored = (line: number) =>
    (lines[line - 1] ?? "").includes("i18n-ignore") || (lines[line - 2] ?? "").includes("i18n-ignore");
  const report = (node: ts.Node, text: string, where: string) => {
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    if (!ignored(line)) findings.push({ file, line, text: text.trim().replace(/\s+/g, " "), where });
  };

  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) {
      if (hasText(node.text)) report(node, node.text, "jsx-text");
    } else if (
      ts.isJsxExpression(node) &&
      node.parent &&
      (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))
    ) {
      for (const hit of literalsOf(node)) report(hit.node, hit.text, "jsx-child");
    } else if (ts.isJsxAttribute(node)) {
      const name = nameOf(node.name);
      if (name && TEXT_NAME.test(name) && node.initializer) {
        for (const hit of literalsOf(node.initializer)) report(hit.node, hit.text, `prop:${name}`);
      }
    } else if (ts.isPropertyAssignment(node)) {
      const name = nameOf(node.name);
      if (name && TEXT_NAME.test(name)) {
        for (const hit of literalsOf(node.initializer)) report(hit.node, hit.text, `property:${name}`);
      }
    } else if (ts.isCallExpression(node)) {
      const callee = calleeName(node.expression);
      const first = node.arguments[0];
      if (callee && first && MESSAGE_CALLS.test(callee)) {
        for (const hit of literalsOf(first)) report(hit.node, hit.text, `call:${callee}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return findings;
}
