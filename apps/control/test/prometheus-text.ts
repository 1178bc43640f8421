/**
 * A strict reader of the Prometheus text exposition format (0.0.4), for
 * tests: every line must be a HELP, a TYPE or a sample, so a malformed
 * exposition fails the test instead of passing a string search.
 */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Exposition {
  /** Metric family name → counter, gauge, histogram, summary or untyped. */
  types: Map<string, string>;
  help: Map<string, string>;
  samples: Sample[];
}

const NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
const SAMPLE = new RegExp(`^(${NAME})(?:\\{(.*)\\})? (\\S+)(?: (-?\\d+))?$`);
const LABEL = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)",?/;

export function parseExposition(text: string): Exposition {
  const out: Exposition = { types: new Map(), help: new Map(), samples: [] };
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const help = new RegExp(`^# HELP (${NAME}) (.*)$`).exec(line);
    if (help?.[1] !== undefined) {
      out.help.set(help[1], help[2] ?? "");
      continue;
    }
    const type = new RegExp(`^# TYPE (${NAME}) (counter|gauge|histogram|summary|untyped)$`).exec(line);
    if (type?.[1] !== undefined && type[2] !== undefined) {
      out.types.set(type[1], type[2]);
      continue;
    }
    const m = SAMPLE.exec(line);
    if (!m?.[1] || m[3] === undefined) throw new Error(`not Prometheus text: ${JSON.stringify(line)}`);
    out.samples.push({ name: m[1], labels: parseLabels(m[2] ?? "", line), value: parseValue(m[3], line) });
  }
  return out;
}

function parseLabels(body: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  let rest = body;
  while (rest !== "") {
    const m = LABEL.exec(rest);
    if (!m?.[1] || m[2] === undefined) throw new Error(`bad labels in ${JSON.stringify(line)}`);
    labels[m[1]] = m[2].replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c));
    rest = rest.slice(m[0].length);
  }
  return labels;
}

function parseValue(text: string, line: string): number {
  // Go's ParseFloat, which Prometheus uses, takes these in any case (prom-client writes "Nan").
  if (/^\+?inf$/i.test(text)) return Number.POSITIVE_INFINITY;
  if (/^-inf$/i.test(text)) return Number.NEGATIVE_INFINITY;
  if (/^nan$/i.test(text)) return Number.NaN;
  const value = Number(text);
  if (Number.isNaN(value)) throw new Error(`bad value in ${JSON.stringify(line)}`);
  return value;
}

/** The samples of `name` whose labels include every one of `labels`. */
export function samplesOf(exp: Exposition, name: string, labels: Record<string, string> = {}): Sample[] {
  return exp.samples.filter(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
}

/** The one sample of `name` with exactly these labels' values, or undefined. */
export function sampleValue(
  exp: Exposition,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const found = samplesOf(exp, name, labels);
  if (found.length > 1) throw new Error(`${name} ${JSON.stringify(labels)} matches ${found.length} samples`);
  return found[0]?.value;
}
