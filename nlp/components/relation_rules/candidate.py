"""The relation record the rules emit, `doc._.racegraph_relations` holds and `nlp/extract.py` reads.

A candidate names its ends by canonical name and kind, not yet by entity id: `extract.py` merges the
candidates of an article's pieces into `Relation` records. Docs cross process boundaries as msgpack
(`nlp.pipe(..., n_process=N)`), so the record registers its own msgpack encoder and decoder.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from srsly import msgpack_decoders, msgpack_encoders

from ...records import Kind, RelType

# the msgpack map key that marks an encoded candidate
MSGPACK_KEY = "racegraph.candidate"


@dataclass(frozen=True)
class Party:
    """One end of a candidate relation: an entity's kind and canonical name, and the character span of
    the text that named it when there is one (an announced plan, say)."""

    kind: Kind
    name: str
    span: tuple[int, int] | None = None


@dataclass(frozen=True)
class Candidate:
    """One relation found in a doc, with its evidence sentence (character offsets into the doc)."""

    type: RelType
    subject: Party
    object: Party
    start: int
    end: int
    date: str | None
    hedged: bool
    confidence: float
    item: str | None

    def shifted(self, offset: int) -> Candidate:
        """Return this candidate with every character offset moved by `offset` (a doc's place in its
        article's text)."""
        return replace(
            self,
            subject=_shifted(self.subject, offset),
            object=_shifted(self.object, offset),
            start=self.start + offset,
            end=self.end + offset,
        )


def _shifted(party: Party, offset: int) -> Party:
    if party.span is None:
        return party
    return replace(party, span=(party.span[0] + offset, party.span[1] + offset))


def _party_fields(party: Party) -> list[Any]:
    return [party.kind.value, party.name, list(party.span) if party.span is not None else None]


def _party(fields: list[Any]) -> Party:
    kind, name, span = fields
    return Party(Kind(kind), name, (span[0], span[1]) if span is not None else None)


def encode_candidate(obj: Any, chain: Any = None) -> Any:
    """srsly msgpack encoder: a `Candidate` as a one-key map of plain values; anything else to `chain`."""
    if isinstance(obj, Candidate):
        return {
            MSGPACK_KEY: [
                obj.type.value,
                _party_fields(obj.subject),
                _party_fields(obj.object),
                obj.start,
                obj.end,
                obj.date,
                obj.hedged,
                obj.confidence,
                obj.item,
            ]
        }
    return obj if chain is None else chain(obj)


def decode_candidate(obj: Any, chain: Any = None) -> Any:
    """srsly msgpack decoder: the `Candidate` a map written by `encode_candidate` holds; anything else
    to `chain`."""
    if isinstance(obj, dict) and MSGPACK_KEY in obj:
        rel, subject, object_, start, end, date, hedged, confidence, item = obj[MSGPACK_KEY]
        return Candidate(RelType(rel), _party(subject), _party(object_), start, end, date, hedged, confidence, item)
    return obj if chain is None else chain(obj)


msgpack_encoders.register("racegraph_candidate", func=encode_candidate)
msgpack_decoders.register("racegraph_candidate", func=decode_candidate)
