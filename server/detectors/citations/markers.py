"""Evidence type `marker`: [n], a superscript, a footnote link or a site annotation, resolved against the page's
reference list (LABELS.md §1)."""
from __future__ import annotations

import re

from ...report import Evidence
from .. import SentenceContext
from .common import span_of


def references_by_id(references: list[dict]) -> dict:
    """A reference by its id, and by its number where the number is no id of another."""
    by_id = {}
    for ref in references:
        by_id[str(ref["id"])] = ref
        if ref.get("number") is not None:
            by_id.setdefault(str(ref["number"]), ref)
    return by_id


def markers(ctx: SentenceContext, by_id: dict) -> list[Evidence]:
    out = []
    for m in ctx.inlines:
        if m.type == "annotation":
            out.append(Evidence("marker", ctx.text[m.start:m.end], [span_of(ctx, m.start, m.end)],
                                {"id": m.ref, "text": None, "url": None},
                                "the page annotates these words with a note"))
            continue
        if m.type != "marker":
            continue
        ref = by_id.get(str(m.ref)) or by_id.get(re.sub(r"\D", "", ctx.text[m.start:m.end]))
        source = {"id": ref["id"], "number": ref.get("number"), "text": ref["text"], "url": ref.get("url")} if ref else None
        out.append(Evidence("marker", ctx.text[m.start:m.end], [span_of(ctx, m.start, m.end)], source,
                            "" if ref else "the marker's source is not in the page's reference list"))
    return out

