/* Loupe highlighting, 3 of 5 (after draw.js): the tooltip (its lines, showing and hiding it beside a mark) and
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
  const { MARK, QUOTED } = L;

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
    if (job.flags.length && !job.counted.length && !source && mark && !mark.classList.contains("loupe-quoted") &&
        mark.getAttribute("tabindex") !== "0") return lines;
    if (source) lines.push(["Source", sourceText(source)]);
    for (const flag of job.flags) {
      if (flag.kind === "uncited") {
        lines.push(["Uncited", flag.reason || "a claim with no citation"]);
        const cs = job.sentence.claim_strength;
        if (job.tier === "check-worthy") {
          lines.push(["Worth checking", String((cs && cs.reason) || job.sentence.claim || "a claim a reader would want sourced")]);
        } else if (job.tier === "minor") {
          lines.push(["Minor claim", "", "loupe-tip-minor"]);
        }
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
    // where the sentence's words come from: attribution, quotation, link, marker (not repeated over a marker)
    if (!source) {
      for (const ev of job.evidence || []) {
        const line = evidenceLine(ev, job);
        if (line) lines.push(line);
      }
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

  const quoteMark = (text) => "\u2018" + String(text) + "\u2019";

  /** One evidence item as a tooltip row: "Sourced: ‘police said’", "Quote from Maria Lopez", "Link: …", "Marker: [3] → …". */
  function evidenceLine(ev, job) {
    const cue = typeof ev.cue === "string" ? ev.cue.trim() : "";
    const note = typeof ev.note === "string" && ev.note ? " (" + ev.note + ")" : "";
    if (ev.type === "attribution") return ["Sourced", (cue ? quoteMark(cue) : "a named source") + note];
    if (ev.type === "quote") {
      const named = /the speaker, (.+?), is named/.exec(ev.note || "");
      let speaker = named ? named[1] : "";
      for (const flag of job.flags) {
        for (const d of flag.detail || []) if (!speaker && d.in_quote && d.speaker) speaker = String(d.speaker);
      }
      if (speaker) return ["Quote from " + speaker, cue ? "\u201C" + cue.replace(/^[\u201C"]|[\u201D"]$/g, "") + "\u201D" : ""];
      return ["Quote", (cue || "a quotation") + note];
    }
    if (ev.type === "link") {
      const url = ev.source && typeof ev.source.url === "string" ? ev.source.url : "";
      return ["Link", (cue ? quoteMark(cue) : "a link") + (url ? " \u2192 " + url : "")];
    }
    if (ev.type === "marker") return ["Marker", sourceText(Object.assign({}, ev, { cue: /^\d+$/.test(cue) ? "[" + cue + "]" : cue }))];
    if (ev.type === "continuation") return ["Continues the source before", ev.note || cue];
    return null;
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
    const fresh = !L.uiElement(doc, "tooltip");
    const tip = L.uiElementOrNew(doc, "tooltip", "loupe-tooltip", { role: "tooltip" });
    if (fresh) tip.hidden = true;
    return tip;
  }

  function showTooltip(st, mark) {
    const job = st.jobs.get(Number(mark.getAttribute(MARK)));
    if (!job) return;
    const tip = tooltipElement(st.doc);
    // the reader is on one of its buttons: keep them (only move the box)
    if (!(st.tipFor === mark && !tip.hidden && inTip(st, st.doc.activeElement))) fillTooltip(st, tip, job, mark);
    if (tip.hidden && !tip.firstChild) return;
    place(st, tip, mark);
  }

  function fillTooltip(st, tip, job, mark) {
    const lines = tooltipLines(job, mark);
    if (!lines.length) { hideTooltip(st); tip.textContent = ""; return; } // nothing to say about this piece: no empty box
    tip.textContent = "";
    for (const [strong, text, cls] of lines) {
      const row = st.doc.createElement("div");
      row.className = "loupe-tip-row" + (cls ? " " + cls : "");
      if (strong) {
        const b = st.doc.createElement("strong");
        b.textContent = text ? strong + ": " : strong;
        row.appendChild(b);
      }
      if (text) row.appendChild(st.doc.createTextNode(text));
      tip.appendChild(row);
    }
    // "Not right?": one button per flag the tooltip speaks of; a click hides that flag on this page (panel.js)
    if (job.flags.length) {
      const actions = st.doc.createElement("div");
      actions.className = "loupe-tip-actions";
      for (const flag of job.flags) {
        const button = st.doc.createElement("button");
        button.type = "button";
        button.className = "loupe-not-right";
        button.setAttribute("data-kind", flag.kind === "uncited" ? "uncited" : flag.kind === QUOTED ? QUOTED : "emotive");
        button.textContent = "Not right?" + (job.flags.length > 1 ? " (" + KIND_NAMES[flag.kind] + ")" : "");
        button.title = "Hide this flag on this page, and tell Loupe it was wrong";
        button.addEventListener("click", (e) => { e.preventDefault(); e.stopPropagation(); L.dismiss(st, job.index, flag.kind); });
        actions.appendChild(button);
      }
      tip.appendChild(actions);
    }
    st.tipFor = mark;
    tip.hidden = false;
  }

  function place(st, tip, mark) {
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

  const KIND_NAMES = { uncited: "uncited", emotive: "emotive", [QUOTED]: "quoted wording" };

  function hideTooltip(st) {
    cancelHide(st);
    const tip = L.uiElement(st.doc, "tooltip");
    if (tip) tip.hidden = true;
    if (st.described) { st.described.removeAttribute("aria-describedby"); st.described = null; }
  }

  // the tooltip holds buttons: leaving a mark waits a moment, so the pointer can reach them
  const HIDE_DELAY_MS = 350;
  function scheduleHide(st) {
    cancelHide(st);
    st.hideTimer = st.doc.defaultView.setTimeout(() => { st.hideTimer = 0; hideTooltip(st); }, HIDE_DELAY_MS);
  }
  function cancelHide(st) {
    if (st.hideTimer) st.doc.defaultView.clearTimeout(st.hideTimer);
    st.hideTimer = 0;
  }
  function inTip(st, node) {
    const tip = L.uiElement(st.doc, "tooltip");
    return !!(node && tip && node.nodeType === 1 && tip.contains(node));
  }

  function markFrom(target) {
    if (!target || target.nodeType !== 1) return null;
    return target.closest("mark[" + MARK + "]") ||
      (target.matches("a,button,[tabindex]") ? target.querySelector("mark[" + MARK + "]") : null);
  }

  function attachListeners(st) {
    const on = (type, fn) => { st.doc.addEventListener(type, fn, true); st.listeners.push([type, fn]); };
    on("mouseover", (e) => {
      if (inTip(st, e.target)) { cancelHide(st); return; }
      const m = markFrom(e.target);
      if (m) { cancelHide(st); showTooltip(st, m); }
    });
    on("mouseout", (e) => {
      const to = e.relatedTarget;
      if (inTip(st, to)) return;
      if (inTip(st, e.target)) {
        if (!(st.tipFor && to && st.tipFor.contains(to)) && !inTip(st, st.doc.activeElement)) scheduleHide(st);
        return;
      }
      const m = markFrom(e.target);
      if (m && !(to && m.contains(to)) && st.doc.activeElement !== m) scheduleHide(st);
    });
    on("focusin", (e) => { const m = markFrom(e.target); if (m) { cancelHide(st); showTooltip(st, m); } });
    on("focusout", (e) => {
      if (inTip(st, e.relatedTarget)) return;       // into the tooltip's buttons
      if (markFrom(e.target) || (inTip(st, e.target) && !(st.tipFor && st.tipFor === e.relatedTarget))) hideTooltip(st);
    });
    on("keydown", (e) => {
      const active = st.doc.activeElement;
      if (e.key === "Escape") {
        const back = inTip(st, active) ? st.tipFor : null;
        hideTooltip(st);
        if (back) back.focus();
        return;
      }
      const buttons = () => {
        const tip = L.uiElement(st.doc, "tooltip");
        return tip && !tip.hidden ? [...tip.querySelectorAll("button")] : [];
      };
      // Enter on a highlighted sentence reaches its "Not right?" buttons; Tab past them goes back to the sentence
      if (e.key === "Enter" && active && active.matches && active.matches("mark[" + MARK + "]") && active === st.tipFor) {
        const list = buttons();
        if (list.length) { e.preventDefault(); list[0].focus(); }
      } else if (e.key === "Tab" && inTip(st, active)) {
        const list = buttons();
        const i = list.indexOf(active);
        const j = i + (e.shiftKey ? -1 : 1);
        e.preventDefault();
        if (j >= 0 && j < list.length) list[j].focus();
        else if (st.tipFor) st.tipFor.focus();
      }
    });
    // keep an open tooltip beside its mark while the page scrolls (step() scrolls to the next sentence itself)
    let queued = false;
    on("scroll", () => {
      if (!st.described || queued) return;
      queued = true;
      st.doc.defaultView.requestAnimationFrame(() => { queued = false; if (st.described) showTooltip(st, st.described); });
    });
  }

  function detachListeners(st) {
    cancelHide(st);
    for (const [type, fn] of st.listeners) st.doc.removeEventListener(type, fn, true);
    st.listeners = [];
  }

  Object.assign(L, { CATEGORY_NAMES, showTooltip, attachListeners, detachListeners });
})(typeof globalThis !== "undefined" ? globalThis : window);
