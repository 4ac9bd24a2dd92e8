"""The relation extractor's lexicons turned into the lookups its rules use."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from spacy.strings import StringStore

from ...errors import ModelError
from ...records import Kind, RelType, slugify

# the kind of an `objects.jsonl` head that names what its "of" phrase names
DESCEND = "DESCEND"


def _kinds(names: list[str]) -> frozenset[Kind]:
    return frozenset(Kind(name) for name in names)


def _typed_trigger(record: dict[str, Any]) -> dict[str, Any]:
    """Return a `triggers.jsonl` record with its relation type and entity kinds as enums."""
    trig = {**record, "type": RelType(record["type"])}
    for key in ("subject_kinds", "object_kinds"):
        if key in trig:
            trig[key] = _kinds(trig[key])
    return trig


@dataclass(frozen=True)
class RuleWords:
    """The word lists of the rules, one per field (`rule_words.jsonl` says what each is for)."""

    parting_verbs: frozenset[str] = frozenset()
    member_nouns: frozenset[str] = frozenset()
    unit_name_words: frozenset[str] = frozenset()
    purpose_nouns: frozenset[str] = frozenset()
    stake_nouns: frozenset[str] = frozenset()
    forming_verbs: frozenset[str] = frozenset()
    joint_action_verbs: frozenset[str] = frozenset()
    capped_tiers: frozenset[str] = frozenset()
    rule_making_verbs: frozenset[str] = frozenset()
    trade_partner_words: frozenset[str] = frozenset()
    private_sector_words: frozenset[str] = frozenset()
    stopping_verbs: frozenset[str] = frozenset()
    listing_verbs: frozenset[str] = frozenset()
    composing_verbs: frozenset[str] = frozenset()
    currencies: frozenset[str] = frozenset()
    group_nouns: frozenset[str] = frozenset()
    envoy_nouns: frozenset[str] = frozenset()
    bloc_nouns: frozenset[str] = frozenset()
    group_name_words: frozenset[str] = frozenset()
    enabling_verbs: frozenset[str] = frozenset()
    say_verbs: frozenset[str] = frozenset()
    meeting_nouns: frozenset[str] = frozenset()
    meeting_leading_verbs: frozenset[str] = frozenset()
    meeting_holding_verbs: frozenset[str] = frozenset()
    list_nouns: frozenset[str] = frozenset()
    imposing_verbs: frozenset[str] = frozenset()
    measure_collections: frozenset[str] = frozenset()
    restriction_nouns: frozenset[str] = frozenset()
    targeting_verbs: frozenset[str] = frozenset()
    reaching_verbs: frozenset[str] = frozenset()
    facing_verbs: frozenset[str] = frozenset()
    licences: frozenset[str] = frozenset()
    trade_nouns: frozenset[str] = frozenset()
    trade_verbs: frozenset[str] = frozenset()
    goods: frozenset[str] = frozenset()
    made_goods: frozenset[str] = frozenset()
    shunned_uses: frozenset[str] = frozenset()
    urging_verbs: frozenset[str] = frozenset()
    ordering_verbs: frozenset[str] = frozenset()
    naming_verbs: frozenset[str] = frozenset()
    referring_modifiers: frozenset[str] = frozenset()
    cabinet_heads: frozenset[str] = frozenset()
    nationality_titles: frozenset[str] = frozenset()
    board_nouns: frozenset[str] = frozenset()
    advising_modals: frozenset[str] = frozenset()
    local_title_words: frozenset[str] = frozenset()
    funding_verbs: frozenset[str] = frozenset()
    funding_nouns: frozenset[str] = frozenset()
    round_names: frozenset[str] = frozenset()
    kinds_of_product: frozenset[str] = frozenset()
    divesting_verbs: frozenset[str] = frozenset()
    building_verbs: frozenset[str] = frozenset()
    facility_nouns: frozenset[str] = frozenset()
    aid_nouns: frozenset[str] = frozenset()
    bilateral_pacts: frozenset[str] = frozenset()
    joining_verbs: frozenset[str] = frozenset()
    adhering_verbs: frozenset[str] = frozenset()
    state_nouns: frozenset[str] = frozenset()
    serving_verbs: frozenset[str] = frozenset()
    unit_nouns: frozenset[str] = frozenset()
    investment_nouns: frozenset[str] = frozenset()
    upgrading_verbs: frozenset[str] = frozenset()
    company_kinds: frozenset[str] = frozenset()
    acquisition_nouns: frozenset[str] = frozenset()
    leader_roles: frozenset[str] = frozenset()
    office_nouns: frozenset[str] = frozenset()
    leading_verbs: frozenset[str] = frozenset()
    using_verbs: frozenset[str] = frozenset()

    @classmethod
    def build(cls, records: list[dict[str, Any]]) -> RuleWords:
        """Return the lists of `records` (name, words); a list the records lack is empty."""
        known = {f.name for f in fields(cls)}
        unknown = [r["name"] for r in records if r["name"] not in known]
        if unknown:
            raise ModelError(f"rule_words.jsonl: unknown word lists {unknown} (expected some of {sorted(known)})")
        return cls(**{r["name"]: frozenset(r["words"]) for r in records})


@dataclass(frozen=True)
class RuleTables:
    """Trigger words, announceable objects, office-holders, bloc members, national titles and the
    nouns that refer back to entities named before ("the two leaders", "the chipmaker")."""

    triggers: dict[tuple[int, int], list[dict[str, Any]]]
    objects: dict[str, Kind]  # head noun -> the kind of thing it names ("strategy": Policy)
    descending: frozenset[str]  # heads that name what their "of" names ("the launch of X")
    heads: frozenset[str]  # every head of `objects.jsonl`, descending or not
    enacted: set[str]
    pacts: set[str]
    offices: dict[str, list[dict[str, Any]]]
    members: dict[str, list[str]]
    title_country: dict[str, str]
    title_body: dict[str, str]  # a title -> the body it is a seat in ("senator": the US Senate)
    plural_references: dict[str, frozenset[Kind]]  # noun -> the kinds of the group it refers to
    singular_references: dict[str, frozenset[Kind]]  # noun -> the kinds of the entity it refers to
    bodies: dict[str, frozenset[str]]  # references to a body, and the words one of which its name carries
    capital_country: dict[str, str]  # a capital city -> the country it is the capital of
    city_country: dict[str, str]  # a city's name, folded, capitals included -> its country
    words: RuleWords

    @classmethod
    def build(cls, lexicon: dict[str, list[dict[str, Any]]], strings: StringStore) -> RuleTables:
        """Return the tables of `lexicon` (the extractor's named record lists)."""
        # (lemma, part of speech) -> triggers, in file order; a dict lookup per word is much
        # faster than a Matcher with one pattern per trigger
        triggers: dict[tuple[int, int], list[dict[str, Any]]] = {}
        for record in lexicon["triggers"]:
            trig = _typed_trigger(record)
            for pos in ("NOUN", "PROPN") if trig["pos"] == "NOUN" else (trig["pos"],):
                key = (strings.add(trig["lemma"]), strings.add(pos))
                triggers.setdefault(key, []).append(trig)
        offices: dict[str, list[dict[str, Any]]] = {}
        for office in lexicon["offices"]:
            offices.setdefault(office["person"], []).append({**office, "kind": Kind(office["kind"])})
        return cls(
            triggers=triggers,
            objects={o["head"]: Kind(o["kind"]) for o in lexicon["objects"] if o["kind"] != DESCEND},
            descending=frozenset(o["head"] for o in lexicon["objects"] if o["kind"] == DESCEND),
            heads=frozenset(o["head"] for o in lexicon["objects"]),
            enacted={o["head"] for o in lexicon["objects"] if o.get("enacted")},
            pacts={o["head"] for o in lexicon["objects"] if o.get("pact")},
            offices=offices,
            members={m["name"]: m["members"] for m in lexicon["members"]},
            title_country={t["title"].lower(): t["country"] for t in lexicon["titles"] if t.get("country")},
            title_body={t["title"].lower(): t["body"] for t in lexicon["titles"] if t.get("body")},
            plural_references={
                r["noun"]: _kinds(r["kinds"]) for r in lexicon["references"] if r["number"] == "plural"
            },
            singular_references={
                r["noun"]: _kinds(r["kinds"]) for r in lexicon["references"] if r["number"] == "singular"
            },
            bodies={r["noun"]: frozenset(r.get("names", [r["noun"]])) for r in lexicon["references"] if r.get("body")},
            capital_country={c["text"]: c["target"] for c in lexicon["capitals"] if c.get("kind") == Kind.COUNTRY},
            city_country={
                slugify(c["text"]): c.get("country") or c["target"] for c in [*lexicon["cities"], *lexicon["capitals"]]
                if c.get("country") or c.get("kind") == Kind.COUNTRY
            },
            words=RuleWords.build(lexicon["words"]),
        )

    def city_of(self, text: str) -> str | None:
        """The country of a city written as `text` in any case or accents ("SAO PAULO", "Zürich")."""
        return self.city_country.get(slugify(text))

    def country_of(self, kind: str, name: str) -> str | None:
        """The country a place names: itself, or the one it is the capital of ("Hanoi": Vietnam)."""
        return name if kind == Kind.COUNTRY else self.capital_country.get(name)

    def office_org(self, person: str, on: str | None) -> dict[str, Any] | None:
        """Return the office `person` held on `on` (latest start first), or None."""
        offices = [
            o
            for o in self.offices.get(person, [])
            if (on is None or o["start"] <= on) and (not o["end"] or on is None or on < o["end"])
        ]
        return max(offices, key=lambda o: o["start"]) if offices else None
