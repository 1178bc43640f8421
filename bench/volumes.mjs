// Benchmark: block storage on real parts. The control plane (PGlite on
// disk), one compute agent on the qemu driver and one volume agent on the
// file driver (qcow2 files, NBD exports with TLS-PSK) run as separate
// processes on loopback, as `npm start` runs them. Measures:
//   1. 100 volumes of 1 GiB created at once: time until each, and all, are
//      available;
//   2. attach/detach round trips on a running zenith-tiny guest through
//      Nova's os-volume_attachments: request → volume in-use (the export is
//      up and the guest has the disk) → detach → available;
//   3. sequential read and write throughput inside the guest (dd, 1 MiB
//      blocks, caches dropped, writes fsynced) on the NBD volume and on the
//      guest's own root disk, in the same run.
// Writes the figures into docs/benchmarks.md. Not part of `npm test`;
// skipped when QEMU or qemu-storage-daemon is not installed.
import { rmSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { stopServices } from "../scripts/lib/processes.mjs";
import { writeDocSection } from "./lib/doc-section.mjs";
import {
  deleteAndWait,
  launch,
  qemuMissing,
  qemuVersionString,
  quantile,
  sleep,
  startQemuCloud,
} from "./lib/qemu-cloud.mjs";

const VOLUMES = Number(process.env.BENCH_VOLUMES ?? 100);
const ROUND_TRIPS = Number(process.env.BENCH_VOLUME_ROUND_TRIPS ?? 20);
const DD_MIB = Number(process.env.BENCH_VOLUME_DD_MIB ?? 64);
const WAIT_MS = 300_000;

const missing = qemuMissing(["qemu-system-x86_64", "qemu-img", "qemu-storage-daemon"]);
if (missing) {
  process.stdout.write(`SKIP: ${missing}\n`);
  process.exit(0);
}

const children = [];
const servers = new Set();
const results = { load: [loadavg()[0]] };
let cloud;

const cinder = (method, path, body, version = "volume 3.60") =>
  cloud.api(method, `/volume/v3/${cloud.projectId}${path}`, body, version);

/** Polls every volume named until each reaches `status`; resolves with when each was first seen there. */
async function whenStatus(ids, status) {
  const seen = new Map();
  const deadline = Date.now() + WAIT_MS;
  while (seen.size < ids.length) {
    const { volumes } = await cinder("GET", "/volumes/detail?limit=1000");
    const now = performance.now();
    for (const v of volumes) {
      if (v.status === "error") throw new Error(`volume ${v.id} went to error`);
      if (v.status === status && ids.includes(v.id) && !seen.has(v.id)) seen.set(v.id, now);
    }
    if (Date.now() > deadline) throw new Error(`${ids.length - seen.size} volumes not ${status} in time`);
    if (seen.size < ids.length) await sleep(100);
  }
  return ids.map((id) => seen.get(id));
}

/** Runs a shell command in the guest through its serial console; resolves with its output and the host-side time. */
async function inGuest(guest, command, timeoutMs = 120_000) {
  const word = Math.random().toString(36).slice(2, 10);
  const from = guest.console.mark();
  const t0 = performance.now();
  guest.console.send(`echo "begin-$((1))-${word}"; ${command}; echo "end-$((1))-${word}"\r`);
  const t1 = await guest.console.waitFor((s) => s.includes(`end-1-${word}`), timeoutMs, from);
  const text = guest.console.since(from);
  const begin = `begin-1-${word}`;
  const out = text.slice(text.indexOf(begin) + begin.length, text.lastIndexOf(`end-1-${word}`));
  return { out: out.replaceAll("\r", "").trim(), seconds: (t1 - t0) / 1000 };
}

/** MB/s of a dd that moved `mib` MiB, from dd's own "N seconds" when it says, else the host-side time. */
function rate(run, mib) {
  const m = /([0-9.]+) seconds/.exec(run.out);
  const seconds = m ? Number(m[1]) : run.seconds;
  return { mibPerS: mib / seconds, seconds, source: m ? "dd" : "console" };
}

try {
  cloud = await startQemuCloud({ children, volumes: true, label: "bvol" });
  await cinder("PUT", `/os-quota-sets/${cloud.projectId}`, {
    quota_set: { volumes: -1, gigabytes: -1, snapshots: -1 },
  });
  for (let i = 0; ; i++) {
    const { services } = await cinder("GET", "/os-services");
    if (services.some((s) => s.binary === "cinder-volume" && s.state === "up")) break;
    if (i > 600) throw new Error("the volume host did not come up");
    await sleep(100);
  }
  const pools = await cinder("GET", "/scheduler-stats/get_pools?detail=true");
  results.freeGb = pools.pools[0]?.capabilities?.free_capacity_gb;

  // 1. 100 volumes at once.
  const t0 = performance.now();
  const created = await Promise.all(
    Array.from({ length: VOLUMES }, (_, i) =>
      cinder("POST", "/volumes", { volume: { size: 1, name: `bv-${cloud.suffix}-${i}` } }),
    ),
  );
  const tAccepted = performance.now();
  const ids = created.map((c) => c.volume.id);
  const ready = await whenStatus(ids, "available");
  results.create = {
    accepted: (tAccepted - t0) / 1000,
    each: ready.map((t) => (t - t0) / 1000),
    all: (Math.max(...ready) - t0) / 1000,
  };
  process.stdout.write(
    `${VOLUMES} volumes: accepted in ${results.create.accepted.toFixed(2)} s, all available in ${results.create.all.toFixed(2)} s\n`,
  );
  results.load.push(loadavg()[0]);
  await Promise.all(ids.map((id) => cinder("DELETE", `/volumes/${id}`)));

  // 2. Attach/detach round trips on a running guest.
  const guest = await launch(cloud, `vb${cloud.suffix}`, (id) => servers.add(id));
  const volume = (await cinder("POST", "/volumes", { volume: { size: 1, name: "bench-data" } })).volume.id;
  await whenStatus([volume], "available");
  results.attach = [];
  results.detach = [];
  for (let i = 0; i < ROUND_TRIPS; i++) {
    const a0 = performance.now();
    await cloud.api("POST", `/compute/v2.1/servers/${guest.id}/os-volume_attachments`, {
      volumeAttachment: { volumeId: volume },
    });
    const [a1] = await whenStatus([volume], "in-use");
    await cloud.api("DELETE", `/compute/v2.1/servers/${guest.id}/os-volume_attachments/${volume}`);
    const [d1] = await whenStatus([volume], "available");
    results.attach.push((a1 - a0) / 1000);
    results.detach.push((d1 - a1) / 1000);
    process.stdout.write(
      `round trip ${i + 1}/${ROUND_TRIPS}: attach ${results.attach.at(-1).toFixed(2)} s, detach ${results.detach.at(-1).toFixed(2)} s\n`,
    );
  }
  results.load.push(loadavg()[0]);

  // 3. Throughput inside the guest: the volume over NBD, and the root disk.
  await cloud.api("POST", `/compute/v2.1/servers/${guest.id}/os-volume_attachments`, {
    volumeAttachment: { volumeId: volume },
  });
  await whenStatus([volume], "in-use");
  const seen = await inGuest(guest, "cat /sys/block/vdb/size");
  if (!/^\d+$/m.test(seen.out)) throw new Error(`the guest has no /dev/vdb: ${seen.out}`);
  const drop = "sync; echo 3 > /proc/sys/vm/drop_caches";
  const dd = (args) => `${drop}; dd ${args} bs=1M count=${DD_MIB} 2>&1 | tail -1`;
  results.volumeWrite = rate(await inGuest(guest, dd("if=/dev/zero of=/dev/vdb conv=fsync")), DD_MIB);
  results.volumeRead = rate(await inGuest(guest, dd("if=/dev/vdb of=/dev/null")), DD_MIB);
  const rootSectors = Number((await inGuest(guest, "cat /sys/block/vda/size")).out.match(/\d+/)?.[0] ?? 0);
  const rootMib = Math.min(DD_MIB, Math.floor((rootSectors * 512) / 1024 / 1024));
  const ddRoot = (args) => `${drop}; dd ${args} bs=1M count=${rootMib} 2>&1 | tail -1`;
  results.rootRead = rate(await inGuest(guest, ddRoot("if=/dev/vda of=/dev/null")), rootMib);
  results.rootWrite = rate(
    await inGuest(guest, `${ddRoot("if=/dev/zero of=/tmp/bench.bin conv=fsync")}; rm -f /tmp/bench.bin`),
    rootMib,
  );
  results.rootMib = rootMib;
  results.load.push(loadavg()[0]);
  guest.console.close();
  await cloud.api("DELETE", `/compute/v2.1/servers/${guest.id}/os-volume_attachments/${volume}`);
  await whenStatus([volume], "available");
  await deleteAndWait(cloud.api, [...servers]);
  servers.clear();
} finally {
  if (cloud && servers.size > 0) await deleteAndWait(cloud.api, [...servers]).catch(() => {});
  await stopServices(children);
  if (cloud) rmSync(cloud.dataDir, { recursive: true, force: true });
}

const s = (v) => v.toFixed(2);
const mbps = (r) => `${r.mibPerS.toFixed(1)} MiB/s`;
const table = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} vCPU (${cpus()[0]?.model ?? "?"}), QEMU ${qemuVersionString()}, load average ${results.load.map((l) => l.toFixed(1)).join(" → ")}; the volume host's storage folder on the data disk (${results.freeGb ?? "?"} GiB free).`,
  "",
  "| Measure | Figure |",
  "| --- | --- |",
  `| ${VOLUMES} volumes of 1 GiB created at once (empty qcow2) | all accepted in ${s(results.create.accepted)} s; available: p50 ${s(quantile(results.create.each, 0.5))} s, p99 ${s(quantile(results.create.each, 0.99))} s, all ${s(results.create.all)} s |`,
  `| attach to a running guest (API → export up → hot-plugged → in-use), ${ROUND_TRIPS} times | p50 ${s(quantile(results.attach, 0.5))} s, p99 ${s(quantile(results.attach, 0.99))} s |`,
  `| detach (API → unplugged → export gone → available) | p50 ${s(quantile(results.detach, 0.5))} s, p99 ${s(quantile(results.detach, 0.99))} s |`,
  `| sequential write in the guest, ${DD_MIB} MiB, fsync: NBD volume / own root disk (${results.rootMib} MiB) | ${mbps(results.volumeWrite)} / ${mbps(results.rootWrite)} |`,
  `| sequential read in the guest, caches dropped: NBD volume / own root disk | ${mbps(results.volumeRead)} / ${mbps(results.rootRead)} |`,
  "",
  `Times are from the API's side (polling every 100 ms), so they include up to 0.1 s of polling; throughput is dd's own figure inside the guest (TCG: the guest's CPU is emulated, which bounds both disks alike).`,
].join("\n");
process.stdout.write(`${table}\n`);

writeDocSection("volumes", table, {
  appendUnder:
    "## Block storage (`node bench/volumes.mjs`)\n\nAims (issue 11): 100 volumes at once, attach/detach round trip on a running guest, and a volume's throughput in the guest next to its own root disk.",
});
