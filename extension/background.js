/* Loupe's service worker: the icon, the shortcut and auto-runs send the page to the local server and tell the
   content script what to draw. Only this worker talks to the server: Chrome blocks public pages (and their
   content scripts) from reaching loopback addresses, and the extension's host_permissions let this one through. */
"use strict";
importScripts("shared.js", "settings.js");

const ANALYZE_TIMEOUT_MS = 45000;
// Loupe's highlighting in load order (the demo page loads the same files), then the content script that drives it
const CONTENT_SCRIPTS = ["shared.js", "mapping.js", "draw.js", "tooltip.js", "panel.js", "content.js"];
const busy = new Set(); // tabs with an analysis in flight: a second click waits for it instead of racing

chrome.runtime.onInstalled.addListener(async () => {
  // defaults for every setting the reader has not set yet (an update keeps what they chose)
  const stored = await chrome.storage.sync.get(null);
  const missing = {};
  for (const [key, value] of Object.entries(LOUPE_DEFAULTS)) if (!(key in stored)) missing[key] = value;
  if (Object.keys(missing).length) await chrome.storage.sync.set(missing);
});

chrome.action.onClicked.addListener((tab) => toggle(tab, { manual: true }));

chrome.tabs.onUpdated.addListener(async (tabId, info, tab) => {
  if (info.status === "loading") await setBadge(tabId, "", "Loupe: check this article (Alt+Shift+L)");
  if (info.status !== "complete" || !tab.url || !/^https?:/.test(tab.url)) return;
  const settings = await loupeSettings();
  if (!loupeSiteMatches(tab.url, settings.autoSites) || loupeSiteMatches(tab.url, settings.offSites)) return;
  const origin = new URL(tab.url).origin + "/*";
  if (!(await chrome.permissions.contains({ origins: [origin] }))) return;
  await toggle(tab, { manual: false });
});

chrome.runtime.onMessage.addListener((message, sender) => {
  // the panel's close button removed the highlights itself: the badge follows
  if (message && message.type === "loupe:closed" && sender.tab) setBadge(sender.tab.id, "", "Loupe: check this article (Alt+Shift+L)");
});

async function setBadge(tabId, text, title, colour) {
  try {
    await chrome.action.setBadgeText({ tabId, text });
    if (colour) await chrome.action.setBadgeBackgroundColor({ tabId, color: colour });
    if (title) await chrome.action.setTitle({ tabId, title });
  } catch (e) {
    // the tab closed meanwhile
  }
}

function send(tabId, message) {
  return chrome.tabs.sendMessage(tabId, message, { frameId: 0 });
}

/** Icon click / shortcut: highlight the page, or remove the highlights when they are shown. */
async function toggle(tab, { manual }) {
  const tabId = tab.id;
  if (busy.has(tabId)) return;
  busy.add(tabId);
  try {
    await run(tab, manual);
  } catch (e) {
    // the page went away mid-way, or is not an HTML document: say so on the badge rather than spin forever
    await setBadge(tabId, "!", "Loupe could not work on this page (" + (e && e.message ? e.message : e) + ")", "#b00020");
  } finally {
    busy.delete(tabId);
  }
}

async function run(tab, manual) {
  const tabId = tab.id;
  const settings = await loupeSettings();
  try {
    await chrome.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: CONTENT_SCRIPTS });
  } catch (e) {
    // chrome:// pages, the web store, PDF viewers: nothing can be drawn there
    if (manual) await setBadge(tabId, "!", "Loupe cannot read this kind of page (" + e.message + ")", "#b00020");
    return;
  }
  const status = await send(tabId, { type: "loupe:state" });
  if (status && status.active) {
    await send(tabId, { type: "loupe:clear" });
    await chrome.scripting.removeCSS({ target: { tabId, frameIds: [0] }, files: ["highlight.css"] }).catch(() => {});
    await setBadge(tabId, "", "Loupe: check this article (Alt+Shift+L)");
    return;
  }
  // the stylesheet goes in once: remove a copy a previous run may have left before adding it
  await chrome.scripting.removeCSS({ target: { tabId, frameIds: [0] }, files: ["highlight.css"] }).catch(() => {});
  await chrome.scripting.insertCSS({ target: { tabId, frameIds: [0] }, files: ["highlight.css"] });
  if (loupeSiteMatches(tab.url, settings.offSites)) {
    await setBadge(tabId, "off", "Loupe is off on this site (see Loupe's options)", "#5f6368");
    if (manual) await send(tabId, { type: "loupe:message", title: "Loupe is off on this site",
      lines: ["You listed this site among the sites where Loupe stays off. Change that in Loupe's options."] });
    return;
  }
  const page = await send(tabId, { type: "loupe:snapshot" });
  await setBadge(tabId, "\u2026", "Loupe is reading this page\u2026", "#5f6368");
  const outcome = await analyze(settings.server, page);
  if (outcome.error) {
    const e = outcome.error;
    await setBadge(tabId, e.badge, "Loupe: " + e.title, e.badge === "off" ? "#5f6368" : "#b00020");
    // running by itself, Loupe stays quiet about pages that are not articles
    if (manual || e.code === "unreachable") await send(tabId, { type: "loupe:message", title: e.title, lines: e.lines });
    return;
  }
  const drawn = await send(tabId, { type: "loupe:draw", report: outcome.report, settings });
  if (!drawn || drawn.error) throw new Error(drawn ? drawn.error : "the page did not answer");
  const c = drawn.counts;
  const parts = [];
  if (settings.flags.uncited) parts.push(c.uncited + " uncited");
  if (settings.flags.emotive) parts.push(c.emotive + " emotive");
  // quoted wording is the speaker's: named apart, never in the badge's number
  const quoted = drawn.quoted ? "; " + drawn.quoted + " quoted" : "";
  await setBadge(tabId, String(drawn.drawn), "Loupe: " + (parts.join(", ") || "no flags shown") + quoted +
    " \u2014 click to remove the highlights", "#4b2a7a");
}

/** POST the page to the server; an {error} with words for the reader when that fails. */
async function analyze(server, page) {
  const address = server + "/api/analyze";
  let response;
  try {
    response = await fetch(address, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ url: page.url, html: page.html }),
      signal: AbortSignal.timeout(ANALYZE_TIMEOUT_MS),
    });
  } catch (e) {
    if (e && e.name === "TimeoutError") {
      return { error: { code: "timeout", badge: "!", title: "Loupe's server did not answer in time",
        lines: ["The server at " + server + " took longer than " + ANALYZE_TIMEOUT_MS / 1000 + " seconds. Try again, or restart it with `make run` in the Loupe folder."] } };
    }
    return { error: { code: "unreachable", badge: "off", title: "Loupe's server is not running",
      lines: ["Loupe could not reach its server at " + server + ", so this page was left as it was.",
        "To start it, open a terminal in the Loupe folder and run `make run`, then click the Loupe button again.",
        "If the server runs at another address, set it in Loupe's options."] } };
  }
  let body = null;
  try { body = await response.json(); } catch (e) { body = null; }
  if (response.ok && body && Array.isArray(body.sentences)) return { report: body };
  if (body && body.error && body.error.message) {
    const code = body.error.code || "error";
    const title = code === "no_article" ? "No article found on this page" :
      code === "not_english" ? "This page is not in English" : "Loupe could not analyse this page";
    return { error: { code, badge: "!", title, lines: [body.error.message] } };
  }
  return { error: { code: "not_loupe", badge: "!", title: "Something else answered at " + server,
    lines: ["The address " + server + " answered with HTTP " + response.status + ", but not as Loupe's server does.",
      "Check the server address in Loupe's options, and start Loupe with `make run` in the Loupe folder."] } };
}
