/* Loupe's content script: snapshots the page for the server and draws what the service worker sends back.
   It never fetches anything itself. Injected on demand (icon, shortcut, auto-run) after the highlighting scripts
   (mapping.js, draw.js, tooltip.js, panel.js). */
(() => {
  "use strict";
  // the worker injects on every click; listen once. An own property only: a page element with id="__loupeContent"
  // shows through as a named property of the window and must not switch Loupe off
  if (Object.prototype.hasOwnProperty.call(globalThis, "__loupeContent")) return;
  Object.defineProperty(globalThis, "__loupeContent", { value: true });

  const closed = () => chrome.runtime.sendMessage({ type: "loupe:closed" }).catch(() => {});

  // "Not right?": the worker keeps the correction (rule id, cue words; the site from the tab) and the new count
  const corrected = (entry, result) => chrome.runtime.sendMessage({ type: "loupe:correct", action: entry.action,
    rule: entry.rule, cues: entry.cues, drawn: result ? result.drawn : undefined }).catch(() => {});

  // What the page looked like when it was sent: a report is drawn only on the page it describes
  let sent = null;

  function pageText() {
    return document.body ? document.body.textContent.replace(/\s+/g, " ") : "";
  }

  // What the server needs is the article's markup and where relative links point. Scripts, styles, templates,
  // comments and form values can hold tokens and keys, and the URL's query and fragment can too: none of it leaves.
  const NOT_SENT = "script, style, template, noscript, iframe, object, embed, input[type=hidden], input[type=password]";

  function pageSnapshot() {
    const copy = document.documentElement.cloneNode(true);
    for (const el of copy.querySelectorAll(NOT_SENT)) el.remove();
    for (const el of copy.querySelectorAll("input, textarea, select, option")) {
      el.removeAttribute("value");
      if (el.tagName === "TEXTAREA") el.textContent = "";
    }
    const comments = document.createTreeWalker(copy, NodeFilter.SHOW_COMMENT);
    const found = [];
    while (comments.nextNode()) found.push(comments.currentNode);
    for (const c of found) c.remove();
    return { url: location.origin + location.pathname, html: copy.outerHTML };
  }

  chrome.runtime.onMessage.addListener((message, sender, reply) => {
    if (sender.id !== chrome.runtime.id || !message) return false;
    switch (message.type) {
      case "loupe:state":
        reply({ active: Loupe.isActive() });
        break;
      case "loupe:clear":
        reply({ removed: document.body ? Loupe.clear(document.body) : 0 });
        break;
      case "loupe:snapshot":
        // the page as the reader has it now, without Loupe's own panel
        if (document.body) Loupe.clear(document.body);
        Loupe.internal.removeUi(document);
        sent = { url: location.origin + location.pathname, text: pageText() };
        reply(pageSnapshot());
        break;
      case "loupe:draw": {
        if (!document.body) { reply({ error: "this document has no body to highlight" }); break; }
        // the page moved on while the server read it (another address, or other text): a sentence the report flags
        // that is no longer on the page means the report is stale, and nothing of it is drawn
        const moved = sent && sent.url !== location.origin + location.pathname;
        const changed = sent && sent.text !== pageText();
        if (moved) { reply({ stale: true }); break; }
        try {
          const result = Loupe.highlight(message.report, { root: document.body, settings: message.settings, onClose: closed,
            onCorrection: corrected });
          if (changed && result.missing.length) {
            Loupe.clear(document.body);
            reply({ stale: true });
            break;
          }
          reply({ flagged: result.flagged, drawn: result.drawn, counts: result.counts, quoted: result.quoted,
            tiers: result.tiers, missing: result.missing.length });
        } catch (e) {
          Loupe.clear(document.body); // never leave half a drawing behind
          reply({ error: String(e && e.message || e) });
        }
        break;
      }
      case "loupe:message":
        if (document.body) Loupe.clear(document.body);
        Loupe.showMessage(document, message.title, message.lines, { onClose: closed });
        reply({ shown: true });
        break;
      default:
        return false;
    }
    return false;
  });
})();
