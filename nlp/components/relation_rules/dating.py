"""Which date a relation gets: one in the trigger's own clause, else the date of the lead's event."""

from __future__ import annotations

from datetime import date, timedelta

from spacy.tokens import Doc, Token

from ..paragraphs import dateline_end


def lead_date(doc: Doc, published: str, dates: list[tuple[int, int, str]]) -> str:
    """Return the lead's event date (first day-precise date in the week before publication), else
    the publication date: undated news events are the day's news. (A month would be vaguer but no
    truer: a reader of the day takes the story's facts as of that day.)"""
    low = (date.fromisoformat(published) - timedelta(days=7)).isoformat()
    dateline = dateline_end(doc) or 0
    for start, _, value in dates:
        if start < dateline:
            continue  # "WASHINGTON, March 26 —" dates the dispatch, not the event
        if len(value) == 10 and low <= value <= published:
            return value
    return published


def date_for(anchor: Token, dates: list[tuple[int, int, str]], latest: str | None = None) -> str | None:
    """Return the date among `dates` (token start, end, ISO value) nearest `anchor` in its parse
    tree, within its sentence and outside other clauses, or None. Dates after `latest` (an ISO
    day) are passed over: "announced a campus, to open in 2027" was announced before the news."""
    sent = anchor.sent
    best: tuple[int, str] | None = None
    anchors = {anchor.i: 0}
    node, depth = anchor, 0
    while node.head.i != node.i and depth < 6:
        node, depth = node.head, depth + 1
        anchors.setdefault(node.i, depth)
    for start, end, value in dates:
        if not (sent.start <= start < sent.end) or (latest and value > latest[: len(value)]):
            continue
        token = anchor.doc[start:end].root
        distance, hops, blocked = None, 0, False
        while distance is None and hops < 8:
            if token.i in anchors:
                distance = anchors[token.i] + hops
                break
            if token.head.i == token.i:
                break
            if token.dep_ == "acl" and token.head.dep_ in ("nsubj", "nsubjpass") and token.head.head.i in anchors:
                # "The rules, announced on Oct. 7, restrict exports": the subject's own making dates it
                token, hops = token.head, hops + 3
                continue
            if token.dep_ in ("relcl", "acl") or (token.dep_ == "conj" and token.pos_ in ("VERB", "AUX")):
                # "held talks ... and is due to meet X on Friday": Friday dates the later clause only
                blocked = True
                break
            # a date inside another clause ("HUMAIN, [the company launched this week ...], on Tuesday
            # signed"): a date of the verb's own clause is nearer
            token, hops = token.head, hops + (3 if token.dep_ == "ccomp" else 1)
        if blocked:
            continue
        score = distance if distance is not None else 50 + abs(start - anchor.i)
        if best is None or score < best[0]:
            best = (score, value)
    return best[1] if best else None


def paragraph_date(anchor: Token, dates: list[tuple[int, int, str]], published: str) -> str | None:
    """The last day a sentence before `anchor`'s in its paragraph names, within the fortnight before
    publication: "On 12 December Yoon was received by the King. ... Samsung and ASML signed a
    memorandum" (the memorandum's day), or None."""
    doc = anchor.doc
    start = anchor.sent.start
    while start > 0 and "\n" not in doc[start - 1].text_with_ws:
        start = doc[start - 1].sent.start
    low = (date.fromisoformat(published) - timedelta(days=14)).isoformat()
    days = [v for s, _, v in dates if start <= s < anchor.sent.start and len(v) == 10 and low <= v <= published]
    return days[-1] if days else None


def line_date(anchor: Token, dates: list[tuple[int, int, str]]) -> str | None:
    """The date that opens `anchor`'s line before a colon, as a timeline or a bulleted list writes it:
    "* June 2025: Huawei and SMIC added to Taiwan's entity list", or None."""
    doc = anchor.doc
    start = anchor.i
    while start > 0 and "\n" not in doc[start - 1].text_with_ws:
        start -= 1
    while start < anchor.i and not doc[start].is_alpha and not doc[start].like_num:
        start += 1  # the bullet
    opening = next(((s, e, v) for s, e, v in dates if s == start), None)
    if opening is None or opening[1] >= len(doc) or doc[opening[1]].text != ":":
        return None
    return opening[2]
