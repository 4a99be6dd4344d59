/* Loupe's settings: defaults, reading them from chrome.storage.sync, and site matching.
   Loaded by the service worker (importScripts) and the options page (<script>), after shared.js. */
"use strict";

// [id, the options page's label]: from shared.js, generated from the server's server/shared.json
const LOUPE_CATEGORIES = LOUPE_SHARED.categories.map(([id, , option]) => [id, option]);

const LOUPE_DEFAULTS = Object.freeze({
  server: "http://127.0.0.1:8765",
  flags: { uncited: true, emotive: true },
  categories: Object.fromEntries(LOUPE_CATEGORIES.map(([id]) => [id, true])),
  sources: true,          // outline citation markers and say which source they point to
  quotes: true,           // show emotive words inside quotations (the speaker's, never counted): tooltip + dotted underline
  offSites: [],           // hosts where Loupe stays off
  autoSites: [],          // hosts where Loupe runs by itself when a page loads
  ignoreWords: [],        // cue words never flagged
});

/** The stored settings over the defaults (nested objects merged, so a new category defaults to shown). */
async function loupeSettings() {
  const stored = await chrome.storage.sync.get(null);
  return loupeMerge(stored);
}

function loupeMerge(stored) {
  const out = JSON.parse(JSON.stringify(LOUPE_DEFAULTS));
  for (const [key, value] of Object.entries(stored || {})) {
    if (!(key in out)) continue;
    if (out[key] && typeof out[key] === "object" && !Array.isArray(out[key])) Object.assign(out[key], value || {});
    else out[key] = value;
  }
  out.server = loupeServer(out.server) || LOUPE_DEFAULTS.server;
  return out;
}

/** "127.0.0.1:9000" or "http://localhost:9000/" -> "http://127.0.0.1:9000"; null when it is not an address. */
function loupeServer(value) {
  let text = String(value || "").trim();
  if (!text) return null;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = "http://" + text;
  try {
    const url = new URL(text);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    return url.origin;
  } catch (e) {
    return null;
  }
}

/** A host list entry ("example.com", "*.example.com", "https://news.example.com/x") as a bare host name. */
function loupeHostPattern(entry) {
  let text = String(entry || "").trim().toLowerCase();
  if (!text || text.startsWith("#")) return null;
  text = text.replace(/^[a-z][a-z0-9+.-]*:\/\//, "").replace(/[/?#].*$/, "").replace(/^\*\./, "").replace(/:\d+$/, "");
  return text || null;
}

/** Does the page's URL belong to one of the sites (a site matches itself and its subdomains)? */
function loupeSiteMatches(url, sites) {
  let host;
  try { host = new URL(url).hostname.toLowerCase(); } catch (e) { return false; }
  return (sites || []).some((entry) => {
    const site = loupeHostPattern(entry);
    return !!site && (host === site || host.endsWith("." + site));
  });
}

/** Match patterns that give Loupe access to a site and its subdomains (for running by itself there). */
function loupeOriginsFor(sites) {
  const out = [];
  for (const entry of sites || []) {
    const site = loupeHostPattern(entry);
    if (!site) continue;
    out.push("*://" + site + "/*");
    if (!/^[\d.]+$/.test(site) && site !== "localhost") out.push("*://*." + site + "/*");
  }
  return out;
}
