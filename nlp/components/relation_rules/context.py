"""What every relation rule shares: the argument record, the entity kinds, and the state of one doc."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from ...records import Kind, RelType
from ..dates import DATES_ATTR
from ..gazetteer import KINDS, TITLE_ATTR
from ..paragraphs import DASHES, dateline_end
from ..resolve import ENTITIES_ATTR, PUBLISHED_ATTR
from .candidate import Candidate, Party
from .dating import lead_date
from .tables import RuleTables

ACTORS = frozenset({Kind.COUNTRY, Kind.PERSON, Kind.ORGANIZATION, Kind.ALLIANCE})
STATES = frozenset({Kind.COUNTRY, Kind.ORGANIZATION, Kind.ALLIANCE})
PEOPLE = frozenset({Kind.PERSON})
COUNTRIES = frozenset({Kind.COUNTRY})
COMPANIES = frozenset({Kind.ORGANIZATION})


@dataclass
class Arg:
    """One argument of a relation: an entity mention and how it was reached."""

    kind: Kind
    name: str
    token: Token
    span: tuple[int, int] | None = None  # character offsets of the naming text, when there is one
    generic: bool = False  # a bare common noun ("initiatives"): too vague to be an argument

    def party(self) -> Party:
        """Return this argument as the end of a relation record."""
        return Party(self.kind, self.name, self.span)


def pobjs(prep: Token) -> list[Token]:
    """Return the objects of the preposition (or agent) `prep`, in order."""
    return [c for c in prep.children if c.dep_ == "pobj"]


class RuleContext:
    """One doc's entities, dates and titles indexed for the rules, and the relations found so far."""

    def __init__(self, doc: Doc, tables: RuleTables, date_from_publication: bool) -> None:
        self.doc = doc
        self.tables = tables
        self.date_from_publication = date_from_publication
        self.published: str | None = doc._.get(PUBLISHED_ATTR)
        self.ent_of: dict[int, Span] = {}
        for ent in doc.ents:
            if ent.label_ in KINDS:
                for i in range(ent.start, ent.end):
                    self.ent_of[i] = ent
        self.dates = [(s, e, v) for s, e, v in (doc._.get(DATES_ATTR) or []) if v]
        self.titles = {end: (start, scope) for start, end, scope in (doc._.get(TITLE_ATTR) or [])}
        self.title_starts = {start: end for start, end, _ in (doc._.get(TITLE_ATTR) or [])}
        self.title_of = {i: end for start, end, _ in (doc._.get(TITLE_ATTR) or []) for i in range(start, end)}
        self.properties = {(e["kind"], e["name"]): e["properties"] for e in (doc._.get(ENTITIES_ATTR) or [])}
        self.out: list[Candidate] = []
        # who restricted last: the restrictor of a later "X was also added to the list" that names none
        self.last_restrictor: Arg | None = None

    def entity(self, token: Token) -> Span | None:
        """Return the entity span `token` is part of, or None."""
        return self.ent_of.get(token.i)

    def sides(self, person: Arg) -> list[Arg]:
        """Return the organisations and countries a person's titles in the story tie them to, in the
        order found, then the one the office table gives for the publication day."""
        found = [
            Arg(r.object.kind, r.object.name, person.token)
            for r in self.out
            if r.type == RelType.AFFILIATED_WITH and r.subject.name == person.name
        ]
        office = self.tables.office_org(person.name, self.published)
        if office is not None:
            found.append(Arg(Kind(office["kind"]), office["organization"], person.token))
        return found

    def is_group(self, span: Span) -> bool:
        """True for an entity that has members: a bloc, or an organisation named as a coalition, an
        alliance or a network ("the Open Compute Alliance")."""
        if span.label_ == Kind.ALLIANCE:
            return True
        return span.label_ == Kind.ORGANIZATION and span[-1].lower_ in self.tables.words.group_name_words

    def is_region(self, kind: Kind | str, name: str) -> bool:
        """True for a region of many states ("Latin America", "Southeast Asia"): a place, no party."""
        return bool(self.properties.get((kind, name), {}).get("type") == "region")

    def arg(self, span: Span) -> Arg:
        """Return the argument an entity span names."""
        return Arg(Kind(span.label_), span.kb_id_, span.root, (span.start_char, span.end_char))

    @cached_property
    def sentences(self) -> list[Span]:
        """Return the doc's sentences, in order."""
        return list(self.doc.sents)

    def sentence_window(self, tok: Token, before: int) -> list[Span]:
        """The sentence of `tok` and the `before` ones preceding it, nearest first."""
        index = self._sentence_index(tok)
        return list(reversed(self.sentences[max(0, index - before) : index + 1]))

    def sentences_after(self, tok: Token, count: int) -> list[Span]:
        """The `count` sentences after `tok`'s, in order (fewer at the end of the doc)."""
        index = self._sentence_index(tok)
        return self.sentences[index + 1 : index + 1 + count]

    def _sentence_index(self, tok: Token) -> int:
        return next((i for i, sent in enumerate(self.sentences) if sent.start <= tok.i < sent.end), 0)

    @cached_property
    def dateline_country(self) -> str | None:
        """The country of the city that datelines the story ("TOKYO (Reuters) -", "New Delhi:", "SAO
        PAULO, Feb 5 -"), from the place the model found there or else the dateline's own words."""
        doc = self.doc
        end = dateline_end(doc, DASHES | {":"})
        if end is None:
            end = _wire_dateline_end(doc)
        if end is None:
            return _first_line_city(self.tables, doc)
        place = next((self.entity(t) for t in doc[:end] if self.entity(t) is not None), None)
        country = self.tables.country_of(place.label_, place.kb_id_) if place is not None else None
        city = next((t.i for t in doc[:end] if t.text in (",", "(")), end)
        return country or self.tables.city_of(doc[:city].text)

    @cached_property
    def fallback_date(self) -> str | None:
        """The date of an event the text leaves undated, or None when the extractor does not guess."""
        if not self.published or not self.date_from_publication:
            return None
        return lead_date(self.doc, self.published, self.dates)


WIRE_IN_SLASHES = re.compile(r"/[A-Z]{3,}/\.?")


def _wire_dateline_end(doc: Doc) -> int | None:
    """The full stop closing a wire agency's dateline ("YEREVAN, JUNE 27, ARMENPRESS.", "Ulaanbaatar
    /MONTSAME/."): the agency's name in capitals right before it, set off by a comma or slashes."""
    slashed = next((t.i for t in doc[:4] if WIRE_IN_SLASHES.fullmatch(t.text)), None)
    if slashed:
        return slashed
    end = dateline_end(doc, frozenset({"."}))
    if end is None or end < 3:
        return None
    agency = doc[end - 1]
    return end if agency.is_alpha and agency.is_upper and len(agency) > 2 and doc[end - 2].text == "," else None


def _first_line_city(tables: RuleTables, doc: Doc) -> str | None:
    """The country of a city written alone on the story's first line ("WASHINGTON" and a line break)."""
    brk = next((t.i for t in doc[:5] if "\n" in t.text), None)
    if not brk or not all(t.is_alpha and (t.is_upper or t.is_title) for t in doc[:brk]):
        return None
    return tables.city_of(doc[:brk].text)
