// What the topology UI bench runs inside the page. Times are epoch
// milliseconds (performance.timeOrigin + performance.now()), so the bench
// process (Node's performance clock has the same basis) can compare them
// with when it sent a request.

/**
 * Installed before any page script (context.addInitScript): notes when the
 * diagram first marks itself ready (`data-topology-ready`, set by
 * TopologyCanvas once React Flow has fitted its first viewport) and the
 * first frame after that, and timestamps every server-sent event the
 * portal receives (the topology stream's deltas) with its data.
 */
export function installProbes() {
  const now = () => performance.timeOrigin + performance.now();
  const bench = { readyAt: null, readyFrameAt: null, events: [] };
  window.__bench = bench;

  const Native = window.EventSource;
  if (Native) {
    window.EventSource = class extends Native {
      constructor(...args) {
        super(...args);
        // Capture phase of the object itself: runs before tRPC's own listener parses the data.
        this.addEventListener("message", (event) => {
          bench.events.push({ at: now(), data: String(event.data) });
          if (bench.events.length > 500) bench.events.shift();
        });
      }
    };
  }

  const watchReady = () => {
    const observer = new MutationObserver(() => {
      if (bench.readyAt !== null) return;
      if (!document.querySelector('[data-topology-ready="true"]')) return;
      bench.readyAt = now();
      observer.disconnect();
      requestAnimationFrame(() => {
        bench.readyFrameAt = now();
      });
    });
    observer.observe(document.documentElement, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ["data-topology-ready"],
    });
  };
  if (document.documentElement) watchReady();
  else document.addEventListener("readystatechange", watchReady, { once: true });
}

/**
 * Arms a watch on React Flow's viewport: resolves `window.__bench.answered`
 * with the time of the first frame after its transform changes (the pane
 * has answered the input the bench sends next) and when that input came.
 */
export function armViewportAnswer() {
  const now = () => performance.timeOrigin + performance.now();
  const viewport = document.querySelector(".react-flow__viewport");
  if (!viewport) throw new Error("no React Flow viewport on the page");
  const before = viewport.getAttribute("style");
  // When the browser received the wheel (event.timeStamp is on the page's clock): input → answer is
  // the diagram's latency, without the bench's own round trips to the browser.
  let inputAt = null;
  window.addEventListener(
    "wheel",
    (event) => {
      inputAt = performance.timeOrigin + event.timeStamp;
    },
    { capture: true, once: true, passive: true },
  );
  window.__bench.answered = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (viewport.getAttribute("style") === before) return;
      observer.disconnect();
      requestAnimationFrame(() => resolve({ at: now(), inputAt }));
    });
    observer.observe(viewport, { attributes: true, attributeFilter: ["style"] });
  });
}

/** The navigation's and the first render's milestones, in ms since navigation start. */
export function loadMilestones() {
  const b = window.__bench;
  const origin = performance.timeOrigin;
  const nav = performance.getEntriesByType("navigation")[0];
  const topology = performance
    .getEntriesByType("resource")
    .filter((e) => e.name.includes("network.topology") && !e.name.includes("topologyUpdates"))
    .at(0);
  const layout = performance.getEntriesByName("topology-layout").at(0);
  return {
    responseEnd: nav?.responseEnd ?? null,
    domContentLoaded: nav?.domContentLoadedEventEnd ?? null,
    topologyRequestStart: topology?.requestStart ?? topology?.startTime ?? null,
    topologyResponseEnd: topology?.responseEnd ?? null,
    layoutMs: layout?.duration ?? null,
    ready: b.readyAt === null ? null : b.readyAt - origin,
    readyFrame: b.readyFrameAt === null ? null : b.readyFrameAt - origin,
    nodesInDom: document.querySelectorAll(".react-flow__node").length,
    nodesInGraph: Number(
      document.querySelector("[data-topology-nodes]")?.getAttribute("data-topology-nodes"),
    ),
  };
}

/** Starts recording requestAnimationFrame timestamps (ms, page clock) into window.__bench.frames. */
export function startFrames() {
  const frames = [];
  window.__bench.frames = frames;
  window.__bench.recording = true;
  const tick = (t) => {
    frames.push(t);
    if (window.__bench.recording) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** Stops the frame recording; returns the timestamps and how many nodes were in the DOM at the end. */
export function stopFrames() {
  window.__bench.recording = false;
  return { frames: window.__bench.frames, nodesInDom: document.querySelectorAll(".react-flow__node").length };
}

/**
 * Arms a watch for a node whose text contains `name`: resolves
 * `window.__bench.nodeSeen[name]` with the epoch time of the first frame
 * after React Flow put it into the DOM.
 */
export function armNodeWatch(name) {
  const now = () => performance.timeOrigin + performance.now();
  const container = document.querySelector(".react-flow__nodes");
  if (!container) throw new Error("no React Flow nodes container on the page");
  window.__bench.nodeSeen ??= {};
  window.__bench.nodeSeen[name] = new Promise((resolve) => {
    const observer = new MutationObserver((records) => {
      for (const record of records) {
        for (const added of record.addedNodes) {
          // The node's label names it at every zoom (zoomed out, nodes draw without their text).
          if (!(added instanceof HTMLElement)) continue;
          const label = `${added.getAttribute("aria-label") ?? ""} ${added.textContent ?? ""}`;
          if (!label.includes(name)) continue;
          observer.disconnect();
          requestAnimationFrame(() => resolve(now()));
          return;
        }
      }
    });
    observer.observe(container, { childList: true, subtree: true });
  });
}

/** When the first server-sent event after `since` that mentions `name` arrived (epoch ms), or null. */
export function eventMentioning({ name, since }) {
  const hit = window.__bench.events.find((e) => e.at >= since && e.data.includes(name));
  return hit ? { at: hit.at, bytes: hit.data.length } : null;
}

/** Launches one instance through the portal's BFF (as the launch wizard does); returns when it was sent. */
export async function launchThroughBff({ name, imageId, flavorId, networkId }) {
  const sentAt = performance.timeOrigin + performance.now();
  const res = await fetch("/api/trpc/compute.instances.launch", {
    method: "POST",
    headers: { "content-type": "application/json", "x-zenith-csrf": "1" },
    credentials: "same-origin",
    body: JSON.stringify({ name, imageId, flavorId, networks: [{ networkId }] }),
  });
  if (!res.ok) throw new Error(`compute.instances.launch: ${res.status} ${await res.text()}`);
  return sentAt;
}

/** `n` sequential `network.topology` reads through the portal's proxy; returns the durations (ms), sorted. */
export async function timeTopologyReads(n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await fetch("/api/trpc/network.topology", { credentials: "same-origin" });
    await res.text();
    if (!res.ok) throw new Error(`network.topology: ${res.status}`);
    out.push(performance.now() - t0);
  }
  return out.sort((a, b) => a - b);
}
