"""The relation extractor's lexicons turned into the lookups its rules use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.strings import StringStore


@dataclass(frozen=True)
class RuleTables:
    """Trigger words, announceable objects, office-holders, bloc members, national titles and the
    nouns that refer back to entities named before ("the two leaders", "the chipmaker")."""

    triggers: dict[tuple[int, int], list[dict[str, Any]]]
    objects: dict[str, str]
    enacted: set[str]
    pacts: set[str]
    offices: dict[str, list[dict[str, Any]]]
    members: dict[str, list[str]]
    title_country: dict[str, str]
    plural_references: dict[str, frozenset[str]]  # noun -> the kinds of the group it refers to
    singular_references: dict[str, frozenset[str]]  # noun -> the kinds of the entity it refers to
    bodies: frozenset[str]  # references to a body that carries the noun in its name ("the ministry")
    capital_country: dict[str, str]  # a capital city -> the country it is the capital of

    @classmethod
    def build(cls, lexicon: dict[str, list[dict[str, Any]]], strings: StringStore) -> RuleTables:
        """Return the tables of `lexicon` (the extractor's named record lists)."""
        # (lemma, part of speech) -> triggers, in file order; a dict lookup per word is much
        # faster than a Matcher with one pattern per trigger
        triggers: dict[tuple[int, int], list[dict[str, Any]]] = {}
        for trig in lexicon["triggers"]:
            for pos in ("NOUN", "PROPN") if trig["pos"] == "NOUN" else ("VERB",):
                key = (strings.add(trig["lemma"]), strings.add(pos))
                triggers.setdefault(key, []).append(trig)
        offices: dict[str, list[dict[str, Any]]] = {}
        for office in lexicon["offices"]:
            offices.setdefault(office["person"], []).append(office)
        return cls(
            triggers=triggers,
            objects={o["head"]: o["kind"] for o in lexicon["objects"]},
            enacted={o["head"] for o in lexicon["objects"] if o.get("enacted")},
            pacts={o["head"] for o in lexicon["objects"] if o.get("pact")},
            offices=offices,
            members={m["name"]: m["members"] for m in lexicon["members"]},
            title_country={t["title"].lower(): t["country"] for t in lexicon["titles"] if t.get("country")},
            plural_references={
                r["noun"]: frozenset(r["kinds"]) for r in lexicon["references"] if r["number"] == "plural"
            },
            singular_references={
                r["noun"]: frozenset(r["kinds"]) for r in lexicon["references"] if r["number"] == "singular"
            },
            bodies=frozenset(r["noun"] for r in lexicon["references"] if r.get("body")),
            capital_country={c["text"]: c["target"] for c in lexicon["capitals"] if c.get("kind") == "Country"},
        )

    def office_org(self, person: str, on: str | None) -> dict[str, Any] | None:
        """Return the office `person` held on `on` (latest start first), or None."""
        offices = [
            o
            for o in self.offices.get(person, [])
            if (on is None or o["start"] <= on) and (not o["end"] or on is None or on < o["end"])
        ]
        return max(offices, key=lambda o: o["start"]) if offices else None
