"""The extraction contract: what goes into the pipeline and what comes out.

Every stage after `nlp/` (graph building, the API, `racegraph extract`) speaks
in these models only. The JSON form of `Extraction` is the line format of
`racegraph extract`.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import date
from enum import StrEnum
from typing import Any, Protocol, Self, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator


class Kind(StrEnum):
    """Entity kinds, the vocabulary of the gold-set guideline."""

    COUNTRY = "Country"
    PERSON = "Person"
    ORGANIZATION = "Organization"
    ALLIANCE = "Alliance"
    POLICY = "Policy"
    PRODUCT = "Product"
    EVENT = "Event"
    LOCATION = "Location"


class RelType(StrEnum):
    """Relation types, the vocabulary of the gold-set guideline."""

    ANNOUNCED = "ANNOUNCED"
    RESTRICTED = "RESTRICTED"
    MET_WITH = "MET_WITH"
    ALLIED_WITH = "ALLIED_WITH"
    AFFILIATED_WITH = "AFFILIATED_WITH"


SYMMETRIC_TYPES: frozenset[RelType] = frozenset({RelType.MET_WITH, RelType.ALLIED_WITH})


def slugify(text: str) -> str:
    """Return `text` as lowercase ASCII words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def entity_id(kind: Kind | str, name: str) -> str:
    """Return the stable id of the entity with this canonical name and kind.

    Across articles, the same canonical name and kind is the same entity, so
    the id is derived from nothing else.
    """
    slug = slugify(name) or hashlib.sha256(name.encode()).hexdigest()[:16]
    return f"{Kind(kind).value.lower()}:{slug}"


def text_sha256(text: str) -> str:
    """Return the hex sha256 of the article text, the article's identity for dedup."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ArticleIn(BaseModel):
    """One article to extract from: the input line of `racegraph extract`."""

    model_config = ConfigDict(extra="ignore")

    id: str = Field(min_length=1, description="Caller's id for the article.")
    text: str = Field(description="Article body; offsets in the output point into it.")
    title: str | None = Field(default=None, description="Headline.")
    published: date | None = Field(default=None, description="Publication date, the anchor for relative dates.")
    url: str | None = Field(default=None, description="Where the article was published.")
    source: str | None = Field(default=None, description="Publisher name.")

    @field_validator("title", "url", "source", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @property
    def sha256(self) -> str:
        return text_sha256(self.text)


class Mention(BaseModel):
    """Where an entity is named in the article text."""

    start: int = Field(ge=0, description="Character offset of the mention in the article text.")
    end: int = Field(ge=0, description="End offset (exclusive).")


class Entity(BaseModel):
    """A canonical entity mentioned in an article."""

    id: str = Field(description="Stable id, `entity_id(kind, name)`.")
    name: str = Field(description="Canonical name (English Wikipedia title style).")
    kind: Kind
    aliases: list[str] = Field(default_factory=list, description="Other surface forms seen in the article.")
    properties: dict[str, str] = Field(
        default_factory=dict, description="Kind-specific facts: ISO codes for countries, role for people."
    )
    mentions: list[Mention] = Field(
        default_factory=list, description="Character spans naming the entity (for highlighting)."
    )


class Relation(BaseModel):
    """One extracted fact with its evidence."""

    type: RelType
    subject: str = Field(description="Canonical name of the subject entity.")
    object: str = Field(description="Canonical name of the object entity.")
    subject_id: str
    object_id: str
    evidence: str = Field(description="The sentence that states the fact, verbatim.")
    start: int = Field(ge=0, description="Character offset of the evidence in the article text.")
    end: int = Field(ge=0, description="End offset (exclusive) of the evidence in the article text.")
    date: str | None = Field(default=None, description="YYYY-MM-DD, YYYY-MM or YYYY; null when unknown.")
    hedged: bool = Field(default=False, description="Presented as likely, planned, or from an unnamed source.")
    confidence: float = Field(ge=0.0, le=1.0)
    item: str | None = Field(default=None, description="Restricted goods, or a person's role.")


class Extraction(BaseModel):
    """Everything extracted from one article: the output line of `racegraph extract`."""

    id: str
    entities: list[Entity] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    extractor_version: str = Field(default="", description="Versions of the registered components used.")


# --- one fact per pair per article ----------------------------------------
# The rule for an article that states a fact more than once. Extraction applies it to an article's
# relations, graph building to the claims the schema allows, and the graph writer again once
# curation's redirects have made two entities one.

FactKey = tuple[str, str, str]  # (type, subject_id, object_id), ends `oriented`


class Fact(Protocol):
    """A statement of a fact: a `Relation`, or the claim row it becomes."""

    type: RelType
    subject_id: str
    object_id: str
    date: str | None

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self: ...


StatedFact = TypeVar("StatedFact", bound=Fact)


def oriented(rel_type: RelType, subject_id: str, object_id: str) -> tuple[str, str]:
    """Return the ends of a fact as stored: a symmetric type puts the smaller id first, so that a pair
    is one fact whichever way round it was stated."""
    if rel_type in SYMMETRIC_TYPES and object_id < subject_id:
        return object_id, subject_id
    return subject_id, object_id


def fact_key(fact: Fact) -> FactKey:
    """Return what two statements of one fact share: the type and both ends, either way round for a
    symmetric type."""
    return fact.type.value, *oriented(fact.type, fact.subject_id, fact.object_id)


def one_per_fact(facts: Iterable[StatedFact]) -> tuple[list[StatedFact], int]:
    """Return one statement per fact, in the order the facts were first stated, and how many repeats
    were left out. The first statement wins; when it has no date, it takes the first date a repeat has
    (a copy: the statements given are not changed)."""
    kept: dict[FactKey, StatedFact] = {}
    repeats = 0
    for fact in facts:
        key = fact_key(fact)
        first = kept.get(key)
        if first is None:
            kept[key] = fact
            continue
        repeats += 1
        if first.date is None and fact.date:
            kept[key] = first.model_copy(update={"date": fact.date})
    return list(kept.values()), repeats

