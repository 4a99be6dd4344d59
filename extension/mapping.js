/* Loupe highlighting: maps the server's sentences onto a live page and draws marks, tooltips and a panel.
 *
 * Five files, loaded in this order into the same world, make it up:
 *   mapping.js  normalization, the page's character stream, finding sentences (this file)
 *   draw.js     which flags to show (tiers, sources); planning, drawing and removing marks (highlight, clear)
 *   tooltip.js  the tooltip's lines (flags, tier, evidence, "Not right?"), showing and hiding it, the page listeners
 *   export.js   the report as a JSON or CSV download
 *   panel.js    the panel, stepping through flagged sentences, corrections, messages; publishes the public API
 * The same files serve the extension's content script and the server's demo page, so both draw the same way.
 * They share one internal namespace, the non-enumerable `Loupe.internal`; the public API (`Loupe.highlight`, ...)
 * is set by panel.js, last, together with `Loupe.version`.
 * Everything taken from a report is written with textContent: the page and the report may be hostile.
 */
(function (global) {
  "use strict";
  // Loupe's globals are looked up as own properties only: a page element named "Loupe" (<form id="Loupe">) shows
  // through as a named property of the window, and must neither stop Loupe nor stand in for it
  const own = (name) => (Object.prototype.hasOwnProperty.call(global, name) ? global[name] : undefined);
  if (own("Loupe") && own("Loupe").version) return; // injected twice into the same world: keep the first
  const L = {};
  Object.defineProperty(global, "Loupe", { value: Object.defineProperty({}, "internal", { value: L }), writable: true, configurable: true });

  const MARK = "data-loupe";        // on every mark Loupe draws; its value is the sentence index
  const UI = "data-loupe-ui";            // on Loupe's own tooltip and panel, which the mapping must skip
  // Elements whose text is not article prose (the server skips the same ones) or that must never change.
  const SKIP_TAGS = new Set(own("LOUPE_SHARED").skipTags);   // the same list as the server's (shared.js)
  // Whitespace-only text nodes under these parents sit between table rows or list items: wrapping them breaks layout.
  const NO_WRAP_PARENTS = new Set(["TABLE", "TBODY", "THEAD", "TFOOT", "TR", "UL", "OL", "DL", "COLGROUP", "HTML"]);

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

  // Loupe's own tooltip and panel, per document: found through this module-private map, never by id alone, so an
  // element of the page's with the same id (id="loupe-panel") is never reused, restyled or removed
  const OWNED = new WeakMap();

  /** Loupe's own element `name` ("tooltip", "panel") in doc, or null. */
  function uiElement(doc, name) {
    const owned = OWNED.get(doc);
    const el = owned && owned[name];
    return el && el.isConnected ? el : null;
  }

  function ownUi(doc, name, el) {
    if (!OWNED.has(doc)) OWNED.set(doc, {});
    OWNED.get(doc)[name] = el;
    return el;
  }

  /** Loupe's own element `name`, made once per document with its id and attributes, outside <body> so the page's
   *  own content stays as it was. */
  function uiElementOrNew(doc, name, id, attributes) {
    let el = uiElement(doc, name);
    if (!el) {
      el = doc.createElement("div");
      el.id = id;
      el.setAttribute(UI, "");
      for (const [key, value] of Object.entries(attributes)) el.setAttribute(key, value);
      ownUi(doc, name, el);
      doc.documentElement.appendChild(el);
    }
    return el;
  }

  function removeUi(doc) {
    for (const name of ["tooltip", "panel"]) {
      const el = uiElement(doc, name);
      if (el) el.remove();
    }
  }

  Object.assign(L, { MARK, UI, normalize, buildStream, findSentence, uiElement, ownUi, uiElementOrNew, removeUi });
})(typeof globalThis !== "undefined" ? globalThis : window);
