/**
 * Gnocchi's aggregation operations, the subset this cloud serves:
 *   (metric <ref> <agg>)                    one series
 *   (metric (<ref> <agg>) (<ref> <agg>) …)  several (a batch read)
 *   (aggregate <agg> <operation>)           one series across them
 * A ref is a metric id, or a metric name when resources are searched.
 * Parsed from the string form with bounds on length and depth.
 */
import { ZenithError } from "@zenith/core/errors";
import { type AggregationMethod, isAggregationMethod } from "./archive-policy.ts";

export type Operation =
  | { op: "metric"; refs: Array<{ ref: string; aggregation: AggregationMethod }> }
  | { op: "aggregate"; method: "mean" | "min" | "max" | "sum" | "count"; of: Operation };

type Node = string | Node[];

const MAX_LENGTH = 8_192;
const MAX_DEPTH = 8;
const MAX_REFS = 500;

function invalid(detail: string): ZenithError {
  return ZenithError.badRequest(`Invalid operations: ${detail}`);
}

/** `(a (b c) d)` → ["a", ["b", "c"], "d"]. */
export function parseSexp(text: string): Node {
  if (text.length > MAX_LENGTH) throw invalid("too long");
  const tokens = text.match(/[()]|[^\s()]+/g) ?? [];
  let pos = 0;
  const read = (depth: number): Node => {
    if (depth > MAX_DEPTH) throw invalid("nested too deep");
    const token = tokens[pos++];
    if (token === undefined) throw invalid("unexpected end");
    if (token === ")") throw invalid("unexpected )");
    if (token !== "(") return token.replace(/^"(.*)"$/, "$1");
    const list: Node[] = [];
    while (tokens[pos] !== ")") {
      if (pos >= tokens.length) throw invalid("missing )");
      list.push(read(depth + 1));
    }
    pos++;
    return list;
  };
  const node = read(0);
  if (pos !== tokens.length) throw invalid("trailing input");
  return node;
}

function method(value: Node | undefined): AggregationMethod {
  if (typeof value !== "string" || !isAggregationMethod(value)) {
    throw invalid(`unknown aggregation method ${JSON.stringify(value)}`);
  }
  return value;
}

function toOperation(node: Node): Operation {
  if (!Array.isArray(node) || node.length < 2) throw invalid("an operation is a list with arguments");
  const [head, ...args] = node;
  if (head === "metric") {
    const first = args[0];
    if (typeof first === "string") {
      if (args.length !== 2) throw invalid("(metric <ref> <aggregation>)");
      return { op: "metric", refs: [{ ref: first, aggregation: method(args[1]) }] };
    }
    // Both `(metric ((a mean) (b mean)))` and `(metric (a mean) (b mean))` are Gnocchi's.
    const pairs = args.length === 1 && Array.isArray(first) && Array.isArray(first[0]) ? first : args;
    if (pairs.length === 0 || pairs.length > MAX_REFS) throw invalid("(metric (<ref> <aggregation>) …)");
    return {
      op: "metric",
      refs: pairs.map((p) => {
        if (!Array.isArray(p) || p.length !== 2 || typeof p[0] !== "string")
          throw invalid("(<ref> <aggregation>)");
        return { ref: p[0], aggregation: method(p[1]) };
      }),
    };
  }
  if (head === "aggregate") {
    const m = args[0];
    if (args.length !== 2 || (m !== "mean" && m !== "min" && m !== "max" && m !== "sum" && m !== "count")) {
      throw invalid("(aggregate <mean|min|max|sum|count> <operation>)");
    }
    const of = args[1];
    if (of === undefined) throw invalid("(aggregate <method> <operation>)");
    return { op: "aggregate", method: m, of: toOperation(of) };
  }
  throw invalid(`operation ${JSON.stringify(head)} is not supported (metric and aggregate are)`);
}

export function parseOperations(input: unknown): Operation {
  if (typeof input === "string") return toOperation(parseSexp(input));
  if (Array.isArray(input)) return toOperation(input as Node);
  throw invalid("expected a string or a list");
}

/** Every (ref, aggregation) the operation reads. */
export function referencesOf(op: Operation): Array<{ ref: string; aggregation: AggregationMethod }> {
  return op.op === "metric" ? op.refs : referencesOf(op.of);
}
