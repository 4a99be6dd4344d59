/* Loupe highlighting, 4 of 5 (after tooltip.js): this article's report as a file the reader keeps: the report as
 * JSON, or one CSV row per flagged sentence (text, flag, tier, reason, cue words, source). Made in the page as a
 * Blob and saved through a temporary <a download> that is never put in the document; nothing is sent anywhere.
 */
(function (global) {
  "use strict";
  // Loupe's globals are looked up as own properties only: a page element named "Loupe" (<form id="Loupe">) shows
  // through as a named property of the window, and must neither stop Loupe nor stand in for it
  const own = (name) => (Object.prototype.hasOwnProperty.call(global, name) ? global[name] : undefined);
  if (own("Loupe") && own("Loupe").version) return; // injected twice into the same world: keep the first
  const L = own("Loupe").internal;
  const { QUOTED } = L;

  const KINDS = ["uncited", "emotive", QUOTED];
  const CSV_HEADER = ["text", "flag", "tier", "reason", "cue words", "source"];

  /** A CSV cell: quoted when it must be, and a leading = + - @ made inert (a spreadsheet would run it as a formula). */
  function csvCell(value) {
    let text = value === undefined || value === null ? "" : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
    return /[",\r\n]/.test(text) ? "\"" + text.replace(/"/g, "\"\"") + "\"" : text;
  }

  const unique = (list) => list.filter((x, i) => x && list.indexOf(x) === i);

  /** The report's flagged sentences as rows (header first): every flag of a kind Loupe knows, whatever is shown. */
  function reportRows(report) {
    const rows = [CSV_HEADER];
    const sentences = Array.isArray(report && report.sentences) ? report.sentences : [];
    for (const s of sentences) {
      if (!s || typeof s.text !== "string") continue;
      const flags = (Array.isArray(s.flags) ? s.flags : []).filter((f) => f && typeof f === "object" && KINDS.indexOf(f.kind) >= 0);
      if (!flags.length) continue;
      const cs = s.claim_strength && typeof s.claim_strength === "object" ? s.claim_strength : null;
      const uncited = flags.some((f) => f.kind === "uncited");
      const cues = [];
      for (const f of flags) {
        if (f.kind === "uncited") continue;
        for (const d of Array.isArray(f.detail) ? f.detail : []) if (d && d.span && d.span.text) cues.push(String(d.span.text));
      }
      const sources = (Array.isArray(s.evidence) ? s.evidence : []).filter((e) => e && typeof e === "object").map((e) => {
        const src = e.source && typeof e.source === "object" ? e.source.text || e.source.url || "" : "";
        return String(e.cue || e.type || "") + (src ? " \u2192 " + src : "");
      });
      rows.push([
        s.text,
        flags.map((f) => f.kind).join("; "),
        uncited && cs && typeof cs.tier === "string" ? cs.tier : "",
        flags.map((f) => String(f.reason || "")).filter(Boolean).join("; ") +
          (uncited && cs && cs.reason ? " (" + (cs.tier === "check-worthy" ? "worth checking: " : "") + cs.reason + ")" : ""),
        unique(cues).join(", "),
        unique(sources).join("; "),
      ]);
    }
    return rows;
  }

  function reportCsv(report) {
    return reportRows(report).map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
  }

  /** "loupe-the-heroic-fight-for-harbour-town.csv": a file name from the title, letters and digits only. */
  function fileName(report, extension) {
    const title = report && typeof report.title === "string" ? report.title : "";
    const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60).replace(/-+$/, "");
    return "loupe-" + (slug || "report") + "." + extension;
  }

  /** Save the report as "json" or "csv" (a download the browser asks nothing about); returns the file name. */
  function exportReport(doc, report, format) {
    const csv = format === "csv";
    // the CSV starts with a byte order mark so spreadsheets read it as UTF-8
    const text = csv ? "\uFEFF" + reportCsv(report) : JSON.stringify(report, null, 2) + "\n";
    const win = doc.defaultView || global;
    const blob = new win.Blob([text], { type: csv ? "text/csv;charset=utf-8" : "application/json" });
    const url = win.URL.createObjectURL(blob);
    const link = doc.createElement("a");   // never added to the page
    link.href = url;
    link.download = fileName(report, csv ? "csv" : "json");
    link.rel = "noopener";
    link.click();
    win.setTimeout(() => win.URL.revokeObjectURL(url), 30000);
    return link.download;
  }

  Object.assign(L, { reportRows, reportCsv, exportReport });
})(typeof globalThis !== "undefined" ? globalThis : window);
