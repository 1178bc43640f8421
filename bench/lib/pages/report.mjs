// The page-speed bench's figures: p50/p90 per page and measure, the ratio
// to Horizon, and the Markdown table for docs/benchmarks.md. The aims are
// shown beside the figures; nothing here passes or fails on timing.
import { percentile } from "../stats.mjs";

export const AIMS = { typedMs: 80, clickMs: 25, ratio: 10 };

const sorted = (values) => [...values].sort((a, b) => a - b);
const round = (v) => (v === null || Number.isNaN(v) ? null : Math.round(v));

function figures(values) {
  if (!values || values.length === 0) return null;
  const s = sorted(values);
  return { p50: round(percentile(s, 50)), p90: round(percentile(s, 90)), n: s.length };
}

/** Median of each phase of the typed loads (ms from navigation start), or null without them. */
function phaseMedians(phases) {
  if (!phases || phases.length === 0) return null;
  const median = (name) => {
    const values = phases.map((p) => p[name]).filter((v) => v !== null);
    return values.length === 0 ? null : round(percentile(sorted(values), 50));
  };
  return {
    firstByte: median("firstByte"),
    lastByte: median("lastByte"),
    scripts: median("scripts"),
    htmlBytes: median("htmlBytes"),
  };
}

/** One row per Zenith page: its figures, Horizon's (or why there are none) and the p50 ratios. */
export function summarise(targets, zenith, horizon, horizonPaths) {
  return targets.map((t) => {
    const z = zenith?.[t.key];
    const h = horizon?.[t.key];
    const row = {
      key: t.key,
      path: t.path,
      kind: t.kind,
      zenith: {
        typed: figures(z?.typed),
        click: figures(z?.click),
        error: z?.error ?? null,
        clickError: z?.clickError ?? null,
        alerts: z?.alerts ?? null,
        phases: phaseMedians(z?.phases),
      },
      horizonPath: horizonPaths[t.key] ?? null,
      horizon: h
        ? {
            typed: figures(h.typed),
            click: figures(h.click),
            error: h.error ?? null,
            clickError: h.clickError ?? null,
          }
        : null,
    };
    const ratio = (a, b) => (a && b && a.p50 > 0 ? Number((b.p50 / a.p50).toFixed(1)) : null);
    row.ratio = {
      typed: ratio(row.zenith.typed, row.horizon?.typed),
      click: ratio(row.zenith.click, row.horizon?.click),
    };
    return row;
  });
}

const cell = (f, error) => {
  if (f) return `${f.p50} / ${f.p90}`;
  if (error) return `failed: ${error.replace(/\|/g, "/").slice(0, 120)}`;
  return "–";
};
const mark = (f, aim) => (f && f.p50 <= aim ? " ✓" : "");
const times = (v) => (v === null ? "–" : `${v}×`);

/** The Markdown table (with the run's conditions) for docs/benchmarks.md. */
export function formatTable(r) {
  const lines = [
    `Measured ${r.date.slice(0, 16).replace("T", " ")} UTC at commit \`${r.commit ?? "?"}\` on ${r.machine}; Chromium ${r.browser ?? "?"} headless, viewport 1440×900; production portal build, control plane on ${r.database ?? "PGlite"}, 2 fake compute hosts. ${r.instances} instances in the project (seeded in ${r.seedS?.toFixed(0) ?? "?"} s). ${r.runs - 1} counted runs per page and measure after one warm-up. 1-minute load average: ${r.load.start} at start, ${r.load.seeded ?? "?"} after seeding, ${r.load.zenith ?? "?"} after Zenith's runs, ${r.load.horizon ?? "–"} after Horizon's (a shared machine: compare the columns with each other, not with another run).`,
    "",
    `Aims (stated, not asserted): typed URL under ${AIMS.typedMs} ms, click under ${AIMS.clickMs} ms, every page at least ${AIMS.ratio}× faster than Horizon's. ✓ marks a Zenith p50 within its aim. Figures in ms, p50 / p90.`,
    "",
    "| Page | Zenith typed | Zenith click | Horizon page | Horizon typed | Horizon click | Horizon ÷ Zenith (typed, click) |",
    "| --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const row of r.rows ?? []) {
    const z = row.zenith;
    const h = row.horizon;
    lines.push(
      `| ${row.key} | ${cell(z.typed, z.error)}${mark(z.typed, AIMS.typedMs)} | ${cell(z.click, z.clickError)}${mark(z.click, AIMS.clickMs)} | ${row.horizonPath ? `\`${row.horizonPath.replace(/[0-9a-f-]{36}/, "<id>")}\`` : "none"} | ${h ? cell(h.typed, h.error) : "–"} | ${h ? cell(h.click, h.clickError) : "–"} | ${times(row.ratio.typed)}, ${times(row.ratio.click)} |`,
    );
  }
  const withPhases = (r.rows ?? []).filter((row) => row.zenith.phases && row.zenith.typed);
  if (withPhases.length > 0) {
    lines.push(
      "",
      "Where Zenith's typed URLs spend their time (p50, ms from navigation start): the server's first byte of the document, its last byte (the streamed rows included), the document's scripts run (DOMContentLoaded), and usable (hydrated); the document's size (HTML with its RSC payload, decoded, KB). – where no counted load had got there when the page was usable (the server was still streaming).",
      "",
      "| Page | first byte | last byte | scripts run | usable | HTML KB |",
      "| --- | --- | --- | --- | --- | --- |",
    );
    const ms = (v) => (v === null ? "–" : String(v));
    const kb = (v) => (v === null || v === undefined ? "–" : String(Math.round(v / 1024)));
    for (const row of withPhases) {
      const p = row.zenith.phases;
      lines.push(
        `| ${row.key} | ${ms(p.firstByte)} | ${ms(p.lastByte)} | ${ms(p.scripts)} | ${row.zenith.typed.p50} | ${kb(p.htmlBytes)} |`,
      );
    }
  }
  const notes = (r.rows ?? []).flatMap((row) => [
    ...(row.zenith.alerts ? [`- Zenith ${row.key} showed: ${row.zenith.alerts}`] : []),
    ...(row.horizon?.alerts ? [`- Horizon ${row.key} showed: ${row.horizon.alerts}`] : []),
  ]);
  if (notes.length > 0)
    lines.push("", "Errors shown beside the content (the page still counted as usable):", "", ...notes);
  return lines.join("\n");
}
