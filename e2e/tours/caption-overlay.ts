import type { BrowserContext, Page } from "@playwright/test";

/**
 * The caption box a tour shows on screen: fixed at the top centre, over the
 * middle of the portal's header bar (empty there; the bottom would hide the
 * lower nodes of a topology diagram and the toasts),
 * outside the page's own layout. It must never change what the portal does
 * or what tests find, so it takes no pointer events, is aria-hidden, and its
 * text sits in a closed shadow root (Playwright's text and role locators
 * cannot see into it, so a caption naming a button never matches a locator).
 */

const HOST_ID = "zenith-tour-caption";
/** Where the current caption survives a full navigation (the init script puts it back). */
const STORAGE_KEY = "zenith-tour-caption";

/** Runs in the page (serialised by Playwright): draws `text`, replacing any earlier box. */
function renderCaption(args: { text: string | null; hostId: string; storageKey: string }): void {
  const { hostId, storageKey } = args;
  let text = args.text;
  try {
    if (text === null) text = window.sessionStorage.getItem(storageKey);
    else window.sessionStorage.setItem(storageKey, text);
  } catch {
    // about:blank and sandboxed frames have no storage: the caption just does not survive a reload.
  }
  if (!text) return;
  const draw = () => {
    document.getElementById(hostId)?.remove();
    const host = document.createElement("div");
    host.id = hostId;
    host.setAttribute("aria-hidden", "true");
    // On <html>, not <body>: React owns <body>'s children and would fight over a stranger there.
    host.style.cssText = [
      "position:fixed",
      "left:50%",
      "top:6px",
      "transform:translateX(-50%)",
      "z-index:2147483647",
      "pointer-events:none",
      "max-width:min(64vw,860px)",
    ].join(";");
    const root = host.attachShadow({ mode: "closed" });
    const box = document.createElement("div");
    // Light text on a near-opaque dark box reads the same over the portal's light and dark themes.
    box.style.cssText = [
      "background:rgba(15,23,42,0.92)",
      "color:#f8fafc",
      "font:600 16px/1.4 system-ui,-apple-system,'Segoe UI',sans-serif",
      "padding:8px 18px",
      "border-radius:10px",
      "border:1px solid rgba(248,250,252,0.35)",
      "box-shadow:0 8px 24px rgba(0,0,0,0.35)",
      "text-align:center",
    ].join(";");
    box.textContent = text;
    root.append(box);
    document.documentElement.append(host);
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw, { once: true });
  else draw();
}

/** Makes every page of the context draw the current caption again after each full navigation. */
export async function installCaptionOverlay(context: BrowserContext): Promise<void> {
  await context.addInitScript(renderCaption, { text: null, hostId: HOST_ID, storageKey: STORAGE_KEY });
}

/** Shows `text` on the page now (and, through the init script, after its next navigations). */
export async function showCaption(page: Page, text: string): Promise<void> {
  await page.evaluate(renderCaption, { text, hostId: HOST_ID, storageKey: STORAGE_KEY });
}
