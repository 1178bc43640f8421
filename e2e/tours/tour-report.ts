import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The pages a tour leaves in its output folder: `<tour>/index.html` (the
 * video, then each step's caption beside its screenshot) and a top-level
 * `index.html` linking every tour there. Plain HTML with inline CSS and
 * relative paths, so the folder opens from disk, can be zipped or served
 * as is, and reads in light and dark OS themes.
 */

export interface TourStepRecord {
  number: number;
  caption: string;
  /** The screenshot's file name in the tour's folder; null when none could be taken. */
  screenshot: string | null;
  status: "passed" | "failed";
  error?: string;
}

export interface TourRecord {
  name: string;
  title: string;
  summary: string;
  status: "passed" | "failed";
  startedAt: string;
  durationMs: number;
  /** The video's file name in the tour's folder; null when this run recorded none. */
  video: string | null;
  steps: TourStepRecord[];
}

const RECORD_FILE = "tour.json";

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
:root { color-scheme: light dark; --bg: #f7f8fa; --fg: #1a1f26; --muted: #5a6472; --card: #ffffff;
  --border: #d8dde4; --ok: #17733a; --bad: #b42318; --link: #2454c5; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #0f1216; --fg: #e6e9ee; --muted: #a3acb9; --card: #171b21; --border: #2c333d;
    --ok: #5fd38a; --bad: #ff8a80; --link: #7fa4ff; }
}
* { box-sizing: border-box; }
body { margin: 0; padding: 24px; background: var(--bg); color: var(--fg);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
main { max-width: 1200px; margin: 0 auto; }
a { color: var(--link); }
a:focus-visible { outline: 3px solid var(--link); outline-offset: 2px; }
.muted { color: var(--muted); }
.passed { color: var(--ok); font-weight: 600; }
.failed { color: var(--bad); font-weight: 600; }
video, img { max-width: 100%; height: auto; border: 1px solid var(--border); border-radius: 8px; display: block; }
ol.steps { list-style: none; padding: 0; margin: 0; display: grid; gap: 20px; }
ol.steps > li { display: grid; grid-template-columns: minmax(220px, 1fr) 2.4fr; gap: 20px; align-items: start;
  background: var(--card); border: 1px solid var(--border); border-radius: 10px; padding: 16px; }
@media (max-width: 800px) { ol.steps > li { grid-template-columns: 1fr; } }
.step-number { font-size: 14px; color: var(--muted); }
.caption { font-size: 18px; font-weight: 600; margin: 4px 0 8px; }
pre { white-space: pre-wrap; font-size: 13px; color: var(--bad); }
ul.tours { padding-left: 20px; }
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export function tourPage(record: TourRecord): string {
  // The last screenshot shows where the tour ends up: a better still than the video's blank first frame.
  const last = record.steps.findLast((s) => s.screenshot)?.screenshot;
  const poster = last ? ` poster="${escapeHtml(last)}"` : "";
  const video = record.video
    ? `<h2>Video</h2>
<video controls preload="metadata" src="${escapeHtml(record.video)}"${poster} aria-label="Recording of the ${escapeHtml(record.title)}"></video>`
    : `<p class="muted">This run recorded no video (the test run keeps screenshots only; <code>npm run demo</code> records one).</p>`;
  const steps = record.steps
    .map((s) => {
      const shot = s.screenshot
        ? `<a href="${escapeHtml(s.screenshot)}"><img src="${escapeHtml(s.screenshot)}" alt="Screenshot after step ${s.number}: ${escapeHtml(s.caption)}" loading="lazy"></a>`
        : `<p class="muted">No screenshot.</p>`;
      const error = s.error ? `<pre>${escapeHtml(s.error)}</pre>` : "";
      return `<li>
<div><div class="step-number">Step ${s.number}</div>
<p class="caption">${escapeHtml(s.caption)}</p>
<p class="${s.status}">${s.status === "passed" ? "Passed" : "Failed"}</p>${error}</div>
<div>${shot}</div>
</li>`;
    })
    .join("\n");
  return page(
    record.title,
    `<p><a href="../index.html">All tours</a></p>
<h1>${escapeHtml(record.title)}</h1>
<p>${escapeHtml(record.summary)}</p>
<p><span class="${record.status}">${record.status === "passed" ? "Passed" : "Failed"}</span>
<span class="muted">· ${record.steps.length} steps · ${seconds(record.durationMs)} · ${escapeHtml(record.startedAt)}</span></p>
${video}
<h2>Steps</h2>
<ol class="steps">
${steps}
</ol>`,
  );
}

export function indexPage(records: TourRecord[]): string {
  const items = records
    .map(
      (r) =>
        `<li><a href="${escapeHtml(r.name)}/index.html">${escapeHtml(r.title)}</a> — ${escapeHtml(r.summary)}
<span class="${r.status}">${r.status === "passed" ? "Passed" : "Failed"}</span>
<span class="muted">(${r.steps.length} steps, ${seconds(r.durationMs)}, ${escapeHtml(r.startedAt)})</span></li>`,
    )
    .join("\n");
  return page(
    "Zenith demo tours",
    `<h1>Zenith demo tours</h1>
${records.length > 0 ? `<ul class="tours">\n${items}\n</ul>` : `<p class="muted">No tour has run yet.</p>`}`,
  );
}

/** Writes a tour's record and page into its folder. */
export function writeTourReport(dir: string, record: TourRecord): void {
  writeFileSync(join(dir, RECORD_FILE), `${JSON.stringify(record, null, 2)}\n`);
  writeFileSync(join(dir, "index.html"), tourPage(record));
}

/** Rewrites the top-level index from every tour folder's record (tours may run one at a time). */
export function writeIndex(root: string): void {
  const records: TourRecord[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    const file = join(root, entry.name, RECORD_FILE);
    if (!entry.isDirectory() || !existsSync(file)) continue;
    records.push(JSON.parse(readFileSync(file, "utf8")) as TourRecord);
  }
  records.sort((a, b) => a.name.localeCompare(b.name));
  writeFileSync(join(root, "index.html"), indexPage(records));
}
