import { openProbedPortal } from "/work/main/bench/lib/pages/probed-portal.mjs";

const [url, ...procs] = process.argv.slice(2);
const { browser, page } = await openProbedPortal({ url, user: "admin", password: "bench-pages-admin-pw" });
for (const proc of procs) {
  const [name, input] = proc.split("@");
  const times = [];
  for (let i = 0; i < 5; i++) {
    times.push(
      await page.evaluate(
        async ([name, input]) => {
          const q = input ? `?input=${encodeURIComponent(JSON.stringify(JSON.parse(input)))}` : "";
          const t0 = performance.now();
          const r = await fetch(`/api/trpc/${name}${q}`);
          await r.text();
          return Math.round(performance.now() - t0) + (r.ok ? "" : `(${r.status})`);
        },
        [name, input],
      ),
    );
  }
  console.log(name, times.join(" "));
}
await browser.close();
