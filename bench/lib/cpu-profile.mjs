// A CPU profile of one page load through the Chrome DevTools Protocol, for
// finding where the topology's first render spends its time
// (BENCH_PROFILE=<file>.cpuprofile; open the file in Chromium's DevTools).
import { writeFileSync } from "node:fs";

/** Profiles `action` on `page`; writes the profile to `file` and returns the top functions by self time. */
export async function profile(page, file, action, top = 25) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await cdp.send("Profiler.start");
  await action();
  const { profile: prof } = await cdp.send("Profiler.stop");
  await cdp.detach();
  writeFileSync(file, JSON.stringify(prof));
  // Self time per function: each sample counts for the node it landed in.
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map();
  for (let i = 0; i < prof.samples.length; i++) {
    const node = byId.get(prof.samples[i]);
    const f = node?.callFrame;
    if (!f) continue;
    const file = f.url.split("/").at(-1) || "(native)";
    const key = `${f.functionName || "(anonymous)"} ${file}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (prof.timeDeltas[i] ?? 0) / 1000);
  }
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([key, ms]) => `${ms.toFixed(0).padStart(6)} ms  ${key}`);
}
