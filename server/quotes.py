"""Direct quotations inside a sentence: curly or straight double quotes, possibly left open, and curly single quotes
(British style: ‘We will not back down’) when they close before the sentence ends."""
from __future__ import annotations

import re
from dataclasses import dataclass

PAIRS = [("“", "”"), ("\"", "\""), ("«", "»"), ("„", "“")]
WORD = re.compile(r"[\w'’-]+")
CLOSER = {o: c for o, c in reversed(PAIRS)}          # the first pair listed wins, as before
OPENER = re.compile("|".join(re.escape(o) for o in CLOSER) + "|‘")
# ’ is also the apostrophe: it closes a single-quoted quotation only when no letter follows ("it’s" goes on)
SINGLE_CLOSER = re.compile(r"’(?![^\W\d_])")


@dataclass
class Quote:
    start: int          # of the opening mark (or the sentence start when the quote was opened before)
    end: int            # after the closing mark (or the sentence end when the quote runs on)
    inner: str
    opened_before: bool = False
    runs_on: bool = False

    @property
    def words(self) -> int:
        return len(WORD.findall(self.inner))


def find_quotes(text: str, open_at_start: bool = False) -> list[Quote]:
    """Quotations in `text`. `open_at_start`: the previous sentence left a quote open."""
    quotes: list[Quote] = []
    i = 0
    if open_at_start:
        close = min((p for p in (text.find("”"), text.find("\"")) if p >= 0), default=-1)
        end = close + 1 if close >= 0 else len(text)
        quotes.append(Quote(0, end, text[:end].rstrip("”\""), opened_before=True, runs_on=close < 0))
        i = end
    while i < len(text):
        opener = OPENER.search(text, i)   # jump to the next opening mark (a per-character scan was slow)
        if not opener:
            break
        i = opener.start()
        ch = text[i]
        if ch == "‘":
            close = SINGLE_CLOSER.search(text, i + 1)
            if i > 0 and text[i - 1].isalnum() or not close or close.start() - i < 3:
                i += 1   # inside a word, never closed, or "rock ‘n’ roll": not a quotation (a single quote is not
                continue  # left open)
            quotes.append(Quote(i, close.end(), text[i + 1:close.start()]))
            i = close.end()
            continue
        closer = CLOSER[ch]
        if ch == "\"" and i > 0 and text[i - 1].isalnum() and i + 1 < len(text) and text[i + 1] in " ,.;":
            i += 1
            continue
        j = text.find(closer, i + 1)
        if ch in "\"“":   # scraped text mixes straight and curly marks: "…” and “…" close each other
            other = text.find("”" if ch == "\"" else "\"", i + 1)
            if other >= 0 and (j < 0 or other < j):
                j = other
        if j < 0:
            quotes.append(Quote(i, len(text), text[i + 1:], runs_on=True))
            break
        quotes.append(Quote(i, j + 1, text[i + 1:j]))
        i = j + 1
    return [q for q in quotes if q.inner.strip()]



def inside(quotes: list[Quote], start: int, end: int) -> Quote | None:
    return next((q for q in quotes if q.start <= start and end <= q.end), None)
