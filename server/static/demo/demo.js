/* Loupe demo page: sends the pasted article to /api/analyze, shows the extracted article and highlights it with
   the extension's own drawing scripts (mapping.js, draw.js, tooltip.js, export.js, panel.js). Report text is written with
   textContent only. */
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const TAGS = { headline: "h1", heading: "h2", paragraph: "p", list_item: "li", quote: "blockquote", furniture: "p", reference: "li" };

  function looksLikeHtml(value) {
    return /^\s*</.test(value) && /<\/?(html|body|p|div|article|h1|h2|span|a)\b/i.test(value);
  }

  function setStatus(text, isError) {
    $("status").textContent = text;
    $("status").className = isError ? "error" : "";
  }

  /** The article as the server read it: one element per block, text only. */
  function render(report) {
    const article = $("article");
    article.textContent = "";
    let list = null;
    for (const block of report.blocks) {
      const tag = TAGS[block.kind] || "p";
      let parent = article;
      if (tag === "li") {
        const listKind = block.kind === "reference" ? "ol" : "ul";
        if (!list || list.dataset.kind !== block.kind) {
          list = document.createElement(listKind);
          list.dataset.kind = block.kind;
          if (block.kind === "reference") list.className = "references";
          article.appendChild(list);
        }
        parent = list;
      } else {
        list = null;
      }
      const el = document.createElement(block.kind === "heading" && block.level >= 3 ? "h3" : tag);
      if (block.kind === "furniture") el.className = "furniture";
      el.textContent = block.text;
      parent.appendChild(el);
    }
  }

  async function analyze(value) {
    Loupe.clear($("article"));
    $("article").textContent = "";
    if (!value.trim()) { setStatus("Paste an article first, or open the sample article.", true); return; }
    setStatus("Reading the article\u2026");
    const body = looksLikeHtml(value) ? { html: value, url: null } : { text: value };
    let response, report;
    try {
      response = await fetch("/api/analyze", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
      report = await response.json();
    } catch (e) {
      setStatus("Loupe's server did not answer. Is it still running? Start it with `make run` in the Loupe folder.", true);
      return;
    }
    if (!response.ok || !report.sentences) {
      setStatus((report && report.error && report.error.message) || "Loupe could not analyse this article.", true);
      return;
    }
    render(report);
    const result = Loupe.highlight(report, { root: $("article") });
    const counts = report.counts || {};
    // quoted wording is the speaker's: said apart, never added to the emotive count
    const quoted = result.quoted ? " " + result.quoted + (result.quoted === 1 ? " sentence quotes" : " sentences quote") +
      " someone\u2019s emotive words (not counted)." : "";
    setStatus("Found " + result.counts.uncited + " uncited and " + result.counts.emotive + " emotive sentence" +
      (result.counts.emotive === 1 ? "" : "s") + " in " + (counts.sentences || report.sentences.length) + " sentences." + quoted);
  }

  $("form").addEventListener("submit", (event) => { event.preventDefault(); analyze($("input").value); });
  $("sample").addEventListener("click", async () => {
    const response = await fetch("/demo/sample-article.html");
    $("input").value = await response.text();
    analyze($("input").value);
  });
  $("reset").addEventListener("click", () => { Loupe.clear($("article")); $("article").textContent = ""; $("input").value = ""; setStatus(""); });
})();
