"""The article view's text cut into segments: entity mentions marked, claims' evidence underlined."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class Segment:
    """A run of article text with one state: inside an entity mention or not, inside which claims'
    evidence, and which claims' sentences start here."""

    text: str
    entity: dict[str, Any] | None
    evidence: list[str]
    anchors: list[str]


def highlight(text: str, entities: list[dict[str, Any]], claims: list[dict[str, Any]]) -> list[Segment]:
    """Return `text` cut into segments at every mention and evidence boundary. Overlapping mentions
    keep the earliest, then longest; evidence spans may overlap each other and mentions."""
    size = len(text)
    mentions = sorted(
        (
            (max(0, start), min(size, end), entity)
            for entity in entities
            for start, end in zip((entity.get("spans") or [])[0::2], (entity.get("spans") or [])[1::2], strict=False)
            if start < end
        ),
        key=lambda m: (m[0], -(m[1] - m[0])),
    )
    kept: list[tuple[int, int, dict[str, Any]]] = []
    for start, end, entity in mentions:
        if not kept or start >= kept[-1][1]:
            kept.append((start, end, entity))
    evidence = [
        (max(0, c["start"]), min(size, c["end"]), c["anchor"])
        for c in claims
        if c.get("anchor") and c.get("start") is not None and c.get("end") is not None and c["start"] < c["end"]
    ]
    cuts = sorted({0, size, *(p for s, e, _ in kept for p in (s, e)), *(p for s, e, _ in evidence for p in (s, e))})
    segments = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = next((ent for s, e, ent in kept if s <= start and end <= e), None)
        segments.append(
            Segment(
                text=text[start:end],
                entity=covering,
                evidence=[a for s, e, a in evidence if s <= start and end <= e],
                anchors=[a for s, _, a in evidence if s == start],
            )
        )
    return segments
