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
  minor: true,            // show uncited claims of the "minor" tier (drawn fainter); off: only the check-worthy ones
  sourceCues: false,      // quietly underline the words that source a sentence ("police said", a quotation)
  offSites: [],           // hosts where Loupe stays off
  autoSites: [],          // hosts where Loupe runs by itself when a page loads
  ignoreWords: [],        // cue words never flagged
  siteIgnores: [],        // [{site, word}]: cue words never flagged on one site ("Not right?" on the page)
});

const LOUPE_MAX_SITE_IGNORES = 200;   // chrome.storage.sync holds at most 8 KB per key

/** The stored settings over the defaults (nested objects merged, so a new category defaults to shown). A stored
 * value of the wrong kind (corrupt storage, a hand-edited import) is replaced by its default, in storage too. */
async function loupeSettings() {
  let stored = {};
  try { stored = await chrome.storage.sync.get(null); } catch (e) { stored = {}; }
  const settings = loupeMerge(stored);
  const repaired = {};
  for (const key of Object.keys(LOUPE_DEFAULTS)) {
    if (key in (stored || {}) && loupeCanonical(stored[key]) !== loupeCanonical(settings[key])) repaired[key] = settings[key];
  }
  if (Object.keys(repaired).length) {
    try { await chrome.storage.sync.set(repaired); } catch (e) { /* read-only or over quota: the defaults still apply */ }
  }
  return settings;
}

/** JSON with object keys sorted: storage gives keys back in its own order, which is no change. */
function loupeCanonical(value) {
  if (Array.isArray(value)) return "[" + value.map(loupeCanonical).join(",") + "]";
  if (value && typeof value === "object") {
    return "{" + Object.keys(value).sort().map((k) => JSON.stringify(k) + ":" + loupeCanonical(value[k])).join(",") + "}";
  }
  return JSON.stringify(value === undefined ? null : value);
}

const loupeIsObject = (v) => !!v && typeof v === "object" && !Array.isArray(v);

/** Settings from anything (storage, an imported file): every known key of the right kind, else its default. */
function loupeMerge(stored) {
  const out = JSON.parse(JSON.stringify(LOUPE_DEFAULTS));
  if (!loupeIsObject(stored)) return out;
  const own = (key) => Object.prototype.hasOwnProperty.call(stored, key);
  for (const key of ["flags", "categories"]) {
    if (!own(key) || !loupeIsObject(stored[key])) continue;
    for (const name of Object.keys(out[key])) {
      if (typeof stored[key][name] === "boolean") out[key][name] = stored[key][name];
    }
  }
  for (const key of ["sources", "quotes", "minor", "sourceCues"]) if (own(key) && typeof stored[key] === "boolean") out[key] = stored[key];
  for (const key of ["offSites", "autoSites", "ignoreWords"]) {
    if (own(key) && Array.isArray(stored[key])) {
      out[key] = stored[key].filter((v) => typeof v === "string" && v.trim()).map((v) => v.trim().slice(0, 200)).slice(0, 500);
    }
  }
  if (own("siteIgnores") && Array.isArray(stored.siteIgnores)) {
    const seen = new Set();
    out.siteIgnores = stored.siteIgnores.filter((e) => loupeIsObject(e) && typeof e.site === "string" && typeof e.word === "string")
      .map((e) => ({ site: loupeHostPattern(e.site) || "", word: e.word.trim().slice(0, 100) }))
      .filter((e) => e.site && e.word && !seen.has(e.site + " " + e.word.toLowerCase()) && seen.add(e.site + " " + e.word.toLowerCase()))
      .slice(0, LOUPE_MAX_SITE_IGNORES);
  }
  out.server = (own("server") && typeof stored.server === "string" && loupeServer(stored.server)) || LOUPE_DEFAULTS.server;
  return out;
}

/** The settings for one page: the words ignored on its site join the words ignored everywhere. */
function loupeSettingsFor(settings, url) {
  const words = settings.siteIgnores.filter((e) => loupeSiteMatches(url, [e.site])).map((e) => e.word);
  return words.length ? Object.assign({}, settings, { ignoreWords: settings.ignoreWords.concat(words) }) : settings;
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
