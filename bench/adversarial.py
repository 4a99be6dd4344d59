"""Hostile page shapes at two sizes: time per MB and how the time grows when the page doubles (target at most 2.5x)

Each shape is a page built to stress one stage of the analysis (extraction, footnotes, segmentation, quotes, the
detectors' regexes) by repeating one pattern until the page has the size asked for. `page(shape, size)` builds it;
tests/test_linear.py feeds the same shapes to `analyze` and bounds the work, deterministically."""
from __future__ import annotations

import time
from pathlib import Path

ORDER = 15
SIZES = (100_000, 200_000)      # bytes of page: the growth ratio is the time at the second over the first
BIG = 8_000_000                 # the request body limit: a few shapes are also measured there
BIG_SHAPES = ("huge_paragraph", "short_paragraphs", "footnotes", "token_run_hyphen")
TARGET_RATIO = 2.5
SLOW_SECONDS = 5.0

PROSE = ("The council voted on Tuesday to cut the ferry budget by a third, according to the minutes of the meeting. "
         "Residents said the decision would leave the island without a winter service. ")


def _page(body: str, title: str = "Harbour ferry cuts") -> str:
    return (f"<!doctype html><html lang=\"en\"><head><title>{title}</title></head><body><article>"
            f"<h1>{title}</h1><p>{PROSE}</p>{body}<p>{PROSE}</p></article></body></html>")


def _fill(unit: str, size: int, budget: int = 400) -> str:
    """`unit` repeated to about `size` bytes (less the page's own frame)."""
    return unit * max(1, (size - budget) // len(unit))


def _run(unit: str, size: int) -> str:
    """One long run of `unit` inside a paragraph, English prose before it so the page reads as English."""
    return f"<p>{PROSE}{_fill(unit, size - 2 * len(PROSE) - 400)}</p>"


def token_run_hyphen(size):     # "A-A-A-…": the shape that made the 'outlet has learned' regex quadratic
    return _page(f"<p>{PROSE}The outlet has learned that {_fill('A-', size - 900)}A said.</p>")


def token_run_letters(size):    # one word "aaaa…" as long as the page
    return _page(f"<p>{PROSE}The council said {_fill('a', size - 900)} was wrong.</p>")


def capitalised_run(size):      # "The Harbour Council Of The …": a name or a noun phrase that never ends
    return _page(f"<p>{PROSE}{_fill('The Harbour Council Of Ferry Users ', size - 900)}said the budget was cut.</p>")


def long_sentence(size):        # prose with no sentence end at all
    return _page(f"<p>{_fill('the council voted on tuesday to cut the ferry budget by a third and residents said ', size - 700)}"
                 "that it was wrong.</p>")


def footnotes(size):            # <sup><a href="#fn1">1</a></sup> × N, and the footnote list they point to
    n = max(1, (size - 600) // 190)
    body = "".join(f"<p>The ferry lost money in {2000 + i % 20}.<sup><a href=\"#fn{i}\">{i}</a></sup></p>" for i in range(n))
    notes = "".join(f"<li id=\"fn{i}\">Coast Radio, 4 March, item {i}.</li>" for i in range(n))
    return _page(f"{body}<h2>Notes</h2><ol>{notes}</ol>")


def footnotes_outside(size):    # the same markers, their notes outside the article: resolved against the whole page
    n = max(1, (size - 600) // 190)
    body = "".join(f"<p>The ferry lost money in {2000 + i % 20}.<sup><a href=\"#fn{i}\">{i}</a></sup></p>" for i in range(n))
    notes = "".join(f"<div class=\"footnotes\"><p id=\"fn{i}\">Coast Radio, 4 March, item {i}.</p></div>" for i in range(n))
    return _page(body).replace("</body>", f"<footer>{notes}</footer></body>")


def bracket_markers(size):      # "[n]" typed into the text, many in one paragraph
    return _page(_run("The ferry lost money [12] and [13] ", size))


def many_quotes(size):          # quoted words, one quotation mark left open every so often
    return _page(_run('"We will not back down," the mayor said. \u201cA heroic fight\u201d and "unbalanced ', size))


def unbalanced_quotes(size):    # opening quotes that never close
    return _page(_run('\u201cThe council ', size))


def deep_inline(size):          # every word wrapped in <b><i><span>, and runs nested a hundred deep
    word = "<b><i><span>council</span></i></b> "
    nested = "<span><b><i>" * 100 + "ferry" + "</i></b></span>" * 100 + " "
    unit = word * 20 + nested
    return _page(f"<p>{PROSE}{_fill(unit, size - 900)}said.</p>")


def short_paragraphs(size):     # thousands of one-sentence paragraphs
    return _page(_fill("<p>The ferry was cut, officials said.</p>", size))


def huge_paragraph(size):       # one paragraph of ordinary sentences as long as the page
    return _page(f"<p>{_fill(PROSE, size - 700)}</p>")


def list_items(size):           # one list of thousands of items
    return _page(f"<p>{PROSE}</p><ul>{_fill('<li>The ferry was cut by a third.</li>', size - 900)}</ul>")


def long_words(size):           # words of a few thousand letters each
    return _page(_run("Devastating" + "x" * 3000 + " cuts ", size))


def speech_verbs(size):         # "said told said according to …" over and over
    return _page(_run("said told claimed according to warned said ", size))


def weasel_runs(size):          # vague attributions and emotive cues back to back
    return _page(_run("critics say experts believe it is widely thought that heroic devastating ", size))


SHAPES = {f.__name__: f for f in (token_run_hyphen, token_run_letters, capitalised_run, long_sentence, footnotes,
                                  footnotes_outside, bracket_markers, many_quotes, unbalanced_quotes, deep_inline,
                                  short_paragraphs, huge_paragraph, list_items, long_words, speech_verbs, weasel_runs)}


def page(shape: str, size: int) -> str:
    return SHAPES[shape](size)


def analyse_seconds(html: str) -> float:
    from server.pipeline import AnalysisError, analyze
    started = time.perf_counter()
    try:
        analyze(html=html)
    except AnalysisError:
        pass   # a refusal (too complex, no article) is still the work a worker does
    return time.perf_counter() - started


def run(shared: Path) -> dict:
    small, large = SIZES
    print(f"   {len(SHAPES)} shapes at {small // 1000} KB and {large // 1000} KB (best of 2); "
          f"{BIG // 1_000_000} MB for {', '.join(BIG_SHAPES)}")
    print(f"   {'shape':<20}{'s/MB small':>11}{'s/MB large':>11}{'ratio':>8}{'8 MB (s)':>10}")
    worst, ratios, slow = ("", 0.0), {}, []
    for name in SHAPES:
        times = []
        for size in SIZES:
            html = page(name, size)
            times.append((min(analyse_seconds(html) for _ in range(2)), len(html)))
        (t1, n1), (t2, n2) = times
        ratio = t2 / t1 if t1 else 0.0
        ratios[name] = ratio
        big = ""
        if name in BIG_SHAPES:
            html = page(name, BIG)
            seconds = analyse_seconds(html)
            big = f"{seconds:.2f}"
            times.append((seconds, len(html)))
        for seconds, n in times:
            if seconds > worst[1]:
                worst = (f"{name} ({n / 1e6:.1f} MB)", seconds)
            if seconds > SLOW_SECONDS and n <= BIG:
                slow.append(f"{name} ({n / 1e6:.1f} MB): {seconds:.1f} s")
        flag = "  <-- grows faster than 2.5x" if ratio > TARGET_RATIO else ""
        print(f"   {name:<20}{t1 / n1 * 1e6:>11.2f}{t2 / n2 * 1e6:>11.2f}{ratio:>7.2f}x{big:>10}{flag}")
    print(f"   worst page: {worst[0]}, {worst[1]:.2f} s; largest growth ratio: {max(ratios.values()):.2f}x "
          f"(target at most {TARGET_RATIO}x; absolute times are noisy on a shared machine, ratios less so)")
    for line in slow:
        print(f"   OVER {SLOW_SECONDS:.0f} s: {line}")
    return {"max_ratio": max(ratios.values()), "worst_seconds": worst[1]}
