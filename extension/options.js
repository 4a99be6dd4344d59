/* Loupe's options page: reads and writes chrome.storage.sync (defaults come from settings.js). */
"use strict";

const $ = (id) => document.getElementById(id);
const lines = (id) => $(id).value.split("\n").map((s) => s.trim()).filter(Boolean);

function fill(s) {
  $("server").value = s.server;
  $("flag-uncited").checked = s.flags.uncited !== false;
  $("flag-emotive").checked = s.flags.emotive !== false;
  $("sources").checked = s.sources !== false;
  $("quotes").checked = s.quotes !== false;
  $("minor").checked = s.minor !== false;
  $("source-cues").checked = s.sourceCues === true;
  siteIgnores = s.siteIgnores.slice();
  const box = $("categories");
  for (const old of box.querySelectorAll("label")) old.remove();
  for (const [id, label] of LOUPE_CATEGORIES) {
    const row = document.createElement("label");
    const input = document.createElement("input");
    input.type = "checkbox";
    input.id = "category-" + id;
    input.dataset.category = id;
    input.checked = s.categories[id] !== false;
    row.appendChild(input);
    row.appendChild(document.createTextNode(" " + label));
    box.appendChild(row);
  }
  $("ignore-words").value = s.ignoreWords.join("\n");
  $("off-sites").value = s.offSites.join("\n");
  $("auto-sites").value = s.autoSites.join("\n");
  syncCategories();
  listCorrections();
}

// ------------------------------------------------------------------ corrections ("Not right?" on a page)

let siteIgnores = [];   // [{site, word}], as the form has them (Save writes them with the rest)

/** One row per ignored word: on a site, or everywhere (the words-never-to-flag box); Undo takes it back at once. */
function listCorrections() {
  const list = $("corrections");
  list.textContent = "";
  const rows = siteIgnores.map((e) => ({ word: e.word, where: "on " + e.site, entry: e }))
    .concat(lines("ignore-words").map((word) => ({ word, where: "everywhere", entry: null })));
  for (const row of rows) {
    const item = document.createElement("li");
    item.appendChild(document.createTextNode("\u2018" + row.word + "\u2019 " + row.where));
    const undo = document.createElement("button");
    undo.type = "button";
    undo.textContent = "Undo";
    undo.setAttribute("aria-label", "Flag \u2018" + row.word + "\u2019 " + row.where + " again");
    undo.addEventListener("click", () => undoCorrection(row));
    item.appendChild(undo);
    list.appendChild(item);
  }
  $("no-corrections").hidden = rows.length > 0;
}

async function undoCorrection(row) {
  try {
    if (row.entry) {
      siteIgnores = siteIgnores.filter((e) => e !== row.entry);
      const stored = await loupeSettings();
      await chrome.storage.sync.set({ siteIgnores: stored.siteIgnores.filter((e) =>
        !(e.site === row.entry.site && e.word.toLowerCase() === row.word.toLowerCase())) });
    } else {
      $("ignore-words").value = lines("ignore-words").filter((w) => w !== row.word).join("\n");
      const stored = await loupeSettings();
      await chrome.storage.sync.set({ ignoreWords: stored.ignoreWords.filter((w) => w.toLowerCase() !== row.word.toLowerCase()) });
    }
    status("\u2018" + row.word + "\u2019 is flagged " + row.where + " again.");
  } catch (e) {
    status("Not saved: " + (e && e.message ? e.message : e), true);
  }
  listCorrections();
}

/** The local log of corrections (rule id, cue words, site, time) as a JSON file. */
async function exportLog() {
  const { corrections } = await chrome.storage.local.get({ corrections: [] });
  const entries = Array.isArray(corrections) ? corrections : [];
  download("loupe-corrections.json", { loupe: "corrections", version: 1, corrections: entries });
  $("log-status").textContent = "Exported " + entries.length + " correction" + (entries.length === 1 ? "" : "s") + ".";
}

async function clearLog() {
  await chrome.storage.local.remove("corrections");
  $("log-status").textContent = "The log is empty.";
}

function download(name, data) {
  const file = new Blob([JSON.stringify(data, null, 2) + "\n"], { type: "application/json" });
  const link = document.createElement("a");
  link.href = URL.createObjectURL(file);
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

function syncCategories() {
  // the kinds of emotive wording only matter while emotive flags are shown
  $("categories").disabled = !$("flag-emotive").checked;
}

function status(text, isError) {
  $("status").textContent = text;
  $("status").className = isError ? "error" : "";
}

async function save(event) {
  event.preventDefault();
  const server = loupeServer($("server").value);
  if (!server) {
    status("The server address is not a web address (for example http://127.0.0.1:8765).", true);
    $("server").focus();
    return;
  }
  const categories = {};
  for (const input of document.querySelectorAll("#categories input[data-category]")) categories[input.dataset.category] = input.checked;
  const autoSites = lines("auto-sites");
  const wanted = [...loupeOriginsFor(autoSites)];
  // the manifest grants the default address only (port 8765): another one is asked for
  if (!/^http:\/\/(127\.0\.0\.1|localhost):8765$/.test(server)) wanted.push(server + "/*");
  // permissions.request must run in the click's own turn: ask before any await
  const granted = wanted.length ? chrome.permissions.request({ origins: wanted }).catch(() => false) : Promise.resolve(true);
  try {
    await chrome.storage.sync.set({
      server,
      flags: { uncited: $("flag-uncited").checked, emotive: $("flag-emotive").checked },
      categories,
      sources: $("sources").checked,
      quotes: $("quotes").checked,
      minor: $("minor").checked,
      sourceCues: $("source-cues").checked,
      siteIgnores,
      ignoreWords: lines("ignore-words"),
      offSites: lines("off-sites"),
      autoSites,
    });
  } catch (e) {
    status("Not saved: " + (e && e.message ? e.message : e), true);
    return;
  }
  $("server").value = server;
  status((await granted) ? "Saved." : "Saved, but Chrome did not let Loupe reach those addresses: it cannot use a server " +
    "there or run there by itself.", !(await granted));
}

async function check() {
  const server = loupeServer($("server").value);
  const out = $("check-result");
  out.className = "";
  if (!server) { out.textContent = "That is not a web address."; out.className = "error"; return; }
  out.textContent = "Checking\u2026";
  try {
    const response = await fetch(server + "/api/health", { signal: AbortSignal.timeout(5000) });
    const body = await response.json();
    if (body && body.name === "loupe") out.textContent = "Loupe " + body.version + " is running at " + server + ".";
    else throw new Error("not Loupe");
  } catch (e) {
    out.textContent = "No Loupe server answers at " + server + ". Start it with `make run` in the Loupe folder.";
    out.className = "error";
  }
}

/** The saved settings as a JSON file (loupe-settings.json). */
async function exportSettings() {
  const settings = await loupeSettings();
  download("loupe-settings.json", { loupe: "settings", version: 1, settings });
  status("Exported to loupe-settings.json.");
}

/** A settings file fills the form (every value checked: what is missing or of the wrong kind takes its default). */
async function importSettings(event) {
  const input = event.target;
  const file = input.files && input.files[0];
  if (!file) return;
  let parsed;
  try {
    if (file.size > 1024 * 1024) throw new Error("too large");
    parsed = JSON.parse(await file.text());
  } catch (e) {
    status("That file is not a Loupe settings file (JSON).", true);
    input.value = "";
    return;
  }
  const settings = parsed && typeof parsed === "object" && parsed.settings && typeof parsed.settings === "object" ? parsed.settings : parsed;
  if (!settings || typeof settings !== "object" || Array.isArray(settings)) {
    status("That file holds no Loupe settings.", true);
    input.value = "";
    return;
  }
  fill(loupeMerge(settings));
  input.value = "";
  status("Imported " + file.name + ": check the settings and click Save.");
}

async function shortcut() {
  try {
    const commands = await chrome.commands.getAll();
    const action = commands.find((c) => c.name === "_execute_action");
    $("shortcut").textContent = action && action.shortcut ? action.shortcut : "not set";
  } catch (e) { /* keep the default text */ }
}

document.addEventListener("DOMContentLoaded", async () => {
  fill(await loupeSettings());
  $("flag-emotive").addEventListener("change", syncCategories);
  $("options").addEventListener("submit", save);
  $("check").addEventListener("click", check);
  $("export").addEventListener("click", exportSettings);
  $("import-file").addEventListener("change", importSettings);
  $("export-log").addEventListener("click", exportLog);
  $("clear-log").addEventListener("click", clearLog);
  $("ignore-words").addEventListener("change", listCorrections);
  shortcut();
});
