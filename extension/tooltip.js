/* Loupe highlighting, 3 of 4 (after draw.js): the tooltip (its lines, showing and hiding it beside a mark) and
 * the page listeners that open it on hover and focus. Everything taken from a report is written with textContent:
 * the page and the report may be hostile.
 */
(function (global) {
  "use strict";
  // Loupe's globals are looked up as own properties only: a page element named "Loupe" (<form id="Loupe">) shows
  // through as a named property of the window, and must neither stop Loupe nor stand in for it
  const own = (name) => (Object.prototype.hasOwnProperty.call(global, name) ? global[name] : undefined);
  if (own("Loupe") && own("Loupe").version) return; // injected twice into the same world: keep the first
  const L = own("Loupe").internal;
  const { MARK, UI, QUOTED } = L;

  // the server's names for its categories (shared.js, generated from server/shared.json)
  const CATEGORY_NAMES = Object.fromEntries(own("LOUPE_SHARED").categories.map(([id, name]) => [id, name]));

  /** A category's name for the reader ("loaded language"); an unknown one as the server spelled it. */
  function categoryName(category) {
    if (category === undefined || category === null || category === "") return "";
    return Object.prototype.hasOwnProperty.call(CATEGORY_NAMES, category) ? CATEGORY_NAMES[category] : String(category);
  }

  /** The tooltip's rows, [strong, text, class?]: the source, the writer's flags, then quoted wording set apart. */
  function tooltipLines(job, mark) {
    const lines = [];
    const source = mark && mark.loupeSource;
    // a sentence with only quoted wording speaks from its quoted words (and its focus stop), not from every piece
    if (!job.counted.length && !source && mark && !mark.classList.contains("loupe-quoted") &&
        mark.getAttribute("tabindex") !== "0") return lines;
    if (source) lines.push(["Source", sourceText(source)]);
    for (const flag of job.flags) {
      if (flag.kind === "uncited") {
        lines.push(["Uncited", flag.reason || "a claim with no citation"]);
      } else if (flag.kind === "emotive") {
        const detail = flag.detail && flag.detail.length ? flag.detail : [{ reason: flag.reason }];
        for (const d of detail) {
          const cat = categoryName(d.category) || "emotive";
          const cue = d.span && d.span.text ? "\u201C" + d.span.text + "\u201D" : "";
          let why = d.reason || "";
          // the server's reason repeats "category: 'cue'" before its explanation; keep the explanation
          const paren = /\(([^)]*)\)\s*$/.exec(why);
          if (paren) why = paren[1];
          let line = (cue ? cue + " \u2014 " : "") + why;
          if (d.in_quote) line += d.speaker ? " (in a quote from " + d.speaker + ")" : " (inside a quotation)";
          lines.push(["Emotive: " + cat, line]);
        }
      }
    }
    if (!source && job.flags.length) {
      const cited = (Array.isArray(job.sentence.evidence) ? job.sentence.evidence : []).filter((e) => e && e.source);
      for (const ev of cited) lines.push(["Cites", sourceText(ev)]);
    }
    const quoted = quoteLines(job.flags.filter((f) => f.kind === QUOTED));
    if (quoted.length) {
      quoted[0][2] = lines.length ? "loupe-tip-quote loupe-tip-sep" : "loupe-tip-quote";
      lines.push(...quoted);
      lines.push(["", "The speaker\u2019s words, not the writer\u2019s: not counted as emotive.", "loupe-tip-quote loupe-tip-aside"]);
    }
    return lines;
  }

  /** "In a quote from Councillor X: ‘disgraceful’ (loaded language)": one row per speaker, in order of appearance. */
  function quoteLines(flags) {
    const bySpeaker = new Map(); // speaker ("" when unnamed) -> [word text]
    for (const flag of flags) {
      const detail = flag.detail.length ? flag.detail
        : flag.spans.map((span) => ({ span, speaker: null, category: null }));
      for (const d of detail) {
        const word = d.span && d.span.text ? "\u2018" + String(d.span.text) + "\u2019" : "";
        const cat = categoryName(d.category);
        const text = word && cat ? word + " (" + cat + ")" : word || cat;
        if (!text) continue;
        const who = d.speaker ? String(d.speaker) : "";
        if (!bySpeaker.has(who)) bySpeaker.set(who, []);
        if (bySpeaker.get(who).indexOf(text) < 0) bySpeaker.get(who).push(text);
      }
      if (!detail.length && flag.reason) bySpeaker.set("", [String(flag.reason)]);
    }
    const rows = [];
    for (const [who, words] of bySpeaker) {
      rows.push([who ? "In a quote from " + who : "In a quotation", words.join(", "), "loupe-tip-quote"]);
    }
    return rows;
  }

  function sourceText(ev) {
    if (!ev.source) return (ev.cue ? ev.cue + " \u2014 " : "") + (ev.note || "no matching entry in the reference list");
    const src = ev.source;
    const label = ev.cue ? ev.cue + " \u2192 " : "";
    let out = label + (src.text || src.url || src.id || "a source");
    if (src.url && src.text && src.text.indexOf(src.url) < 0) out += " (" + src.url + ")";
    return out;
  }

  function tooltipElement(doc) {
    let tip = L.uiElement(doc, "tooltip");
    if (!tip) {
      tip = doc.createElement("div");
      tip.id = "loupe-tooltip";
      tip.setAttribute(UI, "");
      tip.setAttribute("role", "tooltip");
      tip.hidden = true;
      L.ownUi(doc, "tooltip", tip);
      doc.documentElement.appendChild(tip); // outside <body>: the page's own content stays as it was
    }
    return tip;
  }

  function showTooltip(st, mark) {
    const job = st.jobs.get(Number(mark.getAttribute(MARK)));
    if (!job) return;
    const tip = tooltipElement(st.doc);
    const lines = tooltipLines(job, mark);
    if (!lines.length) { hideTooltip(st); return; } // nothing to say about this piece: no empty box
    tip.textContent = "";
    for (const [strong, text, cls] of lines) {
      const row = st.doc.createElement("div");
      row.className = "loupe-tip-row" + (cls ? " " + cls : "");
      if (strong) {
        const b = st.doc.createElement("strong");
        b.textContent = strong + ": ";
        row.appendChild(b);
      }
      row.appendChild(st.doc.createTextNode(text));
      tip.appendChild(row);
    }
    if (st.dark) tip.setAttribute("data-loupe-theme", "dark"); else tip.removeAttribute("data-loupe-theme");
    tip.hidden = false;
    const rect = mark.getBoundingClientRect();
    const win = st.doc.defaultView;
    const width = Math.min(360, win.innerWidth - 16);
    tip.style.maxWidth = width + "px";
    const left = Math.max(8, Math.min(rect.left, win.innerWidth - width - 8));
    tip.style.left = left + "px";
    const below = rect.bottom + 6;
    const height = tip.offsetHeight;
    tip.style.top = (below + height > win.innerHeight && rect.top - height - 6 > 0 ? rect.top - height - 6 : below) + "px";
    if (st.described && st.described !== mark) st.described.removeAttribute("aria-describedby");
    // by id when the id is Loupe's alone; when the page has an element with the same id, by reference
    if (st.doc.getElementById(tip.id) === tip) mark.setAttribute("aria-describedby", tip.id);
    else mark.ariaDescribedByElements = [tip];
    st.described = mark;
  }

  function hideTooltip(st) {
    const tip = L.uiElement(st.doc, "tooltip");
    if (tip) tip.hidden = true;
    if (st.described) { st.described.removeAttribute("aria-describedby"); st.described = null; }
  }

  function markFrom(target) {
    if (!target || target.nodeType !== 1) return null;
    return target.closest("mark[" + MARK + "]") ||
      (target.matches("a,button,[tabindex]") ? target.querySelector("mark[" + MARK + "]") : null);
  }

  function attachListeners(st) {
    const on = (type, fn) => { st.doc.addEventListener(type, fn, true); st.listeners.push([type, fn]); };
    on("mouseover", (e) => { const m = markFrom(e.target); if (m) showTooltip(st, m); });
    on("mouseout", (e) => {
      const m = markFrom(e.target);
      if (m && !(e.relatedTarget && m.contains(e.relatedTarget)) && st.doc.activeElement !== m) hideTooltip(st);
    });
    on("focusin", (e) => { const m = markFrom(e.target); if (m) showTooltip(st, m); });
    on("focusout", (e) => { if (markFrom(e.target)) hideTooltip(st); });
    on("keydown", (e) => { if (e.key === "Escape") hideTooltip(st); });
    // keep an open tooltip beside its mark while the page scrolls (step() scrolls to the next sentence itself)
    let queued = false;
    on("scroll", () => {
      if (!st.described || queued) return;
      queued = true;
      st.doc.defaultView.requestAnimationFrame(() => { queued = false; if (st.described) showTooltip(st, st.described); });
    });
  }

  function detachListeners(st) {
    for (const [type, fn] of st.listeners) st.doc.removeEventListener(type, fn, true);
    st.listeners = [];
  }

  Object.assign(L, { CATEGORY_NAMES, showTooltip, attachListeners, detachListeners });
})(typeof globalThis !== "undefined" ? globalThis : window);
