/* Loupe highlighting: maps the server's sentences onto a live page and draws marks, tooltips and a panel.
 *
 * One file for the extension's content script and the server's demo page, so both draw the same way.
 * Everything taken from a report is written with textContent: the page and the report may be hostile.
 */
(function (global) {
  "use strict";
  if (global.Loupe && global.Loupe.version) return; // injected twice into the same world: keep the first

  const MARK = "data-loupe";        // on every mark Loupe draws; its value is the sentence index
  const UI = "data-loupe-ui";            // on Loupe's own tooltip and panel, which the mapping must skip
  // Elements whose text is not article prose (the server skips the same ones) or that must never change.
  const SKIP_TAGS = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "TEXTAREA", "INPUT", "SELECT", "OPTION",
    "BUTTON", "SVG", "MATH", "IFRAME", "OBJECT", "EMBED", "CANVAS", "VIDEO", "AUDIO", "HEAD", "TITLE"]);
  // Whitespace-only text nodes under these parents sit between table rows or list items: wrapping them breaks layout.
  const NO_WRAP_PARENTS = new Set(["TABLE", "TBODY", "THEAD", "TFOOT", "TR", "UL", "OL", "DL", "COLGROUP", "HTML"]);
  const CATEGORY_NAMES = {
    puffery: "puffery", loaded: "loaded language", exaggeration: "exaggeration", fear: "appeal to fear",
    labels: "name-calling", editorializing: "editorializing", doubt: "doubt", weasel: "weasel words",
  };

  // ------------------------------------------------------------------ normalization

  // Typographic forms the server and the page may spell differently. Whitespace and invisible characters are
  // dropped entirely: the comparison runs on the non-space characters only, so line breaks, <br>, and spaces
  // between inline elements can never make a sentence unfindable.
  const CHAR_MAP = new Map();
  for (const c of "\u2018\u2019\u201A\u201B\u2039\u203A\u2032\u0060\u00B4\u02BC") CHAR_MAP.set(c, "'");
  for (const c of "\u201C\u201D\u201E\u201F\u00AB\u00BB\u2033") CHAR_MAP.set(c, '"');
  for (const c of "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\uFE58\uFE63\uFF0D") CHAR_MAP.set(c, "-");
  CHAR_MAP.set("\u2026", "...");
  CHAR_MAP.set("\uFB01", "fi");
  CHAR_MAP.set("\uFB02", "fl");
  const DROP = /[\s\u00AD\u200B-\u200F\u2028-\u202F\u205F-\u2064\u2066-\u206F\uFEFF]/;

  function normChar(c) {
    if (DROP.test(c)) return "";
    const mapped = CHAR_MAP.get(c);
    if (mapped !== undefined) return mapped;
    const lower = c.toLowerCase();
    return lower.length === 1 ? lower : c;
  }

  /** Normalized form of a string and, for each normalized character, its index in the original. */
  function normalize(text) {
    let out = "";
    const index = [];
    for (let i = 0; i < text.length; i++) {
      const n = normChar(text[i]);
      for (let k = 0; k < n.length; k++) index.push(i);
      out += n;
    }
    return { text: out, index };
  }

  // ------------------------------------------------------------------ the page's character stream

  function isSkipped(el) {
    if (SKIP_TAGS.has(el.tagName.toUpperCase())) return true;
    if (el.hasAttribute(UI) || el.hasAttribute("hidden")) return true;
    if (el.getAttribute("aria-hidden") === "true") return true;
    const editable = el.getAttribute("contenteditable");
    return editable !== null && editable !== "false";
  }

  function nextNode(node, root) {
    if (node.firstChild) return node.firstChild;
    return skipSubtreeNext(node, root);
  }

  function skipSubtreeNext(node, root) {
    while (node && node !== root) {
      if (node.nextSibling) return node.nextSibling;
      node = node.parentNode;
    }
    return null;
  }

  // the loop's nextNode() must move past the skipped element's subtree: return its last descendant
  function skipSubtree(node) {
    while (node.lastChild) node = node.lastChild;
    return node;
  }

  /** Visible text nodes under root in document order, and their non-space characters as one stream. */
  function buildStream(root) {
    const visible = new Map(); // parent element -> rendered?
    const nodes = [];
    let chars = "";
    const nodeOf = [];  // stream index -> index into nodes
    const offsetOf = []; // stream index -> offset in that text node
    // a plain depth-first walk (no TreeWalker filter callback: it also runs where page scripts are disabled)
    for (let node = root.firstChild; node; node = nextNode(node, root)) {
      if (node.nodeType === 1) {
        if (isSkipped(node)) node = skipSubtree(node, root);
        continue;
      }
      if (node.nodeType !== 3) continue;
      const parent = node.parentElement;
      if (!parent) continue;
      let shown = visible.get(parent);
      if (shown === undefined) {
        // checkVisibility covers display:none and visibility:hidden on any ancestor
        shown = parent.checkVisibility ? parent.checkVisibility({ visibilityProperty: true }) : parent.getClientRects().length > 0;
        visible.set(parent, shown);
      }
      if (!shown) continue;
      const data = node.data;
      const nodeIndex = nodes.length;
      let added = 0;
      for (let i = 0; i < data.length; i++) {
        const n = normChar(data[i]);
        for (let k = 0; k < n.length; k++) { nodeOf.push(nodeIndex); offsetOf.push(i); }
        chars += n;
        added += n.length;
      }
      if (added || !NO_WRAP_PARENTS.has(parent.tagName.toUpperCase())) nodes.push(node);
    }
    return { nodes, chars, nodeOf, offsetOf };
  }

  // ------------------------------------------------------------------ finding sentences

  /** [start, end) of needle in the stream: forward from `from`, else from the start, else by its two ends. */
  function findSentence(stream, needle, from) {
    if (!needle) return null;
    let at = stream.chars.indexOf(needle, from);
    if (at < 0 && from > 0) at = stream.chars.indexOf(needle);
    if (at >= 0) return [at, at + needle.length, "exact"];
    return findByEnds(stream, needle, from);
  }

  // The page may hold something the server left out (an inline ad label, a hidden span the server kept):
  // anchor on the sentence's head and tail and accept what lies between if the length is about right.
  function findByEnds(stream, needle, from) {
    if (needle.length < 24) return null;
    const k = Math.min(40, Math.floor(needle.length / 3));
    const head = needle.slice(0, k);
    const tail = needle.slice(-k);
    for (const origin of from > 0 ? [from, 0] : [0]) {
      let h = stream.chars.indexOf(head, origin);
      while (h >= 0) {
        const t = stream.chars.indexOf(tail, h + k);
        if (t < 0) break;
        const end = t + k;
        if (end - h <= needle.length * 1.5 + 20) return [h, end, "ends", k];
        h = stream.chars.indexOf(head, h + 1);
      }
    }
    return null;
  }

  // ------------------------------------------------------------------ which flags to show

  // The writer's flags: counted, styled, stepped through, on the badge. Quoted wording ("emotive_quote": charged
  // words inside a direct quotation, the speaker's and not the writer's) is shown apart and never counted.
  // Any other kind (from a newer server) is ignored: not drawn, not counted, never a class name.
  const COUNTED = ["uncited", "emotive"];
  const QUOTED = "emotive_quote";
  const KNOWN = new Set(COUNTED.concat([QUOTED]));

  const DEFAULTS = {
    flags: { uncited: true, emotive: true },
    categories: {},          // category -> false to hide it; anything absent is shown
    ignoreWords: [],         // cue words never flagged (compared lower-case)
    sources: true,           // mark citation markers with the source they point to
    quotes: true,            // show emotive wording inside quotations (tooltip line and a dotted underline)
  };

  const isCounted = (flag) => COUNTED.indexOf(flag.kind) >= 0;

  /** The flags of one sentence that the reader's settings let through (emotive cues filtered one by one). */
  function visibleFlags(sentence, settings) {
    const s = Object.assign({}, DEFAULTS, settings || {});
    const flagsOn = Object.assign({}, DEFAULTS.flags, s.flags || {});
    const ignored = new Set((Array.isArray(s.ignoreWords) ? s.ignoreWords : [])
      .map((w) => String(w).trim().toLowerCase()).filter(Boolean));
    const categories = s.categories || {};
    const out = [];
    for (const flag of (sentence && Array.isArray(sentence.flags)) ? sentence.flags : []) {
      if (!flag || typeof flag !== "object" || !KNOWN.has(flag.kind)) continue;
      if (flagsOn[flag.kind] === false) continue;
      if (flag.kind === QUOTED && s.quotes === false) continue;
      const spans = Array.isArray(flag.spans) ? flag.spans.filter((x) => x && typeof x === "object") : [];
      const detail = Array.isArray(flag.detail) ? flag.detail.filter((d) => d && typeof d === "object") : [];
      if (flag.kind !== "uncited" && detail.length) {
        // the reader's hidden categories and ignored words apply to quoted words as well as the writer's
        const kept = detail.filter((d) => categories[d.category] !== false &&
          !ignored.has(String((d.span && d.span.text) || "").trim().toLowerCase()));
        if (!kept.length) continue;
        out.push(Object.assign({}, flag, { detail: kept, spans: kept.map((d) => d.span).filter((x) => x && typeof x === "object") }));
      } else {
        out.push(Object.assign({}, flag, { detail, spans }));
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ drawing

  let state = null; // the current drawing: root, sentences, flagged order, listeners

  /** Remove every mark under root (and Loupe's tooltip and panel), restoring the text nodes as they were. */
  function clear(root) {
    root = root || (state && state.root) || document.body;
    if (state) detachListeners(state);
    const marks = root.querySelectorAll("mark[" + MARK + "]");
    const parents = new Set();
    for (const mark of marks) {
      const parent = mark.parentNode;
      if (!parent) continue;
      while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
      parent.removeChild(mark);
      parents.add(parent);
    }
    // merge the text nodes Loupe split, and only under the parents it touched
    for (const parent of parents) parent.normalize();
    const doc = root.ownerDocument;
    for (const id of ["loupe-tooltip", "loupe-panel"]) {
      const el = doc.getElementById(id);
      if (el && el.hasAttribute(UI)) el.remove();
    }
    const removed = marks.length;
    state = null;
    return removed;
  }

  /** Is the background behind `from` (or the page's) dark? The first opaque background up the tree decides. */
  function isDark(doc, from) {
    const win = doc.defaultView;
    const chain = [];
    for (let el = from; el && el !== doc.body && el !== doc.documentElement; el = el.parentElement) chain.push(el);
    chain.push(doc.body, doc.documentElement);
    for (const el of chain) {
      if (!el) continue;
      const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?/.exec(win.getComputedStyle(el).backgroundColor);
      if (!m || (m[4] !== undefined && Number(m[4]) < 0.5)) continue;
      const [r, g, b] = [m[1], m[2], m[3]].map((v) => Number(v) / 255);
      return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.4;
    }
    return false;
  }

  /**
   * Highlight a report's flagged sentences (and cited markers) under root.
   * Returns {flagged, drawn, counts: {uncited, emotive}, quoted, missing: [sentence text]}: `flagged`, `drawn`,
   * `counts` and `missing` are about the writer's flags only; `quoted` is the number of sentences drawn for
   * emotive wording inside a quotation (not counted anywhere else).
   */
  function highlight(report, options) {
    options = options || {};
    const root = options.root || document.body;
    const doc = root.ownerDocument;
    clear(root); // a second run on a changed page starts from a clean page
    const settings = options.settings || {};
    const stream = buildStream(root);
    const sentences = Array.isArray(report && report.sentences) ? report.sentences : [];
    const showSources = settings.sources !== false;

    const jobs = []; // {index, flags, counted, range:[a,b], cues:[[a,b]], quoted:[[a,b]], sources:[[a,b,source]]}
    const missing = [];
    let from = 0;
    let flagged = 0;
    for (let i = 0; i < sentences.length; i++) {
      const sentence = sentences[i];
      if (!sentence || typeof sentence.text !== "string") continue;
      const flags = visibleFlags(sentence, settings);
      const counted = flags.filter(isCounted);
      // citation markers and links, with the source they point to (or the server's note when it has none)
      const cited = showSources && Array.isArray(sentence.evidence) ? sentence.evidence.filter((e) =>
        e && (e.source || e.type === "marker") && Array.isArray(e.spans) && e.spans.length) : [];
      if (!flags.length && !cited.length) continue;
      if (counted.length) flagged++;
      const norm = normalize(sentence.text);
      const found = findSentence(stream, norm.text, from);
      if (!found) {
        if (counted.length) missing.push(sentence.text);
        continue;
      }
      from = found[1];
      // report offsets -> offsets in the sentence -> normalized offsets -> stream offsets
      const toStream = (span) => {
        if (!span || typeof span.start !== "number" || typeof span.end !== "number") return null;
        const a = span.start - sentence.start;
        const b = span.end - sentence.start;
        if (a < 0 || b > sentence.text.length || b <= a) return null;
        const na = norm.index.findIndex((x) => x >= a);
        let nb = norm.index.findIndex((x) => x >= b);
        if (na < 0) return null;
        if (nb < 0) nb = norm.text.length;
        if (nb <= na) return null;
        if (found[2] === "exact") return [found[0] + na, found[0] + nb];
        // matched by its two ends: only spans inside the head or the tail have a known place
        const k = found[3];
        const len = norm.text.length;
        if (nb <= k) return [found[0] + na, found[0] + nb];
        if (na >= len - k) return [found[1] - (len - na), found[1] - (len - nb)];
        return null;
      };
      const cues = [];    // the writer's emotive cue words
      const quoted = [];  // emotive words inside a quotation: the speaker's
      for (const flag of flags) {
        const into = flag.kind === "emotive" ? cues : flag.kind === QUOTED ? quoted : null;
        if (!into) continue;
        for (const span of flag.spans) {
          const r = toStream(span);
          if (r) into.push(r);
        }
      }
      const sources = [];
      for (const ev of cited) {
        for (const span of ev.spans) {
          const r = toStream(span);
          if (r) sources.push([r[0], r[1], ev]);
        }
      }
      jobs.push({ index: i, sentence, flags, counted, range: [found[0], found[1]], cues, quoted, sources });
    }

    const firstJob = jobs.reduce((best, j) => (!best || j.range[0] < best.range[0] ? j : best), null);
    const dark = isDark(doc, firstJob ? stream.nodes[stream.nodeOf[firstJob.range[0]]].parentElement : root);
    const pieces = planPieces(stream, jobs);
    const marksBySentence = drawPieces(stream, pieces, doc, dark);

    const counts = { uncited: 0, emotive: 0 };
    let quotedCount = 0;
    const order = [];
    for (const job of jobs) {
      const marks = marksBySentence.get(job.index) || [];
      if (!job.flags.length) continue;
      if (!marks.length) { if (job.counted.length) missing.push(job.sentence.text); continue; }
      for (const kind of new Set(job.counted.map((f) => f.kind))) counts[kind]++;
      if (job.flags.some((f) => f.kind === QUOTED)) quotedCount++;
      // Previous / Next step through the writer's flags only; quoted wording is reached with Tab or the mouse
      if (job.counted.length) order.push(job.index);
      // one tab stop per flagged sentence (quoted wording included, so its tooltip can be reached), on a piece that
      // is not already inside a link or button; a sentence with only quoted wording takes it on the quoted word
      const free = marks.filter((m) => !m.closest("a[href],button,[tabindex]:not(mark)"));
      const focusable = (!job.counted.length && free.find((m) => m.classList.contains("loupe-quoted"))) || free[0] || null;
      if (focusable) focusable.setAttribute("tabindex", "0");
    }
    state = {
      root, doc, report, jobs: new Map(jobs.map((j) => [j.index, j])), order, current: -1, dark,
      marks: marksBySentence, listeners: [], onClose: options.onClose || null,
    };
    attachListeners(state);
    const result = { flagged, drawn: order.length, counts, quoted: quotedCount, missing };
    if (options.panel !== false) showPanel(result);
    return result;
  }

  /** Split every sentence into runs (plain / cue / quoted / source) in stream coordinates, claimed left to right. */
  function planPieces(stream, jobs) {
    const runs = [];
    let claimed = 0; // stream offset up to which text already belongs to a sentence (no overlaps)
    const sorted = jobs.slice().sort((x, y) => x.range[0] - y.range[0]);
    for (const job of sorted) {
      let [a, b] = job.range;
      if (a < claimed) a = claimed;
      if (b <= a) continue;
      claimed = b;
      const cuts = new Set([a, b]);
      for (const [x, y] of job.cues.concat(job.quoted)) { cuts.add(Math.max(a, Math.min(b, x))); cuts.add(Math.max(a, Math.min(b, y))); }
      for (const [x, y] of job.sources) { cuts.add(Math.max(a, Math.min(b, x))); cuts.add(Math.max(a, Math.min(b, y))); }
      const points = [...cuts].sort((p, q) => p - q);
      for (let k = 0; k + 1 < points.length; k++) {
        const x = points[k];
        const y = points[k + 1];
        if (y <= x) continue;
        const cue = job.cues.some(([p, q]) => p <= x && y <= q);
        const quoted = !cue && job.quoted.some(([p, q]) => p <= x && y <= q);
        const src = job.sources.find(([p, q]) => p <= x && y <= q);
        runs.push({ job, a: x, b: y, cue, quoted, source: src ? src[2] : null, last: y === b });
      }
    }
    // runs -> per text node pieces [start, end) in node offsets
    const byNode = new Map();
    for (const run of runs) {
      const first = stream.nodeOf[run.a];
      const lastNode = stream.nodeOf[run.b - 1];
      // a run that is not the sentence's last extends to the next character so no gap shows between runs
      const next = run.b < stream.chars.length ? run.b : -1;
      for (let n = first; n <= lastNode; n++) {
        const node = stream.nodes[n];
        const start = n === first ? stream.offsetOf[run.a] : 0;
        let end;
        if (n < lastNode) end = node.data.length;
        else if (!run.last && next >= 0 && stream.nodeOf[next] === n) end = stream.offsetOf[next];
        else if (!run.last) end = node.data.length;
        else end = stream.offsetOf[run.b - 1] + 1;
        if (end <= start) continue;
        if (!byNode.has(n)) byNode.set(n, []);
        byNode.get(n).push({ start, end, run });
      }
    }
    return byNode;
  }

  function drawPieces(stream, byNode, doc, dark) {
    const marks = new Map();
    for (const [n, pieces] of byNode) {
      const node = stream.nodes[n];
      pieces.sort((p, q) => q.start - p.start); // right to left: earlier offsets stay valid after each split
      let limit = node.data.length;
      for (const piece of pieces) {
        const end = Math.min(piece.end, limit);
        if (end <= piece.start) continue;
        limit = piece.start;
        if (end < node.data.length) node.splitText(end);
        const target = piece.start > 0 ? node.splitText(piece.start) : node;
        const mark = doc.createElement("mark");
        const run = piece.run;
        const classes = ["loupe-mark"];
        // class names come from a fixed list, never from the report's strings
        const kinds = new Set(run.job.flags.map((f) => f.kind));
        if (kinds.has("uncited")) classes.push("loupe-uncited");
        if (kinds.has("emotive")) classes.push("loupe-emotive");
        if (kinds.has(QUOTED)) classes.push("loupe-emotive-quote");
        if (run.cue) classes.push("loupe-cue");
        if (run.quoted) classes.push("loupe-quoted");
        if (run.source) classes.push("loupe-source");
        if (!run.job.flags.length) classes.push("loupe-cited-only");
        else if (!run.job.counted.length) classes.push("loupe-quote-only");
        mark.className = classes.join(" ");
        mark.setAttribute(MARK, String(run.job.index));
        if (dark) mark.setAttribute("data-loupe-theme", "dark");
        target.parentNode.insertBefore(mark, target);
        mark.appendChild(target);
        if (run.source) mark.loupeSource = run.source;
        if (!marks.has(run.job.index)) marks.set(run.job.index, []);
        marks.get(run.job.index).push(mark);
      }
    }
    for (const list of marks.values()) {
      list.sort((x, y) => (x.compareDocumentPosition(y) & 4 ? -1 : 1)); // document order
    }
    return marks;
  }

  // ------------------------------------------------------------------ tooltip

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
    let tip = doc.getElementById("loupe-tooltip");
    if (!tip) {
      tip = doc.createElement("div");
      tip.id = "loupe-tooltip";
      tip.setAttribute(UI, "");
      tip.setAttribute("role", "tooltip");
      tip.hidden = true;
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
    mark.setAttribute("aria-describedby", "loupe-tooltip");
    st.described = mark;
  }

  function hideTooltip(st) {
    const tip = st.doc.getElementById("loupe-tooltip");
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

  // ------------------------------------------------------------------ panel

  function panelElement(doc) {
    let panel = doc.getElementById("loupe-panel");
    if (panel && !panel.hasAttribute(UI)) panel = null;
    if (!panel) {
      panel = doc.createElement("div");
      panel.id = "loupe-panel";
      panel.setAttribute(UI, "");
      panel.setAttribute("role", "region");
      panel.setAttribute("aria-label", "Loupe");
      doc.documentElement.appendChild(panel);
    }
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
    const st = state;
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
    uncited.textContent = result.counts.uncited + " uncited";
    const emotive = el(doc, "span", "loupe-count loupe-swatch-emotive");
    emotive.setAttribute("data-flag", "emotive");
    emotive.textContent = result.counts.emotive + " emotive";
    counts.appendChild(uncited);
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
  }

  /** Move to the next (+1) or previous (-1) flagged sentence: scroll to it, focus it, show its tooltip. */
  function step(direction) {
    const st = state;
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
    const where = st.doc.querySelector("#loupe-panel .loupe-where");
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
      // `code` pieces (commands to type) are set apart; all of it is text, never markup
      for (const part of String(line).split(/(`[^`]+`)/)) {
        if (!part) continue;
        if (part.startsWith("`") && part.endsWith("`")) p.appendChild(el(doc, "code", "", part.slice(1, -1)));
        else p.appendChild(doc.createTextNode(part));
      }
      panel.appendChild(p);
    }
    return panel;
  }

  function isActive() { return !!state; }

  global.Loupe = {
    version: 1, normalize, buildStream, findSentence, visibleFlags, highlight, clear, step, showMessage,
    isActive, CATEGORY_NAMES,
  };
})(typeof globalThis !== "undefined" ? globalThis : window);
