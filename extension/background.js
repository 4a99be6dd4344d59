/* Loupe's service worker: the icon, the shortcut and auto-runs send the page to the local server and tell the
   content script what to draw. Only this worker talks to the server: Chrome blocks public pages (and their
   content scripts) from reaching loopback addresses, and the extension's host_permissions let this one through. */
"use strict";
importScripts("shared.js", "settings.js");

const ANALYZE_TIMEOUT_MS = 45000;
const SCHEMA = 1;               // the report shape this version draws (the server's "schema"; tests/test_api.py checks it)
const RETRY_CAP_S = 5;          // a busy server's Retry-After is honoured up to this many seconds, once
const SLOW_MS = 5000;           // past this the badge counts the seconds and the title says a click cancels
// Loupe's highlighting in load order (the demo page loads the same files), then the content script that drives it
const CONTENT_SCRIPTS = ["shared.js", "mapping.js", "draw.js", "tooltip.js", "export.js", "panel.js", "content.js"];
// tabs with an analysis in flight, each with its AbortController: a second click cancels it instead of racing
const inFlight = new Map();

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
  if (sender.id !== chrome.runtime.id || !message || !sender.tab) return;
  // the panel's close button removed the highlights itself: the badge follows
  if (message.type === "loupe:closed") setBadge(sender.tab.id, "", "Loupe: check this article (Alt+Shift+L)");
  // "Not right?" on the page: queued, so two quick corrections never overwrite each other's storage
  if (message.type === "loupe:correct") corrections = corrections.then(() => correct(sender.tab, message)).catch(() => {});
});

const MAX_LOG = 1000;   // corrections kept in the local log (the oldest go first)
let corrections = Promise.resolve();

/** Store a reader's correction: always a line in the local log (rule id, cue words, site, time: never the page's
 * text), and for "site" / "everywhere" the cue words to ignore. Nothing is sent anywhere. */
async function correct(tab, message) {
  const action = ["hide", "site", "everywhere"].indexOf(message.action) >= 0 ? message.action : null;
  if (!action) return;
  const rule = typeof message.rule === "string" && /^[\w.:-]{1,200}$/.test(message.rule) ? message.rule : "unknown";
  const cues = (Array.isArray(message.cues) ? message.cues : []).filter((c) => typeof c === "string" && c.trim())
    .map((c) => c.trim().slice(0, 100)).slice(0, 5);
  let site = "";
  try { site = new URL(tab.url).hostname.toLowerCase(); } catch (e) { site = ""; }
  const { corrections: log } = await chrome.storage.local.get({ corrections: [] });
  const entries = Array.isArray(log) ? log : [];
  entries.push({ time: new Date().toISOString(), action, rule, cue: cues.join(", "), site });
  await chrome.storage.local.set({ corrections: entries.slice(-MAX_LOG) });
  if (action !== "hide" && cues.length) {
    const settings = await loupeSettings();
    if (action === "everywhere") {
      const known = new Set(settings.ignoreWords.map((w) => w.toLowerCase()));
      await chrome.storage.sync.set({ ignoreWords: settings.ignoreWords.concat(cues.filter((c) => !known.has(c.toLowerCase()))) });
    } else if (site) {
      const entries = loupeMerge({ siteIgnores: settings.siteIgnores.concat(cues.map((word) => ({ site, word }))) }).siteIgnores;
      await chrome.storage.sync.set({ siteIgnores: entries });
    }
  }
  if (typeof message.drawn === "number") {
    await setBadge(tab.id, String(message.drawn), "Loupe: " + message.drawn + " flagged after your corrections \u2014 click to remove the highlights");
  }
}

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
  if (inFlight.has(tabId)) {
    // a click while Loupe reads the page stops it; running by itself never cancels the reader's own click
    if (manual) inFlight.get(tabId).abort();
    return;
  }
  const controller = new AbortController();
  inFlight.set(tabId, controller);
  try {
    await run(tab, manual, controller.signal);
  } catch (e) {
    // the page went away mid-way, or is not an HTML document: say so on the badge rather than spin forever
    await setBadge(tabId, "!", "Loupe could not work on this page (" + (e && e.message ? e.message : e) + ")", "#b00020");
  } finally {
    inFlight.delete(tabId);
  }
}

/** While the server reads the page: "…" on the badge, then after SLOW_MS the seconds, and how to cancel. */
function showProgress(tabId) {
  const started = Date.now();
  setBadge(tabId, "\u2026", "Loupe is reading this page\u2026 (click to cancel)", "#5f6368");
  const timer = setInterval(() => {
    const seconds = Math.round((Date.now() - started) / 1000);
    if (seconds * 1000 < SLOW_MS) return;
    setBadge(tabId, seconds + "s", "Loupe is still reading this page (" + seconds + " s): click the button again to cancel", "#5f6368");
  }, 1000);
  return () => clearInterval(timer);
}

const sleep = (ms, signal) => new Promise((resolve) => {
  const timer = setTimeout(resolve, ms);
  signal.addEventListener("abort", () => { clearTimeout(timer); resolve(); }, { once: true });
});

async function run(tab, manual, signal) {
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
  const stopProgress = showProgress(tabId);
  let outcome;
  try {
    outcome = await analyze(settings.server, page, signal);
    if (outcome.busy) {
      // every worker of the server is taken: say so, wait what it asks (a few seconds at most), and try once more
      await setBadge(tabId, "\u2026", "Loupe is busy, retrying\u2026", "#5f6368");
      if (manual) await send(tabId, { type: "loupe:message", title: "Loupe is busy, retrying\u2026",
        lines: ["Loupe's server is reading other pages; it will try again in " + outcome.busy + " s."] });
      await sleep(outcome.busy * 1000, signal);
      if (!signal.aborted) outcome = await analyze(settings.server, page, signal);
      if (outcome.busy) outcome = { error: { code: "busy", badge: "!", title: "Loupe is busy",
        lines: ["Loupe's server is still busy with other pages, so this page was left as it was.",
          "Click the Loupe button again in a moment."] } };
    }
  } finally {
    stopProgress();
  }
  if (signal.aborted) {
    // cancelled by a second click: the page stays as it was, and so does the badge
    await send(tabId, { type: "loupe:clear" });
    await setBadge(tabId, "", "Loupe: stopped. Click to check this article (Alt+Shift+L)");
    return;
  }
  if (outcome.error) {
    const e = outcome.error;
    await setBadge(tabId, e.badge, "Loupe: " + e.title, e.badge === "off" ? "#5f6368" : "#b00020");
    // running by itself, Loupe stays quiet about pages that are not articles
    if (manual || e.code === "unreachable") await send(tabId, { type: "loupe:message", title: e.title, lines: e.lines });
    return;
  }
  const drawn = await send(tabId, { type: "loupe:draw", report: outcome.report, settings: loupeSettingsFor(settings, tab.url) });
  if (!drawn || drawn.error) throw new Error(drawn ? drawn.error : "the page did not answer");
  if (drawn.stale) {
    await setBadge(tabId, "!", "Loupe: the page changed while Loupe was reading it", "#b00020");
    if (manual) await send(tabId, { type: "loupe:message", title: "The page changed while Loupe was reading it",
      lines: ["Nothing was highlighted: the report was about the page as it was. Click the Loupe button again to check it as it is now."] });
    return;
  }
  const c = drawn.counts;
  const parts = [];
  if (settings.flags.uncited) parts.push(c.uncited + " uncited");
  if (settings.flags.emotive) parts.push(c.emotive + " emotive");
  // the uncited claims by tier; quoted wording is the speaker's: named apart, never in the badge's number
  const t = drawn.tiers || {};
  const tiers = settings.flags.uncited && (t.tiered || t.hidden)
    ? "; " + t.worth + " worth checking, " + (t.hidden ? t.hidden + " minor hidden" : t.minor + " minor") : "";
  const quoted = (drawn.quoted ? "; " + drawn.quoted + " quoted" : "") + tiers;
  await setBadge(tabId, String(drawn.drawn), "Loupe: " + (parts.join(", ") || "no flags shown") + quoted +
    " \u2014 click to remove the highlights", "#4b2a7a");
}

/** POST the page to the server: {report}, {busy: seconds to wait}, or an {error} with words for the reader. */
async function analyze(server, page, signal) {
  const address = server + "/api/analyze";
  // the default address is in the manifest; another one needs the access the options page asked for
  if (!(await chrome.permissions.contains({ origins: [server + "/*"] }))) {
    return { error: { code: "unreachable", badge: "off", title: "Loupe may not reach its server",
      lines: ["Chrome has not allowed Loupe to reach " + server + ", so this page was left as it was.",
        "Open Loupe's options and save the server address again: Chrome will ask you to allow it."] } };
  }
  let response;
  try {
    response = await fetch(address, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ url: page.url, html: page.html }),
      signal: AbortSignal.any([signal, AbortSignal.timeout(ANALYZE_TIMEOUT_MS)]),
    });
  } catch (e) {
    if (signal.aborted) return { error: { code: "cancelled" } };
    if (e && e.name === "TimeoutError") {
      return { error: { code: "timeout", badge: "!", title: "Loupe's server did not answer in time",
        lines: ["The server at " + server + " took longer than " + ANALYZE_TIMEOUT_MS / 1000 + " seconds. Try again, or restart it with `make run` in the Loupe folder."] } };
    }
    return unreachable(server);
  }
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    // the connection dropped mid-answer (the server was stopped) or the answer is not JSON
    if (signal.aborted) return { error: { code: "cancelled" } };
    if (e && e.name === "TypeError") return unreachable(server);
    body = null;
  }
  const isObject = (v) => !!v && typeof v === "object" && !Array.isArray(v);
  if (response.ok && isObject(body) && Array.isArray(body.sentences)) {
    if (body.schema === SCHEMA) return { report: body };
    return { error: { code: "schema", badge: "!", title: "Loupe's server and extension do not match",
      lines: ["The server at " + server + " answers in report format " + JSON.stringify(body.schema) +
        "; this extension draws format " + SCHEMA + ". Nothing was highlighted.",
        "Update both from the same Loupe folder, then restart the server with `make run`."] } };
  }
  const failure = isObject(body) && isObject(body.error) ? body.error : null;
  if (response.status === 503 && failure && failure.code === "busy") {
    const wait = Number(response.headers.get("Retry-After"));
    return { busy: Math.min(RETRY_CAP_S, Number.isFinite(wait) && wait > 0 ? Math.ceil(wait) : 1) };
  }
  if (failure && typeof failure.message === "string" && failure.message) {
    const code = String(failure.code || "error");
    const title = code === "no_article" ? "No article found on this page" :
      code === "not_english" ? "This page is not in English" : "Loupe could not analyse this page";
    // the server's words are shown as plain text: a page can make the server repeat its own words
    return { error: { code, badge: "!", title, lines: [{ text: failure.message.slice(0, 500) }] } };
  }
  return { error: { code: "not_loupe", badge: "!", title: "Something else answered at " + server,
    lines: ["The address " + server + " answered with HTTP " + response.status + ", but not as Loupe's server does.",
      "Check the server address in Loupe's options, and start Loupe with `make run` in the Loupe folder."] } };
}

function unreachable(server) {
  return { error: { code: "unreachable", badge: "off", title: "Loupe's server is not running",
    lines: ["Loupe could not reach its server at " + server + ", so this page was left as it was.",
      "To start it, open a terminal in the Loupe folder and run `make run`, then click the Loupe button again.",
      "If the server runs at another address, set it in Loupe's options."] } };
}
