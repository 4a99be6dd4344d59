/* Loupe highlighting, 2 of 5 (after mapping.js): which of a report's flags to show, and planning, drawing and
 * removing the marks (highlight, clear); whether a background is dark. Class names come from a fixed list and
 * report text is written with textContent only: the page and the report may be hostile.
 */
(function (global) {
  "use strict";
  // Loupe's globals are looked up as own properties only: a page element named "Loupe" (<form id="Loupe">) shows
  // through as a named property of the window, and must neither stop Loupe nor stand in for it
  const own = (name) => (Object.prototype.hasOwnProperty.call(global, name) ? global[name] : undefined);
  if (own("Loupe") && own("Loupe").version) return; // injected twice into the same world: keep the first
  const L = own("Loupe").internal;
  const { MARK, UI, normalize, buildStream, findSentence } = L;
  // attachListeners, detachListeners (tooltip.js) and showPanel (panel.js) load later: looked up on L when called

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
    minor: true,             // show uncited claims of the "minor" tier (fainter); off hides them
    sourceCues: false,       // underline the attribution cues of sourced sentences ("police said") quietly
  };

  /** The check-worthiness tier of a sentence's claim: "check-worthy", "minor", or "" (no claim_strength). */
  function tierOf(sentence) {
    const cs = sentence && sentence.claim_strength;
    const tier = cs && typeof cs === "object" ? cs.tier : "";
    return tier === "minor" || tier === "check-worthy" ? tier : "";
  }

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
      if (flag.kind === "uncited" && s.minor === false && tierOf(sentence) === "minor") continue;
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
    if (state) L.detachListeners(state);
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
    L.removeUi(doc);
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
   * emotive wording inside a quotation (not counted anywhere else); `tiers` {worth, minor, hidden, tiered} splits
   * the uncited sentences drawn by their claim's tier (hidden: minor ones the "minor" setting keeps off); `share`
   * {claims, sourced} counts the article's claims and those that name a source. Options: root, settings, panel
   * (false: no panel), onClose, onCorrection (the reader's "Not right?" choices), dismissed (Set of "index:kind").
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
    const showCues = settings.sourceCues === true;
    // flags the reader dismissed on this page ("Not right?"): "<sentence index>:<kind>"
    const dismissed = options.dismissed instanceof Set ? options.dismissed : new Set();
    const uncitedOn = !settings.flags || settings.flags.uncited !== false;
    const tiers = { worth: 0, minor: 0, hidden: 0, tiered: false };

    const jobs = []; // {index, flags, counted, range:[a,b], cues:[[a,b]], quoted:[[a,b]], sources:[[a,b,source]]}
    const missing = [];
    let from = 0;
    let flagged = 0;
    for (let i = 0; i < sentences.length; i++) {
      const sentence = sentences[i];
      if (!sentence || typeof sentence.text !== "string") continue;
      const tier = tierOf(sentence);
      const flags = visibleFlags(sentence, settings).filter((f) => !dismissed.has(i + ":" + f.kind));
      const counted = flags.filter(isCounted);
      if (settings.minor === false && tier === "minor" && uncitedOn && !dismissed.has(i + ":uncited") &&
          Array.isArray(sentence.flags) && sentence.flags.some((f) => f && f.kind === "uncited")) tiers.hidden++;
      // the sentence's evidence: a sourced sentence is drawn (unstyled) so its tooltip can say where it comes from
      const evidence = Array.isArray(sentence.evidence)
        ? sentence.evidence.filter((e) => e && typeof e === "object" && typeof e.type === "string") : [];
      // citation markers and links, with the source they point to (or the server's note when it has none)
      const cited = showSources ? evidence.filter((e) =>
        (e.source || e.type === "marker") && Array.isArray(e.spans) && e.spans.length) : [];
      if (!flags.length && !evidence.length) continue;
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
      // "Show sources": the other evidence's words (attribution cues, quotations) get a quiet underline
      const attrib = [];
      if (showCues) {
        for (const ev of evidence) {
          if (cited.indexOf(ev) >= 0 || !Array.isArray(ev.spans)) continue;
          for (const span of ev.spans) {
            const r = toStream(span);
            if (r) attrib.push(r);
          }
        }
      }
      const minor = tier === "minor" && flags.some((f) => f.kind === "uncited");
      jobs.push({ index: i, sentence, flags, counted, range: [found[0], found[1]], cues, quoted, sources, attrib,
        evidence, minor, tier });
    }

    const firstJob = jobs.reduce((best, j) => (!best || j.range[0] < best.range[0] ? j : best), null);
    const dark = isDark(doc, firstJob ? stream.nodes[stream.nodeOf[firstJob.range[0]]].parentElement : root);
    const pieces = planPieces(stream, jobs);
    const marksBySentence = drawPieces(stream, pieces, doc, dark);

    const counts = { uncited: 0, emotive: 0 };
    let quotedCount = 0;
    const order = [];
    const later = []; // minor uncited claims: Previous / Next reach them after the rest
    for (const job of jobs) {
      const marks = marksBySentence.get(job.index) || [];
      if (!job.flags.length) {
        // a sourced sentence: a tab stop on its first underlined cue when the reader asked to see sources
        const cue = showCues && marks.find((m) => m.classList.contains("loupe-attrib") && !m.closest("a[href],button,[tabindex]:not(mark)"));
        if (cue) cue.setAttribute("tabindex", "0");
        continue;
      }
      if (!marks.length) { if (job.counted.length) missing.push(job.sentence.text); continue; }
      for (const kind of new Set(job.counted.map((f) => f.kind))) counts[kind]++;
      if (job.flags.some((f) => f.kind === QUOTED)) quotedCount++;
      // Previous / Next step through the writer's flags only; quoted wording is reached with Tab or the mouse
      if (job.counted.length) {
        const onlyMinor = job.counted.every((f) => f.kind === "uncited") && job.minor;
        (onlyMinor ? later : order).push(job.index);
      }
      if (job.counted.some((f) => f.kind === "uncited")) {
        if (job.tier) tiers.tiered = true;
        if (job.minor) tiers.minor++; else tiers.worth++;
      }
      // one tab stop per flagged sentence (quoted wording included, so its tooltip can be reached), on a piece that
      // is not already inside a link or button; a sentence with only quoted wording takes it on the quoted word
      const free = marks.filter((m) => !m.closest("a[href],button,[tabindex]:not(mark)"));
      const focusable = (!job.counted.length && free.find((m) => m.classList.contains("loupe-quoted"))) || free[0] || null;
      if (focusable) focusable.setAttribute("tabindex", "0");
    }
    const firstMinor = order.length;
    order.push(...later);
    state = {
      root, doc, report, jobs: new Map(jobs.map((j) => [j.index, j])), order, firstMinor, current: -1, dark,
      marks: marksBySentence, listeners: [], onClose: options.onClose || null, options, dismissed,
      onCorrection: options.onCorrection || null,
    };
    L.attachListeners(state);
    const result = { flagged, drawn: order.length, counts, quoted: quotedCount, missing, tiers, share: shareOf(sentences) };
    if (options.panel !== false) L.showPanel(result);
    return result;
  }

  /** How many of the article's claims (body sentences that make one) name a source: {claims, sourced}. */
  function shareOf(sentences) {
    let claims = 0;
    let sourced = 0;
    for (const s of sentences) {
      if (!s || s.kind !== "body" || typeof s.claim !== "string" || !s.claim) continue;
      claims++;
      if (Array.isArray(s.evidence) && s.evidence.some((e) => e && typeof e === "object")) sourced++;
    }
    return { claims, sourced };
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
      for (const [x, y] of job.sources.concat(job.attrib)) { cuts.add(Math.max(a, Math.min(b, x))); cuts.add(Math.max(a, Math.min(b, y))); }
      const points = [...cuts].sort((p, q) => p - q);
      for (let k = 0; k + 1 < points.length; k++) {
        const x = points[k];
        const y = points[k + 1];
        if (y <= x) continue;
        const cue = job.cues.some(([p, q]) => p <= x && y <= q);
        const quoted = !cue && job.quoted.some(([p, q]) => p <= x && y <= q);
        const src = job.sources.find(([p, q]) => p <= x && y <= q);
        const attrib = !src && job.attrib.some(([p, q]) => p <= x && y <= q);
        runs.push({ job, a: x, b: y, cue, quoted, attrib, source: src ? src[2] : null, last: y === b });
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
        if (run.job.minor) classes.push("loupe-minor");
        if (kinds.has("emotive")) classes.push("loupe-emotive");
        if (kinds.has(QUOTED)) classes.push("loupe-emotive-quote");
        if (run.cue) classes.push("loupe-cue");
        if (run.quoted) classes.push("loupe-quoted");
        if (run.source) classes.push("loupe-source");
        if (run.attrib) classes.push("loupe-attrib");
        if (run.job.evidence.length) classes.push("loupe-sourced");
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

  function isActive() { return !!state; }

  Object.assign(L, { QUOTED, tierOf, visibleFlags, highlight, clear, isActive, isDark, drawing: () => state });
})(typeof globalThis !== "undefined" ? globalThis : window);
