/**
 * The page a `novnc` console URL opens (Nova's `vnc_auto.html`): noVNC,
 * served from its npm package under /console/novnc/, connected to the
 * proxy WebSocket named by the `path` query parameter, as upstream noVNC's
 * own page reads it.
 */
export const VNC_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Zenith graphic console</title>
<style>
  html, body { margin: 0; height: 100%; background: #0f1216; color: #e7eaee; font: 14px system-ui, sans-serif; }
  body { display: flex; flex-direction: column; }
  #bar { display: flex; gap: 12px; align-items: center; padding: 8px 12px; background: #1b2129; }
  #status { flex: 1; }
  button { background: #2d6cdf; color: #fff; border: 0; border-radius: 6px; padding: 6px 12px; cursor: pointer; }
  button:focus-visible { outline: 2px solid #9cc2ff; outline-offset: 2px; }
  #screen { flex: 1; overflow: hidden; }
</style>
</head>
<body>
<div id="bar">
  <span id="status" role="status">Connecting…</span>
  <button id="cad" type="button">Send Ctrl-Alt-Del</button>
  <button id="full" type="button">Full screen</button>
</div>
<div id="screen"></div>
<script type="module">
  import RFB from "./novnc/core/rfb.js";
  const status = document.getElementById("status");
  const path = (new URLSearchParams(location.search).get("path") || "").replace(/^\\/+/, "");
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  const rfb = new RFB(document.getElementById("screen"), scheme + "://" + location.host + "/" + path);
  rfb.scaleViewport = true;
  rfb.addEventListener("connect", () => { status.textContent = "Connected"; rfb.focus(); });
  rfb.addEventListener("disconnect", (e) => {
    status.textContent = e.detail.clean ? "Disconnected" : "Connection lost: reload the console from the portal (links work once).";
  });
  document.getElementById("cad").addEventListener("click", () => rfb.sendCtrlAltDel());
  document.getElementById("full").addEventListener("click", () => document.documentElement.requestFullscreen());
</script>
</body>
</html>
`;
