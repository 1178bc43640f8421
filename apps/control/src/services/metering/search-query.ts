/**
 * Gnocchi's query-string search form (`project_id!=abc and (host=h1 or
 * host=h2)`), which gnocchiclient sends for `--query` and aggregates'
 * search, parsed into the JSON filter search-filter.ts reads. Bounded:
 * the length is capped and the parser recurses only on parentheses
 * (depth-checked by the JSON filter's walker).
 */
import { ZenithError } from "@zenith/core/errors";

const MAX_LENGTH = 4_096;

type Token = { kind: "word" | "string" | "op" | "(" | ")" | "," | "[" | "]"; text: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const re =
    /\s*(?:(==|!=|<=|>=|=|<|>)|(\(|\)|,|\[|\])|'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|([^\s()=!<>,[\]'"]+))/gy;
  let m: RegExpExecArray | null;
  re.lastIndex = 0;
  for (;;) {
    if (/^\s*$/.test(text.slice(re.lastIndex))) break;
    m = re.exec(text);
    if (!m)
      throw ZenithError.badRequest(
        `Invalid filter: cannot read ${JSON.stringify(text.slice(re.lastIndex, re.lastIndex + 20))}`,
      );
    if (m[1]) tokens.push({ kind: "op", text: m[1] });
    else if (m[2]) tokens.push({ kind: m[2] as Token["kind"], text: m[2] });
    else if (m[3] !== undefined) tokens.push({ kind: "string", text: m[3] });
    else if (m[4] !== undefined) tokens.push({ kind: "string", text: m[4] });
    else if (m[5]) tokens.push({ kind: "word", text: m[5] });
  }
  return tokens;
}

const WORD_OPS = new Set(["eq", "ne", "lt", "le", "gt", "ge", "like", "in"]);

/** `a=b and c!=d` → `{"and": [{"=": {"a": "b"}}, {"!=": {"c": "d"}}]}`. */
export function parseSearchQuery(text: string): unknown {
  if (text.length > MAX_LENGTH) throw ZenithError.badRequest("The filter is too large.");
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => {
    const t = tokens[pos++];
    if (!t) throw ZenithError.badRequest("Invalid filter: unexpected end.");
    return t;
  };
  const value = (): unknown => {
    const t = next();
    if (t.kind === "string") return t.text;
    if (t.kind !== "word") throw ZenithError.badRequest(`Invalid filter: unexpected ${t.text}.`);
    if (t.text === "null" || t.text === "None") return null;
    if (/^-?\d+(\.\d+)?$/.test(t.text)) return Number(t.text);
    return t.text;
  };
  const comparison = (): unknown => {
    const t = next();
    if (t.kind === "(") {
      const inner = or();
      if (next().kind !== ")") throw ZenithError.badRequest("Invalid filter: missing ).");
      return inner;
    }
    if (t.kind === "word" && t.text.toLowerCase() === "not") return { not: comparison() };
    if (t.kind !== "word") throw ZenithError.badRequest(`Invalid filter: unexpected ${t.text}.`);
    const op = next();
    const name = op.text.toLowerCase();
    if (op.kind === "op") return { [op.text]: { [t.text]: value() } };
    if (op.kind !== "word" || !WORD_OPS.has(name))
      throw ZenithError.badRequest(`Invalid filter: unknown operator ${op.text}.`);
    if (name !== "in") return { [name]: { [t.text]: value() } };
    const open = next();
    if (open.kind !== "[" && open.kind !== "(")
      throw ZenithError.badRequest("Invalid filter: in takes a list.");
    const list: unknown[] = [];
    while (peek()?.kind !== "]" && peek()?.kind !== ")") {
      list.push(value());
      if (peek()?.kind === ",") pos++;
      if (list.length > 1_000) throw ZenithError.badRequest("The filter is too large.");
    }
    pos++;
    return { in: { [t.text]: list } };
  };
  const and = (): unknown => {
    const parts = [comparison()];
    while (peek()?.kind === "word" && peek()?.text.toLowerCase() === "and") {
      pos++;
      parts.push(comparison());
    }
    return parts.length === 1 ? parts[0] : { and: parts };
  };
  const or = (): unknown => {
    const parts = [and()];
    while (peek()?.kind === "word" && peek()?.text.toLowerCase() === "or") {
      pos++;
      parts.push(and());
    }
    return parts.length === 1 ? parts[0] : { or: parts };
  };
  const filter = or();
  if (pos !== tokens.length) throw ZenithError.badRequest(`Invalid filter: unexpected ${tokens[pos]?.text}.`);
  return filter;
}
