"""`racegraph_relations`: dated, sourced relations between canonical entities.

Two sources of relations:
- titles: "Nvidia CEO Jensen Huang", "Jensen Huang, Nvidia's chief executive", "Premier Li
  Qiang" (organisation from the dated office table), "Japanese Trade Minister X" (country of
  the demonym), "Commerce Secretary X" (a title only one state has, when the story names it),
  "the Chinese president" (the office-holder the resolver found) give AFFILIATED_WITH with the
  role as item; so do "G42, chaired by X" and "X founded Y";
- triggers (`nlp/data/triggers.jsonl`, looked up by lemma and part of speech): the dependency
  parse gives their arguments, with coordination ("allies such as Japan and Australia"),
  apposition, possessives ("China's access"), passive voice (agent / nsubjpass), control
  ("sought to restrict": the subject of the governing verb), relative and participial clauses
  ("Huawei, which the U.S. blacklisted"; "a company launched by the fund"), pronouns, plural
  references to a group named just before ("the two countries", "they"), pacts named earlier
  ("endorsed it", "among the signatories"), bloc membership from the gazetteer ("the three
  AUKUS allies") and from lists of members ("the Quad comprises A, B, C and D", "X launched the
  Y Coalition. Founding members are A and B", "took part in a meeting of the X group, joining
  officials from A and B"), and targets a listing only counts, named after "including" or in the
  next sentence ("added nine firms to the Entity List. The list includes A and B"). Where the
  small model parses a finite verb as a modifier or leaves it without a subject, the surface
  order around the verb stands in for the parse.
Negated clauses, refusals and eased restrictions give nothing; a bare generic object
("sign initiatives") gives nothing. Hedging comes from `racegraph_hedging`; dates from
`racegraph_dates` within the trigger's own clause, else the lead's event date or publication
date. Output: `doc._.racegraph_relations`, a list of `Candidate` records. The rules live in
`relation_rules/`, one family per module.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from spacy.attrs import LEMMA, POS
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.training import Example

from ..records import RelType
from .dates import DATES_ATTR
from .lexicon import LexiconPipe, read_csv, read_jsonl, resolve_data_path
from .relation_rules.affiliations import affiliated_by_verb, title_affiliations
from .relation_rules.alliances import allied_with
from .relation_rules.announcements import announced
from .relation_rules.candidate import Candidate
from .relation_rules.context import RuleContext
from .relation_rules.meetings import met_with
from .relation_rules.memberships import memberships
from .relation_rules.restrictions import restricted
from .relation_rules.tables import RuleTables

logger = logging.getLogger(__name__)

VERSION = "racegraph.relations.v12"
RELATIONS_ATTR = "racegraph_relations"
# the rule of each relation type a trigger word gives
# prefixes a trigger may carry, written with a hyphen the tokenizer splits off
VERB_PREFIXES = ("co", "open")
RULES: dict[RelType, Callable[[RuleContext, Token, dict[str, Any]], None]] = {
    RelType.ANNOUNCED: announced,
    RelType.RESTRICTED: restricted,
    RelType.MET_WITH: met_with,
    RelType.ALLIED_WITH: allied_with,
    RelType.AFFILIATED_WITH: affiliated_by_verb,
}


class RelationExtractor(LexiconPipe):
    """Extracts relations from triggers and titles; see the module docstring."""

    LEXICON = ("triggers", "objects", "offices", "members", "titles", "references", "capitals", "cities", "words")
    DOC_EXTENSIONS = (RELATIONS_ATTR,)

    def __init__(self, nlp: Language, name: str, date_from_publication: bool) -> None:
        self.date_from_publication = date_from_publication
        super().__init__(nlp, name)

    def _build(self) -> None:
        self.tables = RuleTables.build(self.lexicon, self.nlp.vocab.strings)

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Example]] | None = None,
        *,
        nlp: Language | None = None,
        triggers: str = "",
        objects: str = "",
        offices: str = "",
        alliances: str = "",
        titles: str = "",
        references: str = "",
        capitals: str = "",
        cities: str = "",
        words: str = "",
    ) -> None:
        """Load the trigger lexicon, announceable objects, office-holders, bloc members, titles,
        referring nouns, capitals and cities (the country of a dateline's city: cities of 300,000 people or
        more from GeoNames, CC BY 4.0) and the rules' word lists."""
        self.lexicon = {
            "triggers": list(read_jsonl(resolve_data_path(triggers, "triggers.jsonl"))),
            "objects": list(read_jsonl(resolve_data_path(objects, "objects.jsonl"))),
            "offices": [dict(r) for r in read_csv(resolve_data_path(offices, "offices.csv"))],
            "members": [
                {"name": r["name"], "members": r.get("members", [])}
                for r in read_jsonl(resolve_data_path(alliances, "gazetteers/alliances.jsonl"))
                if r.get("members")
            ],
            "titles": list(read_jsonl(resolve_data_path(titles, "titles.jsonl"))),
            "references": list(read_jsonl(resolve_data_path(references, "references.jsonl"))),
            "capitals": list(read_jsonl(resolve_data_path(capitals, "gazetteers/capitals.jsonl"))),
            "cities": list(read_jsonl(resolve_data_path(cities, "gazetteers/cities.jsonl"))),
            "words": list(read_jsonl(resolve_data_path(words, "rule_words.jsonl"))),
        }
        self._build()

    def annotate(self, doc: Doc) -> Doc:
        """Return `doc` with `doc._.racegraph_relations` set."""
        doc._.set(RELATIONS_ATTR, self.relations(doc))
        return doc

    def relations(self, doc: Doc) -> list[Candidate]:
        """Return the relations of `doc`: titles first, then each trigger word in text order, then
        bloc membership."""
        ctx = RuleContext(doc, self.tables, self.date_from_publication)
        if not ctx.ent_of:
            return []
        title_affiliations(ctx)
        triggers = self.tables.triggers
        for i, (lemma, pos) in enumerate(doc.to_array([LEMMA, POS]).tolist()):
            for trig in triggers.get((lemma, pos), ()):
                token = doc[i]
                if trig.get("particle") and not any(
                    c.dep_ == "prt" and c.lower_ == trig["particle"] for c in token.children
                ):
                    continue  # "roll out" announces, "roll back" does not
                if trig.get("finite") and token.tag_ not in ("VBD", "VBZ", "VBP"):
                    continue  # "X revealed its chip" announces; "revealing the chip" finds it
                if trig.get("prefix") != _prefix(token):
                    continue  # "co-sponsored" allies with the sponsor's pact; "sponsored" proposes it
                RULES[trig["type"]](ctx, token, trig)
        memberships(ctx)
        return ctx.out


def _prefix(token: Token) -> str | None:
    """Return "co" or "open" for a verb written "co-<verb>" or "open-<verb>" that the tokenizer split
    ("co - sponsored", "open - sourced")."""
    doc = token.doc
    if token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 2].lower_ in VERB_PREFIXES:
        return doc[token.i - 2].lower_
    return None


@Language.factory(
    "racegraph_relations",
    default_config={"date_from_publication": True},
    assigns=[f"doc._.{RELATIONS_ATTR}"],
    requires=["doc.ents", "token.dep", f"doc._.{DATES_ATTR}"],
)
def make_relation_extractor(nlp: Language, name: str, date_from_publication: bool) -> RelationExtractor:
    """Return a `RelationExtractor`; its lexicons are loaded by `initialize()`.

    `date_from_publication`: date undated events with the publication date (news reports the day's events).
    """
    return RelationExtractor(nlp, name, date_from_publication)
