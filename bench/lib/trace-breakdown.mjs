// Splits a window of a Chromium trace's renderer main thread into what ran
// there, by trace event name and self time (an event's time minus the
// events nested in it), and the time the thread was idle (no task ran:
// waiting for the server, the network or a timer).

/** `RunTask` is the scheduler's task: its self time is the browser's own work between the named events. */
const NAMES = { RunTask: "other (the browser's own task work)" };

/**
 * `events`: the trace's `traceEvents`; the window starts at the last
 * `navigationStart` and lasts `windowMs`. Returns [name, ms] pairs, "idle"
 * among them.
 */
export function mainThreadBreakdown(events, windowMs) {
  const starts = events.filter((e) => e.name === "navigationStart" && e.ph !== "M");
  const nav = starts.at(-1);
  if (!nav) throw new Error("the trace has no navigationStart");
  const from = nav.ts;
  const to = from + windowMs * 1000;
  // The complete events of the navigating document's main thread inside the window, outermost first.
  const spans = events
    .filter((e) => e.pid === nav.pid && e.tid === nav.tid && e.ph === "X" && e.dur > 0)
    .map((e) => ({ name: e.name, start: Math.max(e.ts, from), end: Math.min(e.ts + e.dur, to) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const self = new Map();
  const add = (name, us) => self.set(name, (self.get(name) ?? 0) + us / 1000);
  const stack = [];
  let busy = 0;
  for (const span of spans) {
    while (stack.length > 0 && (stack.at(-1)?.end ?? 0) <= span.start) stack.pop();
    const parent = stack.at(-1);
    // An event nested in another takes its time out of its parent's self time.
    if (parent) add(NAMES[parent.name] ?? parent.name, -(span.end - span.start));
    else busy += span.end - span.start;
    add(NAMES[span.name] ?? span.name, span.end - span.start);
    stack.push(span);
  }
  add("idle (waiting: server, network, timers)", to - from - busy);
  return [...self];
}

/**
 * The JavaScript the trace's sampling profiler (category
 * `disabled-by-default-v8.cpu_profiler`) saw in the navigating document's
 * renderer after its last `navigationStart`, by script file and by function:
 * self time in ms, the largest first.
 */
export function scriptSamples(events, windowMs) {
  const nav = events.filter((e) => e.name === "navigationStart" && e.ph !== "M").at(-1);
  if (!nav) throw new Error("the trace has no navigationStart");
  const nodes = new Map();
  const byFile = new Map();
  const byFunction = new Map();
  const profiles = new Map(); // profile id → the time of its next sample (µs, trace clock)
  for (const e of events) {
    if (e.pid !== nav.pid) continue;
    if (e.name === "Profile") profiles.set(e.id, e.args.data.startTime);
    if (e.name !== "ProfileChunk") continue;
    const cpu = e.args.data.cpuProfile ?? {};
    for (const n of cpu.nodes ?? []) nodes.set(`${e.id}:${n.id}`, n.callFrame);
    const deltas = e.args.data.timeDeltas ?? [];
    let at = profiles.get(e.id) ?? 0;
    (cpu.samples ?? []).forEach((id, i) => {
      at += deltas[i] ?? 0;
      const next = at + (deltas[i + 1] ?? 0);
      if (at < nav.ts || at > nav.ts + windowMs * 1000) return;
      const frame = nodes.get(`${e.id}:${id}`);
      if (!frame) return;
      const ms = Math.max(0, next - at) / 1000;
      const file = frame.url ? frame.url.split("/").at(-1) : `(${frame.functionName || "native"})`;
      byFile.set(file, (byFile.get(file) ?? 0) + ms);
      const fn = `${frame.functionName || "(anonymous)"} ${file}:${(frame.lineNumber ?? 0) + 1}`;
      byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
    });
    profiles.set(e.id, at);
  }
  const top = (m) => [...m].sort((a, b) => b[1] - a[1]);
  return { byFile: top(byFile), byFunction: top(byFunction) };
}
