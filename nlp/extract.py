"""Turn articles into `Extraction` records: run the pipeline, then read the `doc._.racegraph_*` fields."""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .components.relation_rules.candidate import Candidate
from .components.relations import RELATIONS_ATTR
from .components.resolve import ENTITIES_ATTR, PUBLISHED_ATTR
from .pipeline import extractor_version
from .records import ArticleIn, Entity, Extraction, Kind, Mention, Relation, entity_id, one_per_fact

logger = logging.getLogger(__name__)

# texts longer than this are processed in paragraph-aligned pieces (memory, nlp.max_length)
CHUNK_CHARS = 100_000


def chunk_offsets(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Return (start, end) pieces of `text`, each at most `limit` chars, cut at paragraph,
    line or word boundaries when possible."""
    pieces: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            cut = window.rfind(sep)
            if cut > limit // 4:
                cut += len(sep)
                break
        if cut <= 0:
            cut = limit
        pieces.append((start, start + cut))
        start += cut
    pieces.append((start, len(text)))
    return pieces


def _docs(
    nlp: Language, articles: Iterable[ArticleIn], pending: deque[tuple[ArticleIn, int]]
) -> Iterator[tuple[Doc, tuple[int, int]]]:
    for number, article in enumerate(articles):
        text = article.text if article.text.strip() else ""
        pieces = chunk_offsets(text) if text else []
        pending.append((article, len(pieces)))
        published = article.published.isoformat() if article.published else None
        for start, end in pieces:
            doc = nlp.make_doc(text[start:end])
            doc._.set(PUBLISHED_ATTR, published)
            yield doc, (number, start)


def processed(
    nlp: Language, articles: Iterable[ArticleIn], n_process: int = 1, batch_size: int = 32
) -> Iterator[tuple[ArticleIn, list[tuple[Doc, int]]]]:
    """Yield each article with its processed pieces (doc, char offset into the text), in input order.

    Runs `nlp.pipe(..., as_tuples=True, n_process=n_process)`; texts longer than `CHUNK_CHARS`
    are split at paragraph boundaries.
    """
    pending: deque[tuple[ArticleIn, int]] = deque()
    parts: list[tuple[Doc, int]] = []
    stream = nlp.pipe(
        _docs(nlp, articles, pending), as_tuples=True, n_process=n_process, batch_size=batch_size
    )
    for doc, (_, offset) in stream:
        parts.append((doc, offset))
        while pending and len(parts) >= pending[0][1]:
            article, count = pending.popleft()
            yield article, parts[:count]
            parts = parts[count:]
    while pending:
        article, count = pending.popleft()
        yield article, parts[:count]
        parts = parts[count:]


def extract_many(
    nlp: Language, articles: Iterable[ArticleIn], n_process: int = 1, batch_size: int = 32
) -> Iterator[Extraction]:
    """Yield one `Extraction` per article, in input order (offsets mapped back into each text)."""
    version = extractor_version(nlp)
    for article, parts in processed(nlp, articles, n_process, batch_size):
        yield build_extraction(article, parts, version)


def extract(nlp: Language, article: ArticleIn) -> Extraction:
    """Return the `Extraction` of one article."""
    return next(extract_many(nlp, [article]))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _entry(entities: dict[tuple[str, str], dict[str, Any]], kind: str, name: str) -> dict[str, Any]:
    return entities.setdefault(
        (kind, name), {"name": name, "kind": kind, "aliases": [], "properties": {}, "mentions": set()}
    )


def _add_mention(entry: dict[str, Any], text: str, start: int, end: int) -> None:
    """Record the span `text[start:end]` as a mention of `entry`, its surface form as an alias."""
    start, end = _trim(text, start, end)
    if start >= end or any(s <= start and end <= e for s, e in entry["mentions"]):
        return  # nothing, or part of a mention already recorded ("president" in "Chinese president")
    surface = text[start:end]
    if surface != entry["name"] and surface not in entry["aliases"]:
        entry["aliases"].append(surface)
    entry["mentions"].add((start, end))


def build_extraction(article: ArticleIn, parts: list[tuple[Doc, int]], version: str) -> Extraction:
    """Return the `Extraction` for `article` from its processed pieces (doc, char offset).

    Entity mentions are the entity spans of every piece plus the text that named a relation's
    argument (an announced plan, say), shifted by the piece's offset into the article text.
    """
    text = article.text
    entities: dict[tuple[str, str], dict[str, Any]] = {}
    candidates: list[Candidate] = []
    for doc, offset in parts:
        _merge_entities(entities, text, doc, offset)
        candidates.extend(rel.shifted(offset) for rel in doc._.get(RELATIONS_ATTR) or [])
    stated: list[Relation] = []
    for rel in candidates:
        for party in (rel.subject, rel.object):
            entry = _entry(entities, party.kind, party.name)
            if party.span is not None:
                _add_mention(entry, text, *party.span)
        start, end = _trim(text, rel.start, rel.end)
        stated.append(
            Relation(
                type=rel.type,
                subject=rel.subject.name,
                object=rel.object.name,
                subject_id=entity_id(rel.subject.kind, rel.subject.name),
                object_id=entity_id(rel.object.kind, rel.object.name),
                evidence=text[start:end],
                start=start,
                end=end,
                date=rel.date,
                hedged=rel.hedged,
                confidence=rel.confidence,
                item=rel.item,
            )
        )
    relations, _ = one_per_fact(stated)
    return Extraction(
        id=article.id,
        entities=[_entity(e) for e in entities.values()],
        relations=relations,
        extractor_version=version,
    )


def _merge_entities(entities: dict[tuple[str, str], dict[str, Any]], text: str, doc: Doc, offset: int) -> None:
    """Add the entity table of one piece (at char `offset` of `text`) to `entities`: new aliases,
    properties not set yet, and the mentions shifted into the article text."""
    for record in doc._.get(ENTITIES_ATTR) or []:
        current = _entry(entities, record["kind"], record["name"])
        for alias in record["aliases"]:
            if alias not in current["aliases"]:
                current["aliases"].append(alias)
        for k, v in record["properties"].items():
            current["properties"].setdefault(k, v)
        for start, end in record.get("mentions", []):
            _add_mention(current, text, start + offset, end + offset)


def _entity(entry: dict[str, Any]) -> Entity:
    """Return the `Entity` record of an entity table entry, its mentions in text order."""
    return Entity(
        id=entity_id(entry["kind"], entry["name"]),
        name=entry["name"],
        kind=Kind(entry["kind"]),
        aliases=entry["aliases"],
        properties=entry["properties"],
        mentions=[Mention(start=s, end=t) for s, t in sorted(entry["mentions"])],
    )
