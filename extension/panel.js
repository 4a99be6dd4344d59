/* Loupe highlighting, 5 of 5 (after export.js): the panel (counts, Previous / Next, close), stepping through the
 * flagged sentences, and messages (errors, or why nothing happened); then the public API on `Loupe`.
 * Everything taken from a report is written with textContent: the page and the report may be hostile.
 */
(function (global) {
  "use strict";
  // Loupe's globals are looked up as own properties only: a page element named "Loupe" (<form id="Loupe">) shows
  // through as a named property of the window, and must neither stop Loupe nor stand in for it
  const own = (name) => (Object.prototype.hasOwnProperty.call(global, name) ? global[name] : undefined);
  if (own("Loupe") && own("Loupe").version) return; // injected twice into the same world: keep the first
  const L = own("Loupe").internal;
  const { QUOTED, clear, isDark, showTooltip, highlight } = L;

  function panelElement(doc) {
    const panel = L.uiElementOrNew(doc, "panel", "loupe-panel", { role: "region", "aria-label": "Loupe" });
    panel.textContent = "";
    return panel;
  }

  function el(doc, tag, cls, text) {
    const e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function showPanel(result) {
    const st = L.drawing();
    if (!st) return;
    const doc = st.doc;
    const panel = panelElement(doc);
    if (st.dark) panel.setAttribute("data-loupe-theme", "dark");
    const head = el(doc, "div", "loupe-panel-head");
    head.appendChild(el(doc, "span", "loupe-panel-title", "Loupe"));
    const close = el(doc, "button", "loupe-panel-close", "\u00D7");
    close.type = "button";
    close.setAttribute("aria-label", "Turn Loupe off on this page");
    close.title = "Remove the highlights";
    close.addEventListener("click", () => { const cb = st.onClose; clear(st.root); if (cb) cb(); });
    head.appendChild(close);
    panel.appendChild(head);

    const counts = el(doc, "div", "loupe-counts");
    const uncited = el(doc, "span", "loupe-count loupe-swatch-uncited");
    uncited.setAttribute("data-flag", "uncited");
    const tiers = result.tiers || { tiered: false };
    // uncited claims by tier when the server rates them: "14 worth checking · 48 minor"
    uncited.textContent = tiers.tiered || tiers.hidden ? tiers.worth + " worth checking" : result.counts.uncited + " uncited";
    if (tiers.tiered || tiers.hidden) uncited.title = "Uncited claims a reader would most want sourced";
    counts.appendChild(uncited);
    if (tiers.tiered || tiers.hidden) {
      const minor = el(doc, "span", "loupe-count loupe-swatch-minor");
      minor.setAttribute("data-flag", "minor");
      minor.textContent = tiers.hidden ? tiers.hidden + " minor (hidden)" : tiers.minor + " minor";
      minor.title = tiers.hidden ? "Minor uncited claims are hidden (Loupe's options: Show minor claims)"
        : "Uncited claims less likely to matter: drawn fainter";
      counts.appendChild(minor);
    }
    const emotive = el(doc, "span", "loupe-count loupe-swatch-emotive");
    emotive.setAttribute("data-flag", "emotive");
    emotive.textContent = result.counts.emotive + " emotive";
    counts.appendChild(emotive);
    if (result.quoted) {
      // set apart from the writer's counts: quoted wording is shown, never counted
      const quoted = el(doc, "span", "loupe-count loupe-swatch-quoted");
      quoted.setAttribute("data-flag", QUOTED);
      quoted.textContent = result.quoted + " quoted";
      quoted.title = "Sentences quoting someone's emotive words: the speaker's, not the writer's (not counted)";
      counts.appendChild(quoted);
    }
    panel.appendChild(counts);
    const share = result.share;
    if (share && share.claims) {
      const line = el(doc, "div", "loupe-share",
        share.sourced + " of " + share.claims + " claim" + (share.claims > 1 ? "s" : "") + " name a source");
      line.title = "Claims in the article's body that carry a link, a reference marker, a named source or an attributed quote";
      panel.appendChild(line);
    }

    const nav = el(doc, "div", "loupe-nav");
    const prev = el(doc, "button", "loupe-prev", "\u2190 Previous");
    const next = el(doc, "button", "loupe-next", "Next \u2192");
    prev.type = next.type = "button";
    const where = el(doc, "span", "loupe-where");
    where.setAttribute("aria-live", "polite");
    where.textContent = st.order.length ? st.order.length + " flagged" : "Nothing flagged";
    prev.disabled = next.disabled = !st.order.length;
    prev.addEventListener("click", () => step(-1));
    next.addEventListener("click", () => step(1));
    nav.appendChild(prev);
    nav.appendChild(where);
    nav.appendChild(next);
    panel.appendChild(nav);
    if (result.missing.length) {
      panel.appendChild(el(doc, "div", "loupe-note",
        result.missing.length + " flagged sentence" + (result.missing.length > 1 ? "s" : "") + " could not be found on the page."));
    }
    if (st.options.correction) panel.appendChild(correctionNote(st, st.options.correction));

    const save = el(doc, "div", "loupe-export");
    save.appendChild(el(doc, "span", "", "Export report: "));
    for (const [format, label] of [["json", "JSON"], ["csv", "CSV"]]) {
      const button = el(doc, "button", "loupe-export-" + format, label);
      button.type = "button";
      button.title = format === "csv" ? "One row per flagged sentence, as a spreadsheet file" : "The whole report, as a JSON file";
      button.addEventListener("click", () => L.exportReport(doc, st.report, format));
      save.appendChild(button);
    }
    panel.appendChild(save);
  }

  // ------------------------------------------------------------------ "Not right?"

  /** The reader says a flag is wrong: hide it on this page, and offer to ignore its cue words here or everywhere. */
  function dismiss(st, index, kind) {
    const job = st.jobs.get(index);
    const flag = job && job.flags.find((f) => f.kind === kind);
    if (!flag) return;
    // the cue words only (never the sentence): an uncited flag has none
    const cues = kind === "uncited" ? [] : [...new Set((flag.detail.length ? flag.detail.map((d) => d.span && d.span.text)
      : flag.spans.map((x) => x.text)).filter((t) => typeof t === "string" && t.trim()).map((t) => t.trim().slice(0, 100)))].slice(0, 5);
    const rule = typeof flag.rule === "string" ? flag.rule.slice(0, 200) : kind;
    const dismissed = new Set(st.dismissed);
    dismissed.add(index + ":" + kind);
    const correction = { kind, rule, cues, done: "" };
    const result = highlight(st.report, Object.assign({}, st.options, { dismissed, correction }));
    if (st.onCorrection) st.onCorrection({ action: "hide", rule, cues }, result);
    focusCorrection(st.doc);
  }

  /** Ignore the dismissed flag's cue words on this site or everywhere (the extension stores it; the page redraws). */
  function ignoreCues(st, correction, scope) {
    const settings = Object.assign({}, st.options.settings || {});
    settings.ignoreWords = (Array.isArray(settings.ignoreWords) ? settings.ignoreWords : []).concat(correction.cues);
    const done = Object.assign({}, correction, { done: scope });
    const result = highlight(st.report, Object.assign({}, st.options, { settings, correction: done }));
    if (st.onCorrection) st.onCorrection({ action: scope, rule: correction.rule, cues: correction.cues }, result);
    focusCorrection(st.doc);
  }

  function focusCorrection(doc) {
    const panel = L.uiElement(doc, "panel");
    const target = panel && (panel.querySelector(".loupe-correction button") || panel.querySelector(".loupe-correction"));
    if (target) target.focus({ preventScroll: true });
  }

  function correctionNote(st, correction) {
    const doc = st.doc;
    const note = el(doc, "div", "loupe-correction");
    note.setAttribute("role", "status");
    note.tabIndex = -1;
    const words = correction.cues.map((c) => "\u2018" + c + "\u2019").join(", ");
    const what = correction.kind === "uncited" ? "uncited claim" : correction.kind === QUOTED ? "quoted wording" : "emotive wording";
    if (correction.done) {
      note.appendChild(el(doc, "p", "", words + " will not be flagged " +
        (correction.done === "site" ? "on this site" : "anywhere") + ". Undo it in Loupe\u2019s options."));
      return note;
    }
    note.appendChild(el(doc, "p", "", "Hidden on this page: " + what + (words ? " " + words : "") + "."));
    if (!correction.cues.length || !st.onCorrection) return note;   // the demo page keeps no settings
    const row = el(doc, "p", "", "Never flag " + words + ": ");
    for (const [scope, label] of [["site", "on this site"], ["everywhere", "everywhere"]]) {
      const button = el(doc, "button", "loupe-ignore-" + scope, label);
      button.type = "button";
      button.addEventListener("click", () => ignoreCues(st, correction, scope));
      row.appendChild(button);
      row.appendChild(doc.createTextNode(" "));
    }
    note.appendChild(row);
    return note;
  }

  /** Move to the next (+1) or previous (-1) flagged sentence: scroll to it, focus it, show its tooltip. */
  function step(direction) {
    const st = L.drawing();
    if (!st || !st.order.length) return -1;
    const n = st.order.length;
    st.current = st.current < 0 ? (direction > 0 ? 0 : n - 1) : (st.current + direction + n) % n;
    const index = st.order[st.current];
    for (const m of st.root.querySelectorAll("mark.loupe-current")) m.classList.remove("loupe-current");
    const marks = st.marks.get(index) || [];
    for (const m of marks) m.classList.add("loupe-current");
    const target = marks.find((m) => m.getAttribute("tabindex") === "0") || marks[0];
    if (target) {
      target.scrollIntoView({ block: "center", behavior: "instant" });
      if (target.getAttribute("tabindex") === "0") target.focus({ preventScroll: true });
      showTooltip(st, target);
    }
    const panel = L.uiElement(st.doc, "panel");
    const where = panel && panel.querySelector(".loupe-where");
    if (where) where.textContent = (st.current + 1) + " of " + n;
    return index;
  }

  /** A message in the panel (an error, or why nothing happened); the page's own content is not touched. */
  function showMessage(doc, title, lines, options) {
    doc = doc || document;
    options = options || {};
    const panel = panelElement(doc);
    if (isDark(doc)) panel.setAttribute("data-loupe-theme", "dark");
    panel.setAttribute("role", "alert");
    const head = el(doc, "div", "loupe-panel-head");
    head.appendChild(el(doc, "span", "loupe-panel-title", title));
    const close = el(doc, "button", "loupe-panel-close", "\u00D7");
    close.type = "button";
    close.setAttribute("aria-label", "Close");
    close.addEventListener("click", () => { panel.remove(); if (options.onClose) options.onClose(); });
    head.appendChild(close);
    panel.appendChild(head);
    for (const line of lines || []) {
      const p = el(doc, "p", "loupe-message");
      // words that come from elsewhere ({text}: the server's message, which a page can make it echo) are shown
      // exactly as they are; only Loupe's own advice (a plain string) sets `code` pieces (commands to type) apart
      if (line && typeof line === "object") {
        p.textContent = String(line.text);
        panel.appendChild(p);
        continue;
      }
      // all of it is text, never markup
      for (const part of String(line).split(/(`[^`]+`)/)) {
        if (!part) continue;
        if (part.startsWith("`") && part.endsWith("`")) p.appendChild(el(doc, "code", "", part.slice(1, -1)));
        else p.appendChild(doc.createTextNode(part));
      }
      panel.appendChild(p);
    }
    return panel;
  }

  L.showPanel = showPanel; // highlight() (draw.js) draws the panel through it
  L.dismiss = dismiss;     // the tooltip's "Not right?" buttons (tooltip.js)

  const { normalize, buildStream, findSentence, visibleFlags, isActive, CATEGORY_NAMES } = L;
  Object.assign(own("Loupe"), {
    version: 1, normalize, buildStream, findSentence, visibleFlags, highlight, clear, step, showMessage,
    isActive, CATEGORY_NAMES,
  });
})(typeof globalThis !== "undefined" ? globalThis : window);
