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
  ("endorsed it", "among the signatories"), and bloc membership from the gazetteer ("the three
  AUKUS allies"). Where the small model parses a finite verb as a modifier or leaves it without
  a subject, the surface order around the verb stands in for the parse.
Negated clauses, refusals and eased restrictions give nothing; a bare generic object
("sign initiatives") gives nothing. Hedging comes from `racegraph_hedging`; dates from
`racegraph_dates` within the trigger's own clause, else the lead's event date or publication
month. Output: `doc._.racegraph_relations`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from spacy.attrs import LEMMA, POS
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.training import Example

from .dates import DATES_ATTR
from .gazetteer import KINDS, TITLE_ATTR
from .hedging import token_hedged, token_negated, token_reverses
from .lexicon import LexiconPipe, read_csv, read_jsonl, resolve_data_path
from .paragraphs import dateline_end
from .resolve import ENTITIES_ATTR, FORMER, POSSESSIVE, PUBLISHED_ATTR

logger = logging.getLogger(__name__)

VERSION = "racegraph.relations.v2"
RELATIONS_ATTR = "racegraph_relations"
ACTORS = frozenset({"Country", "Person", "Organization", "Alliance"})
STATES = frozenset({"Country", "Organization", "Alliance"})
SYMMETRIC = frozenset({"MET_WITH", "ALLIED_WITH"})
LIST_PREPS = frozenset({"including", "like", "as", "among", "with"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
ARGUMENT_DEPS = SUBJECT_DEPS | {"dobj", "pobj", "appos", "conj", "attr", "poss"}
PRONOUNS_PERSON = frozenset({"he", "she", "him", "her", "his"})
PRONOUNS_THING = frozenset({"it", "its"})
GROUP_NOUNS = frozenset(
    {"allies", "members", "partners", "nations", "countries", "states", "governments", "economies"}
)
# plural nouns that refer back to a group named before ("the two leaders", "the nations")
_STATE_GROUP = frozenset({"Country", "Alliance"})
PLURAL_REFERENCES: dict[str, frozenset[str]] = {
    **dict.fromkeys(
        ("countries", "nations", "states", "governments", "economies", "sides", "powers", "delegations"), _STATE_GROUP
    ),
    **dict.fromkeys(("leaders", "presidents", "men", "women", "heads", "ministers"), frozenset({"Person"})),
    **dict.fromkeys(("companies", "firms", "chipmakers", "groups"), frozenset({"Organization"})),
}
GROUP_SIZES = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5}
LIST_NOUNS = frozenset({"list", "blacklist"})
SURFACE_STOPS = frozenset({"to", "on", "in", "for", "at", "from", "over", "after", "before", "during", ";"})
MISPARSED_DEPS = frozenset({"amod", "compound", "nmod", "npadvmod", "dep", "pobj", "dobj", "nsubj", "appos", "poss"})
THINGS = frozenset({"Policy", "Product", "Event", "Alliance", "Organization"})
QUOTES = frozenset({'"', "“", "”", "'", "‘", "’"})
NAMING_VERBS = frozenset({"call", "name", "dub", "brand", "know", "title"})


def participle(verb: Token) -> bool:
    """True for a passive participle modifying a noun: "a company launched by the fund" (the
    small model tags some of them VBD)."""
    return verb.dep_ == "acl" and (verb.tag_ == "VBN" or any(c.dep_ == "agent" for c in verb.children))


@dataclass
class Arg:
    """One argument of a relation: an entity mention and how it was reached."""

    kind: str
    name: str
    token: Token
    span: tuple[int, int] | None = None  # character offsets of the naming text, when there is one
    generic: bool = False  # a bare common noun ("initiatives"): too vague to be an argument


class RelationExtractor(LexiconPipe):
    """Extracts relations from triggers and titles; see the module docstring."""

    def __init__(self, nlp: Language, name: str, fallback_month: bool) -> None:
        self.nlp = nlp
        self.name = name
        self.fallback_month = fallback_month
        self.lexicon: dict[str, list[dict[str, Any]]] = {
            "triggers": [],
            "objects": [],
            "offices": [],
            "members": [],
            "titles": [],
        }
        self._build()
        if not Doc.has_extension(RELATIONS_ATTR):
            Doc.set_extension(RELATIONS_ATTR, default=None)

    def _build(self) -> None:
        # (lemma, part of speech) -> triggers, in file order; a dict lookup per word is much
        # faster than a Matcher with one pattern per trigger
        strings = self.nlp.vocab.strings
        self._triggers: dict[tuple[int, int], list[dict[str, Any]]] = {}
        for trig in self.lexicon["triggers"]:
            for pos in ("NOUN", "PROPN") if trig["pos"] == "NOUN" else ("VERB",):
                key = (strings.add(trig["lemma"]), strings.add(pos))
                self._triggers.setdefault(key, []).append(trig)
        self._objects = {o["head"]: o["kind"] for o in self.lexicon["objects"]}
        self._enacted = {o["head"] for o in self.lexicon["objects"] if o.get("enacted")}
        self._pacts = {o["head"] for o in self.lexicon["objects"] if o.get("pact")}
        self._offices: dict[str, list[dict[str, Any]]] = {}
        for office in self.lexicon["offices"]:
            self._offices.setdefault(office["person"], []).append(office)
        self._members = {m["name"]: m["members"] for m in self.lexicon["members"]}
        self._title_country = {t["title"].lower(): t["country"] for t in self.lexicon["titles"] if t.get("country")}

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
    ) -> None:
        """Load the trigger lexicon, announceable objects, office-holders, bloc members and titles."""
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
        }
        self._build()

    def __call__(self, doc: Doc) -> Doc:
        """Return `doc` with `doc._.racegraph_relations` set."""
        error_handler = self.get_error_handler()
        try:
            doc._.set(RELATIONS_ATTR, list(_Run(self, doc).relations()))
            return doc
        except Exception as exc:  # noqa: BLE001 - handed to spaCy's pipeline error handler
            return error_handler(self.name, self, [doc], exc)

    def office_org(self, person: str, on: str | None) -> dict[str, Any] | None:
        """Return the office `person` held on `on` (latest start first), or None."""
        offices = [
            o
            for o in self._offices.get(person, [])
            if (on is None or o["start"] <= on) and (not o["end"] or on is None or on < o["end"])
        ]
        return max(offices, key=lambda o: o["start"]) if offices else None



class _Run:
    """The extraction state for one doc."""

    def __init__(self, owner: RelationExtractor, doc: Doc) -> None:
        self.owner = owner
        self.doc = doc
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
        self.out: list[dict[str, Any]] = []
        self.last_restrictor: Arg | None = None
        self._sentences: list[Span] | None = None
        self._anchor: str | None = None

    # -- output ---------------------------------------------------------------------------------
    def emit(
        self,
        rel: str,
        subj: Arg,
        obj: Arg,
        anchor: Token,
        *,
        item: str | None = None,
        confidence: float = 0.7,
        dated: bool = True,
        check: bool = True,
    ) -> None:
        if subj.name == obj.name and subj.kind == obj.kind:
            return
        if check and token_negated(anchor):
            return
        # a role is a standing fact; the clause around a title ("will be built by G42, chaired by
        # ...") does not make it uncertain
        hedged = rel != "AFFILIATED_WITH" and token_hedged(anchor)
        sent = anchor.sent
        date = self.date_for(anchor) if dated else None
        if date is None and dated and self.fallback_date() and rel != "AFFILIATED_WITH":
            date = self.fallback_date()
        self.out.append(
            {
                "type": rel,
                "subject": subj.name,
                "subject_kind": subj.kind,
                "object": obj.name,
                "object_kind": obj.kind,
                "subject_span": subj.span,
                "object_span": obj.span,
                "start": sent.start_char,
                "end": sent.end_char,
                "date": date,
                "hedged": hedged,
                "confidence": round(confidence * (0.8 if hedged else 1.0), 3),
                "item": item,
            }
        )

    def fallback_date(self) -> str | None:
        """The lead's event date (first day-precise date in the week before publication), else
        the publication month: undated news events are recent ones."""
        if not self.published or not self.owner.fallback_month:
            return None
        if self._anchor is None:
            self._anchor = self.published[:7]
            low = (date.fromisoformat(self.published) - timedelta(days=7)).isoformat()
            dateline = dateline_end(self.doc) or 0
            for start, _, value in self.dates:
                if start < dateline:
                    continue  # "WASHINGTON, March 26 —" dates the dispatch, not the event
                if len(value) == 10 and low <= value <= self.published:
                    self._anchor = value
                    break
        return self._anchor

    def date_for(self, anchor: Token) -> str | None:
        sent = anchor.sent
        best: tuple[int, str] | None = None
        anchors = {anchor.i: 0}
        node, depth = anchor, 0
        while node.head.i != node.i and depth < 6:
            node, depth = node.head, depth + 1
            anchors.setdefault(node.i, depth)
        for start, end, value in self.dates:
            if not (sent.start <= start < sent.end):
                continue
            token = self.doc[start:end].root
            distance, hops, blocked = None, 0, False
            while distance is None and hops < 8:
                if token.i in anchors:
                    distance = anchors[token.i] + hops
                    break
                if token.head.i == token.i:
                    break
                if token.dep_ in ("relcl", "acl") or (token.dep_ == "conj" and token.pos_ in ("VERB", "AUX")):
                    # "held talks ... and is due to meet X on Friday": Friday dates the later clause only
                    blocked = True
                    break
                token, hops = token.head, hops + 1
            if blocked:
                continue
            score = distance if distance is not None else 50 + abs(start - anchor.i)
            if best is None or score < best[0]:
                best = (score, value)
        return best[1] if best else None

    # -- argument finding ---------------------------------------------------------------------
    def arg(self, span: Span) -> Arg:
        return Arg(span.label_, span.kb_id_, span.root, (span.start_char, span.end_char))

    def entity(self, token: Token) -> Span | None:
        return self.ent_of.get(token.i)

    def args(self, token: Token | None, kinds: frozenset[str] = ACTORS, depth: int = 0) -> list[Arg]:
        """Return the entities a syntactic argument stands for (coordination and lists expanded)."""
        if token is None or depth > 4:
            return []
        found: list[Arg] = []
        tokens = [token, *token.conjuncts]
        ent = self.entity(token)
        if ent is not None and len(ent) > 1:
            # a mis-parsed multi-word name: its coordination may hang on any of its words
            for word in ent:
                if word.i != token.i:
                    tokens.extend(c for c in word.conjuncts if not ent.start <= c.i < ent.end)
        for tok in tokens:
            found.extend(self._one(tok, kinds, depth))
        unique: dict[tuple[str, str], Arg] = {}
        for a in found:
            unique.setdefault((a.kind, a.name), a)
        return list(unique.values())

    def _one(self, tok: Token, kinds: frozenset[str], depth: int) -> list[Arg]:
        ent = self.entity(tok)
        doc = self.doc
        if ent is None and tok.i in self.title_of:
            # "U.S. President Joe Biden" parsed with "President" as the head: the person it introduces
            named = self.entity(doc[self.title_of[tok.i]]) if self.title_of[tok.i] < len(doc) else None
            if named is not None and named.label_ == "Person":
                people = [self.arg(named)] if "Person" in kinds else []
                for child in tok.children:  # "Prime Minister [Kishida and President Biden]" as appositions
                    if child.dep_ == "appos" and depth < 4:
                        people.extend(a for a in self.args(child, kinds, depth + 1) if a.name != named.kb_id_)
                return people
        if tok.tag_ in ("WDT", "WP") and tok.head.dep_ == "relcl":
            # "Huawei, which the U.S. blacklisted": the name right before the relative pronoun
            before = tok.i - 1 if doc[tok.i - 1].text != "," else tok.i - 2
            named = self.entity(doc[before]) if before >= 0 else None
            if named is not None:
                return [self.arg(named)] if named.label_ in kinds else []
            return self._one(tok.head.head, kinds, depth + 1) if depth < 4 else []
        if ent is not None and ent.end + 1 < len(doc) and doc[ent.end].text in POSSESSIVE:
            if doc[ent.end + 1].pos_ == "PROPN" and self.entity(doc[ent.end + 1]) != ent:
                return []  # "Thailand's Stars Microelectronics": Thailand only qualifies the name
        if ent is not None and ent.label_ in kinds:
            # "Nvidia's chips": the possessor.i != the.i argument
            if tok.i == ent.root.i or ent.root.dep_ not in ("poss",):
                return [self.arg(ent)]
        low = tok.lower_
        if low in PRONOUNS_PERSON | PRONOUNS_THING:
            resolved = self.pronoun(tok)
            return [resolved] if resolved and resolved.kind in kinds else []
        out: list[Arg] = []
        # lists: "companies, including ByteDance and Alibaba", "allies such as Japan"
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in LIST_PREPS:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        out.extend(self.args(pobj, kinds, depth + 1))
            if child.dep_ == "amod" and child.lower_ == "such":
                for grand in child.children:
                    if grand.dep_ == "prep":
                        for pobj in grand.children:
                            if pobj.dep_ == "pobj":
                                out.extend(self.args(pobj, kinds, depth + 1))
        if out:
            return out
        for child in tok.children:
            if child.dep_ == "appos":
                out.extend(self.args(child, kinds, depth + 1))
        if out:
            return out
        # group nouns: "the three AUKUS allies" -> the bloc's members
        if low in GROUP_NOUNS:
            for child in tok.children:
                ent = self.entity(child)
                if ent is not None and ent.label_ == "Alliance" and ent.kb_id_ in self.owner._members:
                    return [
                        Arg("Country", m, tok) for m in self.owner._members[ent.kb_id_] if "Country" in kinds
                    ]
        if low in PLURAL_REFERENCES and tok.tag_ == "NNS":
            determiners = {c.lower_ for c in tok.children if c.dep_ in ("det", "nummod", "predet", "amod")}
            if determiners & {"the", "these", "both", *GROUP_SIZES} and not determiners & {"other", "some", "many"}:
                size = next((GROUP_SIZES[d] for d in determiners if d in GROUP_SIZES), None)
                family = PLURAL_REFERENCES[low]
                return [a for a in self.group_antecedent(tok, size, family) if a.kind in kinds]
        if low == "they" and tok.dep_ in ("nsubj", "nsubjpass") and depth == 0:
            return self.they_antecedent(tok, kinds)
        if tok.pos_ != "PROPN":  # "China's access" is China's; "Thailand's Stars Microelectronics" is not
            for child in tok.children:
                if child.dep_ == "poss":
                    out.extend(self.args(child, kinds, depth + 1))
        if out:
            return out
        for child in tok.children:
            if child.dep_ in ("compound", "amod", "nmod"):
                ent = self.entity(child)
                if ent is not None and ent.label_ in kinds:
                    out.append(self.arg(ent))
                for grand in child.conjuncts:
                    ent = self.entity(grand)
                    if ent is not None and ent.label_ in kinds:
                        out.append(self.arg(ent))
        if out:
            return out
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        out.extend(self.args(pobj, kinds, depth + 1))
        return out

    def pronoun(self, tok: Token) -> Arg | None:
        """The entity a pronoun stands for: for "he"/"she", the last person who was a subject
        (else the last person); for "it"/"its", see `thing_pronoun`."""
        if tok.lower_ in PRONOUNS_THING:
            return self.thing_pronoun(tok)
        people = [e for e in self.doc.ents if e.label_ == "Person" and e.end <= tok.i]
        subjects = [e for e in people if e.root.dep_ in SUBJECT_DEPS]
        best = (subjects or people or [None])[-1]
        return self.arg(best) if best is not None else None

    def thing_pronoun(self, tok: Token) -> Arg | None:
        """The country, bloc or organisation "it"/"its" stands for: an argument earlier in the
        sentence (subjects first; never the subject of the verb "it" is the object of), else the
        last subject of the sentence before."""
        verb = tok.head.head if tok.dep_ == "pobj" else tok.head
        bound = {c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")} if tok.lower_ == "it" else set()
        in_sent = [
            e
            for e in self.doc.ents
            if e.label_ in STATES
            and tok.sent.start <= e.start
            and e.end <= tok.i
            and e.root.dep_ in ARGUMENT_DEPS
            and e.root.i not in bound
        ]
        subjects = [e for e in in_sent if e.root.dep_ in SUBJECT_DEPS]
        if subjects or in_sent:
            return self.arg((subjects or in_sent)[-1])
        if tok.sent.start == 0:
            return None
        before = self.doc[tok.sent.start - 1].sent
        previous = [e for e in before.ents if e.label_ in STATES and e.root.dep_ in SUBJECT_DEPS]
        return self.arg(previous[-1]) if previous else None

    @property
    def sentences(self) -> list[Span]:
        if self._sentences is None:
            self._sentences = list(self.doc.sents)
        return self._sentences

    def _sentence_window(self, tok: Token, before: int) -> list[Span]:
        """The sentence of `tok` and the `before` ones preceding it, nearest first."""
        sents = self.sentences
        index = next((i for i, sent in enumerate(sents) if sent.start <= tok.i < sent.end), 0)
        return list(reversed(sents[max(0, index - before) : index + 1]))

    def group_antecedent(self, tok: Token, size: int | None, family: frozenset[str]) -> list[Arg]:
        """The group a plural noun refers back to: the latest coordination ("Biden and Xi") or
        the participants of one verb ("Biden hosted Kishida and Yoon") of `family` kinds, with
        `size` members when the text gives a number; nothing when no group fits."""
        for sent in self._sentence_window(tok, 2):
            groups: list[list[Span]] = []
            for t in sent:
                if t.i >= tok.i:
                    break
                ent = self.entity(t)
                if ent is not None and t.i == ent.root.i and t.dep_ != "conj" and ent.label_ in family:
                    group = [ent, *(self.entity(c) for c in t.conjuncts)]
                    groups.append([g for g in group if g is not None and g.label_ in family])
                if t.pos_ == "VERB":
                    heads = [c for c in t.children if c.dep_ in ("nsubj", "dobj")]
                    heads += [p for c in t.children if c.dep_ == "prep" and c.lower_ == "with" for p in c.children]
                    members = [self.entity(x) for h in heads for x in (h, *h.conjuncts)]
                    groups.append([m for m in members if m is not None and m.label_ in family])
            fitting = [g for g in groups if len({e.kb_id_ for e in g}) == size or (size is None and len(g) >= 2)]
            if fitting:
                unique = {e.kb_id_: e for e in fitting[-1]}
                return [self.arg(e) for e in unique.values()]
        return []

    def they_antecedent(self, tok: Token, kinds: frozenset[str]) -> list[Arg]:
        """The plural subject "they" continues: the nearest earlier subject (this sentence, then
        the one before) that stands for two or more entities."""
        for sent in self._sentence_window(tok, 1):
            subjects = [t for t in sent if t.i < tok.i and t.dep_ == "nsubj" and t.lower_ != "they"]
            for cand in reversed(subjects):
                found = self.args(cand, kinds, 1)
                if len(found) >= 2:
                    return found
        return []

    def subject_of(self, verb: Token, kinds: frozenset[str] = ACTORS) -> list[Arg]:
        """Return the subject entities of `verb`, climbing control, conjunction and participles."""
        node = verb
        if participle(verb):
            # "a company launched by the fund", "a venture formed by OpenAI and SoftBank"
            agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
            return [a for p in agents for a in self.args(p, kinds)]
        for _ in range(4):
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in node.children)
            if passive and node.i != verb.i:
                # raising: "X is expected to announce" -> X announces
                raised = [c for c in node.children if c.dep_ == "nsubjpass"]
                if raised:
                    return self.args(raised[0], kinds)
            if passive:
                for child in node.children:
                    if child.dep_ == "agent":
                        for pobj in child.children:
                            if pobj.dep_ == "pobj":
                                return self.args(pobj, kinds)
                return []
            subjects = [c for c in node.children if c.dep_ == "nsubj"]
            if subjects and subjects[0].tag_ in ("WDT", "WP"):
                # "the EU and the African Union, which joined the G20": one name, not the list
                return self._one(subjects[0], kinds, 0)
            if subjects:
                # datelines ("BRUSSELS (Reuters) - The G7 will ...") give a second, earlier nsubj
                child = min(subjects, key=lambda c: abs(node.i - c.i))
                found = self.args(child, kinds)
                found.extend(self.along_with(child, kinds))
                return found
            if node.dep_ in ("xcomp", "conj", "advcl", "ccomp", "acomp") and node.head.i != node.i:
                node = node.head
                continue
            if node.dep_ in ("acl", "relcl") and node.head.i != node.i:
                head = node.head
                for child in head.children:
                    if child.dep_ == "poss":
                        return self.args(child, kinds)
                if node.dep_ == "relcl":
                    return self.args(head, kinds)
                return []
            if node.dep_ in ("pcomp", "pobj", "prep"):
                node = node.head
                continue
            break
        return self.surface_subject(verb, kinds) if self.misparsed(verb) or self.subjectless(verb) else []

    def along_with(self, tok: Token, kinds: frozenset[str]) -> list[Arg]:
        out: list[Arg] = []
        for child in tok.children:
            if (
                child.dep_ == "prep"
                and child.lower_ in ("with",)
                and any(c.lower_ == "along" for c in child.children)
            ):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        out.extend(self.args(pobj, kinds))
            if child.dep_ in ("advmod", "prep") and child.lower_ == "along":
                for prep in child.children:
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj":
                            out.extend(self.args(pobj, kinds))
        return out

    def object_of(
        self, verb: Token, kinds: frozenset[str] = ACTORS, preps: frozenset[str] = frozenset()
    ) -> list[Arg]:
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        out: list[Arg] = []
        for child in verb.children:
            if child.dep_ in ("dobj", "attr") or (passive and child.dep_ == "nsubjpass"):
                out.extend(self.args(child, kinds))
            if child.dep_ == "prep" and child.lower_ in preps:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        out.extend(self.args(pobj, kinds))
        if not out and verb.dep_ in ("acl",) and verb.tag_ == "VBN":
            head = verb.head
            if head.head.lower_ == "among" and head.head.head.pos_ in ("AUX", "VERB"):
                for child in head.head.head.children:
                    if child.dep_ == "nsubj":
                        out.extend(self.args(child, kinds))
            if not out:
                out.extend(self.args(head, kinds))
        if not out and self.misparsed(verb):
            out = self.surface_list(verb.i + 1, verb.sent.end, kinds)
        return out

    # -- noun-phrase objects for ANNOUNCED ----------------------------------------------------
    def thing(self, tok: Token, depth: int = 0) -> Arg | None:
        """The announceable thing a noun phrase names: an entity, else the phrase itself when its
        head is in `objects.jsonl` ("a national semiconductor strategy", "rules for generative AI")."""
        ent = self.entity(tok)
        if ent is not None and ent.label_ in THINGS:
            return self.arg(ent)
        for child in tok.children:
            # "a joint venture called Stargate", "a new company, Humain"
            named = [child] if child.dep_ == "appos" else []
            if child.dep_ == "acl" and child.lemma_ in NAMING_VERBS:
                named = [c for c in child.children if c.dep_ in ("oprd", "attr", "dobj", "xcomp")]
            for name in named:
                ent = self.entity(name)
                if ent is not None and ent.label_ in THINGS:
                    return self.arg(ent)
        kind = self._objects.get(tok.lemma_.lower())
        if kind == "DESCEND" and depth < 2:
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            return self.thing(pobj, depth + 1)
            return None
        if kind is None:
            return None
        words = [
            t
            for t in tok.subtree
            if t.i <= tok.i
            and t.dep_ not in ("det", "poss", "predet", "nummod", "punct", "case")
            and t.lower_ not in ("own", "its", "their", "new", "fresh", "latest")
            and not (t.i < tok.i and t.head.dep_ == "poss")
        ]
        start = min((t.i for t in words), default=tok.i)
        last = tok
        preps = [c for c in tok.rights if c.dep_ == "prep"]
        after = tok.right_edge.i + 1
        if not preps and after < len(self.doc) and self.doc[after].head.i == tok.head.i and tok.dep_ == "dobj":
            preps = [self.doc[after]]  # the parser hung "for generative AI" on the verb
        for child in preps[:1]:
            # a short complement names it: "code of conduct", "plan for AI", "rules on chips"
            if child.dep_ == "prep" and child.lower_ in ("of", "for", "on"):
                tail: list[Token] = []
                for t in child.subtree:  # up to an apposition or a clause: "plans for a campus, one of ..."
                    clause = t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound")
                    if clause or t.text in (",", ";", "(", ":"):
                        break
                    tail.append(t)
                while tail and tail[-1].pos_ in ("ADP", "CCONJ", "DET"):
                    tail.pop()
                if len(tail) > 1 and len([t for t in tail if t.text not in QUOTES]) <= 7:
                    last = tail[-1]
        name = self.doc[start : last.i + 1].text
        name = " ".join(w for w in name.replace("“", "").replace("”", "").replace('"', "").split())
        for lead in ("its own ", "their own ", "its ", "their ", "new ", "fresh ", "latest "):
            if name.lower().startswith(lead):
                name = name[len(lead) :]
        span = (self.doc[start].idx, last.idx + len(last))
        if " " in name:
            return Arg(kind, name, tok, span)
        determiners = [c for c in tok.children if c.dep_ in ("det", "poss")]
        definite = any(c.lower_ not in ("a", "an", "some", "any") for c in determiners)
        if definite and depth == 0:
            # "the declaration" is the one named earlier ("a joint declaration on AI")
            for prev in reversed(self.doc[: tok.i]):
                if prev.lemma_ == tok.lemma_ and prev.pos_ == tok.pos_:
                    earlier = self.thing(prev, depth + 1)
                    if earlier is not None and not earlier.generic:
                        return Arg(earlier.kind, earlier.name, tok, span)
                    break
        return Arg(kind, name, tok, span, generic=not determiners)

    @property
    def _objects(self) -> dict[str, str]:
        return self.owner._objects

    # -- relation rules -----------------------------------------------------------------------
    def relations(self) -> Iterator[dict[str, Any]]:
        if not self.ent_of:
            return iter(())
        self.affiliations()
        doc = self.doc
        triggers = self.owner._triggers
        for i, (lemma, pos) in enumerate(doc.to_array([LEMMA, POS]).tolist()):
            for trig in triggers.get((lemma, pos), ()):
                self.dispatch(doc[i], trig)
        self.memberships()
        return iter(self.out)

    def dispatch(self, token: Token, trig: dict[str, Any]) -> None:
        """Run the rule of one trigger word."""
        if trig.get("particle") and not any(c.dep_ == "prt" and c.lower_ == trig["particle"] for c in token.children):
            return  # "roll out" announces, "roll back" does not
        handler = {
            "ANNOUNCED": self.announced,
            "RESTRICTED": self.restricted,
            "MET_WITH": self.met_with,
            "ALLIED_WITH": self.allied_with,
            "AFFILIATED_WITH": self.affiliated_by_verb,
        }[trig["type"]]
        handler(token, trig)

    def affiliated_by_verb(self, tok: Token, trig: dict[str, Any]) -> None:
        """A person who chairs, heads or founded an organisation: "G42, the AI firm chaired by
        Tahnoon bin Zayed", "Liang Wenfeng, who founded DeepSeek"."""
        orgs: list[Arg] = []
        people: list[Arg] = []
        if tok.dep_ in ("acl", "relcl") and tok.tag_ == "VBN":
            noun = tok.head
            orgs = self.args(noun, frozenset({"Organization", "Alliance"}))
            if not orgs and noun.dep_ == "appos":
                orgs = self.args(noun.head, frozenset({"Organization", "Alliance"}))
            people = [
                a
                for agent in tok.children
                if agent.dep_ == "agent"
                for pobj in agent.children
                if pobj.dep_ == "pobj"
                for a in self.args(pobj, frozenset({"Person"}))
            ]
        else:
            people = self.subject_of(tok, frozenset({"Person"}))
            orgs = [a for c in tok.children if c.dep_ == "dobj" for a in self.args(c, frozenset({"Organization"}))]
        for person in people:
            for org in orgs:
                self.emit("AFFILIATED_WITH", person, org, tok, item=trig["role"], confidence=0.75, dated=False)

    def announced(self, tok: Token, trig: dict[str, Any]) -> None:
        if trig["pos"] != "VERB":
            return
        subjects = [s for s in self.subject_of(tok) if s.kind in ACTORS]
        if not subjects:
            return
        objects = []
        heads = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        clauses = [c for c in tok.children if c.dep_ == "ccomp"] if not heads else []
        reported = []
        for clause in clauses:
            # "announced that Washington would impose tariffs on Chinese goods": the measure, and
            # the clause's own subject restricts
            reported = [c for c in clause.children if c.dep_ in ("dobj", "nsubjpass")]
            for head in reported:
                self.noun_restriction(head, self.subject_of(clause, STATES))
        heads.extend(reported)
        if not heads and participle(tok):
            heads = [tok.head]  # "Humain, a new AI company launched by the fund"
            if tok.head.dep_ == "appos" and self.entity(tok.head.head) is not None:
                heads = [tok.head.head]
        for child in heads:
            for conj in [child, *child.conjuncts]:
                thing = self.thing(conj)
                if thing is not None:
                    objects.append(thing)
        for s in subjects:
            for o in objects:
                if o.kind in ("Country", "Person") or o.generic:
                    continue
                self.emit("ANNOUNCED", s, o, tok, confidence=0.75)
        # a restriction announced or imposed: "imposed export controls on China"
        for o in objects:
            if o.token not in reported:
                self.noun_restriction(o.token, subjects)

    def noun_restriction(self, noun: Token, restrictors: list[Arg]) -> None:
        lemma = noun.lemma_.lower()
        if lemma not in ("restriction", "curb", "control", "ban", "sanction", "embargo", "tariff", "rule"):
            return
        if noun.dep_ in ("dobj", "nsubjpass") and token_reverses(noun.head):
            return  # "eased the curbs on China", "would cut tariffs on Chinese goods"
        targets: list[Arg] = []
        preps = [c for c in noun.children if c.dep_ == "prep"]
        if noun.dep_ == "dobj":
            preps += [c for c in noun.head.children if c.dep_ == "prep" and c.lower_ in ("on", "against", "to")]
        # "restrictions imposed last year on Huawei"
        preps += [p for c in noun.children if participle(c) for p in c.children if p.dep_ == "prep"]
        for child in preps:
            if child.lower_ in ("on", "against", "to"):
                for pobj in child.children:
                    if pobj.dep_ != "pobj":
                        continue
                    found = self.args(pobj, STATES)
                    if not found and self.entity(pobj) is None:
                        # "restrictions on chip exports to China", "curbs on sales to Huawei"
                        found = [
                            a
                            for prep in pobj.children
                            if prep.dep_ == "prep" and prep.lower_ in ("to", "for", "from", "into")
                            for inner in prep.children
                            if inner.dep_ == "pobj"
                            for a in self.args(inner, STATES)
                        ]
                    targets.extend(found)
        for child in noun.children:
            if child.dep_ == "acl" and child.lemma_ in ("target", "aim", "hit"):
                for obj in child.children:
                    if obj.dep_ in ("dobj",):
                        targets.extend(self.args(obj, STATES))
                    if obj.dep_ == "prep":
                        for pobj in obj.children:
                            if pobj.dep_ == "pobj":
                                targets.extend(self.args(pobj, STATES))
        for r in restrictors:
            for t in targets:
                if r.kind in STATES or r.kind == "Person":
                    self.emit("RESTRICTED", r, t, noun, item=self.item_of(noun), confidence=0.7)
                    self.last_restrictor = r

    def list_owner(self, tok: Token) -> Arg | None:
        """The body that keeps a named list ("the Entity List"), from its lexicon record's `owner`."""
        ent = self.entity(tok)
        if ent is None:
            return None
        owner = self.properties.get((ent.label_, ent.kb_id_), {}).get("owner")
        return Arg("Organization", owner, tok) if owner else None

    def item_of(self, tok: Token) -> str | None:
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in ("to", "of", "on"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and self.entity(pobj) is None:
                        return self.doc[pobj.left_edge.i : pobj.i + 1].text
        return None

    def restricted(self, tok: Token, trig: dict[str, Any]) -> None:
        if trig["pos"] == "NOUN":
            restrictors: list[Arg] = []
            for child in tok.children:
                if child.dep_ in ("poss", "compound", "amod", "nmod"):
                    restrictors.extend(self.args(child, STATES))
            if not restrictors and tok.dep_ in ("dobj", "nsubj", "attr"):
                restrictors = [s for s in self.subject_of(tok.head) if s.kind in STATES | {"Person"}]
            if trig.get("needs_modifier") and not any(
                c.lower_ == trig["needs_modifier"] for c in tok.children
            ):
                return
            self.noun_restriction(tok, [r for r in restrictors if r is not None])
            return
        if trig.get("needs_xcomp"):
            if not any(c.dep_ == "xcomp" and c.lemma_ in trig["needs_xcomp"] for c in tok.children):
                return
            subjects = [s for s in self.subject_of(tok) if s.kind in STATES]
            targets = []
            for child in tok.children:
                if child.dep_ == "dobj":
                    targets.extend(self.args(child, STATES))
            for s in subjects:
                for t in targets:
                    self.emit("RESTRICTED", s, t, tok, confidence=0.65)
            return
        if trig.get("needs_list"):
            lists = [
                p
                for c in tok.children
                if c.dep_ == "prep" and c.lower_ in ("to", "on")
                for p in c.children
                if p.dep_ == "pobj"
            ]
            if not lists and self.misparsed(tok):
                lists = [
                    t
                    for t in self.doc[tok.i + 1 : tok.sent.end]
                    if t.head.lower_ in ("to", "on") and t.dep_ == "pobj"
                ]
            lists = [p for p in lists if p.lemma_.lower() in LIST_NOUNS or self.list_owner(p) is not None]
            if not lists:
                return
            listing = lists[0]
            restrictors = [s for s in self.subject_of(tok) if s.kind in STATES]
            if not restrictors:
                for child in listing.children:
                    if child.dep_ in ("poss", "compound"):
                        restrictors.extend(self.args(child, STATES))
            if not restrictors:
                owner = self.list_owner(listing)
                if owner is not None:
                    restrictors = [owner]
                elif self.last_restrictor is not None:
                    restrictors = [self.last_restrictor]
            targets = [t for t in self.object_of(tok, STATES) if t.kind in ("Organization", "Country")]
            for r in restrictors:
                for t in targets:
                    self.emit("RESTRICTED", r, t, tok, item="Entity List", confidence=0.7)
                    self.last_restrictor = r
            return
        subjects = self.subject_of(tok, STATES | {"Person"})
        targets = self.object_of(tok, STATES, frozenset({"on", "against"}))
        item = None
        for child in tok.children:
            if child.dep_ == "dobj":
                item = self.item_of(child) or (
                    None
                    if self.entity(child) or child.pos_ == "PRON"
                    else self.doc[child.left_edge.i : child.i + 1].text
                )
                if not targets:
                    for prep in child.children:
                        if prep.dep_ == "prep" and prep.lower_ in ("to", "from", "for"):
                            for pobj in prep.children:
                                if pobj.dep_ == "pobj":
                                    targets.extend(self.args(pobj, STATES))
        for s in subjects:
            for t in targets:
                self.emit("RESTRICTED", s, t, tok, item=item, confidence=0.75)
                self.last_restrictor = s

    def met_with(self, tok: Token, trig: dict[str, Any]) -> None:
        object_kinds = frozenset(trig.get("object_kinds", ACTORS))
        if trig["pos"] == "VERB":
            subjects = self.subject_of(tok, frozenset(trig.get("subject_kinds", ACTORS)))
            objects = self.object_of(tok, object_kinds, frozenset(trig.get("preps", ["with"])))
            if not objects:
                objects = self.with_phrase(tok, object_kinds)
            if not objects and len(subjects) >= 2 and trig.get("mutual"):
                for i, a in enumerate(subjects):
                    for b in subjects[i + 1 :]:
                        self.emit("MET_WITH", a, b, tok, confidence=0.75)
                return
            for s in subjects:
                for o in objects:
                    if s.kind == "Person" or o.kind == "Person" or trig["lemma"] == "meet":
                        self.emit("MET_WITH", s, o, tok, confidence=0.75)
            return
        # nouns: "a meeting with X", "talks led by X", "a summit with X"
        others: list[Arg] = []
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in ("with", "between"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        others.extend(self.args(pobj, object_kinds))
            if child.dep_ == "acl" and child.lemma_ in ("lead", "host", "chair"):
                for agent in child.children:
                    if agent.dep_ == "agent":
                        for pobj in agent.children:
                            if pobj.dep_ == "pobj":
                                others.extend(self.args(pobj, object_kinds))
        head = tok
        for _ in range(3):
            if head.dep_ in ("dobj", "pobj", "prep", "attr", "npadvmod") and head.head.i != head.i:
                head = head.head
            else:
                break
        subjects = self.subject_of(head) if head.i != tok.i else []
        if not others:
            if tok.dep_ == "dobj" and head.lemma_ in ("hold", "have") and len(subjects) >= 2:
                # "Japan and South Korea held talks": the parties met each other
                for i, a in enumerate(subjects):
                    for b in subjects[i + 1 :]:
                        self.emit("MET_WITH", a, b, tok, confidence=0.65)
            return
        for s in subjects:
            for o in others:
                self.emit("MET_WITH", s, o, tok, confidence=0.65)

    def with_phrase(self, verb: Token, kinds: frozenset[str]) -> list[Arg]:
        """Entities of a "with ..." phrase right after the verb, read from the surface when the
        parse went astray ("met separately with X and Y to push ...")."""
        doc = self.doc
        i = verb.i + 1
        while i < verb.sent.end and doc[i].pos_ == "ADV":
            i += 1
        if i >= verb.sent.end or doc[i].lower_ != "with":
            return []
        return self.surface_list(i + 1, verb.sent.end, kinds)

    def surface_list(self, start: int, end: int, kinds: frozenset[str]) -> list[Arg]:
        """The entities listed from token `start` on, up to a verb, a preposition or the end
        (people only when there are any: "OpenAI chief executive Sam Altman, SoftBank CEO ...")."""
        found: list[Arg] = []
        for tok in self.doc[start:end]:
            if tok.pos_ in ("VERB", "AUX") or tok.lower_ in SURFACE_STOPS or tok.is_sent_end:
                break
            ent = self.entity(tok)
            if ent is None or ent.label_ not in kinds or tok.i != ent.root.i:
                continue
            if ent.end + 1 < len(self.doc) and self.doc[ent.end].text in POSSESSIVE:
                continue  # "Japan's Renesas": the possessor qualifies the name
            found.append(self.arg(ent))
        people = [a for a in found if a.kind == "Person"]
        return people or found

    @staticmethod
    def misparsed(verb: Token) -> bool:
        """True for a finite verb the parser made a modifier ("The administration on Friday
        *added* SMIC ..." parsed as an adjective of "SMIC")."""
        if verb.tag_ in ("VBD", "VBZ", "VBP") and verb.dep_ in MISPARSED_DEPS:
            return True
        # "Trump hosted OpenAI chief executive Sam Altman": a past tense read as a participle
        before = verb.doc[verb.i - 1] if verb.i > verb.sent.start else None
        return verb.tag_ == "VBN" and verb.dep_ == "amod" and before is not None and before.ent_type_ in ACTORS

    @staticmethod
    def subjectless(verb: Token) -> bool:
        """True for a finite main verb the parser gave no subject ("In Abu Dhabi, the UAE and
        the United States unveiled ...", with the subjects hung on "In")."""
        return (
            verb.dep_ == "ROOT"
            and verb.tag_ in ("VBD", "VBZ", "VBP")
            and not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in verb.children)
        )

    def surface_subject(self, verb: Token, kinds: frozenset[str]) -> list[Arg]:
        """The entities right before a misparsed verb ("X and Y unveiled"), skipping dates and
        prepositional phrases."""
        doc = self.doc
        found: list[Arg] = []
        i = verb.i - 1
        while i >= verb.sent.start:
            ent = self.entity(doc[i])
            if ent is not None:
                before = doc[ent.start - 1] if ent.start > verb.sent.start else None
                if ent.label_ in kinds and (before is None or before.pos_ != "ADP"):
                    found.append(self.arg(ent))
                    i = ent.start - 1
                    # coordinated subjects: "the UAE and the United States"
                    while i >= verb.sent.start and doc[i].lower_ in ("and", ",", "the"):
                        i -= 1
                    if i >= verb.sent.start and self.entity(doc[i]) is not None:
                        continue
                    break
                if found:
                    break
                i = ent.start - 1
                continue
            if found or doc[i].pos_ in ("VERB", "AUX") or doc[i].text in (";", ":"):
                break
            i -= 1
        return found

    def allied_by_verb(self, tok: Token, trig: dict[str, Any]) -> None:
        """"X signed/joined/endorsed/backed Y", "X and Y agreed to cooperate", "X partnered with Y";
        signing a law or an order enacts it (ANNOUNCED)."""
        if any(c.dep_ == "prt" for c in tok.children):
            return  # "backed away from", "signed off on"
        preps = frozenset(trig.get("preps", ["with"]))
        subjects = self.subject_of(tok, frozenset(trig.get("subject_kinds", ACTORS)))
        objects = [o for o in self.object_of(tok, STATES, preps) if o.kind in STATES]
        heads = [c for c in tok.children if c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ in preps)]
        heads = [g for h in heads for g in ([h] if h.dep_ == "dobj" else [p for p in h.children if p.dep_ == "pobj"])]
        if not heads and participle(tok):
            heads = [tok.head]  # "an executive order signed by Joe Biden", "a venture formed by X and Y"
        things: list[Arg] = []
        for head in heads:
            if head.lower_ in PRONOUNS_THING:
                pact = self.recent_pact(head)
                things.extend([pact] if pact is not None else [])
                continue
            for conj in [head, *head.conjuncts]:
                thing = self.thing(conj)
                if thing is None or thing.generic or thing.kind not in ("Policy", "Alliance", "Organization"):
                    continue
                lemma = thing.token.lemma_.lower()
                # a named bloc or venture, a pact ("the declaration") or a law or order to enact;
                # not "joined a coalition"
                if self.entity(thing.token) is not None or lemma in self.owner._pacts | self.owner._enacted:
                    things.append(thing)
        enacted = [t for t in things if t.token.lemma_.lower() in self.owner._enacted and self.entity(t.token) is None]
        for s in subjects:
            for o in enacted:
                self.emit("ANNOUNCED", s, o, tok, confidence=0.7)
        states = [s for s in subjects if s.kind in STATES]
        allied = [o for o in [*objects, *things] if o not in enacted]
        if trig.get("object_kinds"):
            allied = [o for o in allied if o.kind in trig["object_kinds"]]
        for s in states:
            for o in allied:
                self.emit("ALLIED_WITH", s, o, tok, confidence=0.7)
        mutual = trig.get("mutual")
        if mutual == "object":  # "Japan and Australia signed a security partnership"
            mutual = any(c.dep_ == "dobj" for c in tok.children)
        elif isinstance(mutual, str):  # "work together"
            mutual = any(c.lower_ == mutual for c in tok.children)
        if not allied and not enacted and mutual and len(states) >= 2:
            # "Washington and New Delhi agreed to cooperate": the parties ally with each other
            for i, a in enumerate(states):
                for b in states[i + 1 :]:
                    self.emit("ALLIED_WITH", a, b, tok, confidence=0.6)

    def recent_pact(self, tok: Token, sentences: int | None = 2) -> Arg | None:
        """The pact a pronoun or a bare "the signatories" refers to: the nearest declaration,
        treaty or other Policy named before `tok` in its sentence or the `sentences` before
        (anywhere before when None)."""
        lower = 0
        if sentences is not None:
            sents = list(self.doc.sents)
            index = next((i for i, sent in enumerate(sents) if sent.start <= tok.i < sent.end), 0)
            lower = sents[max(0, index - sentences)].start
        for i in range(tok.i - 1, lower - 1, -1):
            cand = self.doc[i]
            ent = self.entity(cand)
            if ent is not None and ent.label_ == "Policy" and cand.i == ent.root.i:
                return self.arg(ent)
            if ent is None and cand.lemma_.lower() in self.owner._pacts:
                return self.thing(cand)
        return None

    def allied_with(self, tok: Token, trig: dict[str, Any]) -> None:
        lemma = trig["lemma"]
        if trig["pos"] == "VERB":
            self.allied_by_verb(tok, trig)
            return
        if lemma in ("ally", "partner", "member", "signatory"):
            members = []
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ in ("including", "like", "as"):
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            members.extend(self.args(pobj, STATES))
                if child.dep_ == "amod" and child.lower_ == "such":
                    for prep in child.children:
                        for pobj in prep.children:
                            if pobj.dep_ == "pobj":
                                members.extend(self.args(pobj, STATES))
                if child.dep_ == "appos":
                    members.extend(self.args(child, STATES))
            partners: list[Arg] = []
            for child in tok.children:
                if child.dep_ == "poss":
                    partners.extend(self.args(child, STATES))
                if child.dep_ == "prep" and child.lower_ in ("of", "to"):
                    for pobj in child.children:
                        if pobj.dep_ != "pobj":
                            continue
                        bloc = self.head_entity(
                            pobj,
                            frozenset({"Alliance", "Policy"} | ({"Country"} if lemma != "member" else set())),
                        )
                        if bloc is not None:
                            partners.append(bloc)
                        elif lemma == "signatory":
                            thing = self.thing(pobj)
                            if thing is not None:
                                partners.append(thing)
                        # "signatories to the statement, including X and Y"
                        for grand in pobj.children:
                            if grand.dep_ == "prep" and grand.lower_ in ("including", "like"):
                                for member in grand.children:
                                    if member.dep_ == "pobj":
                                        members.extend(self.args(member, STATES))
            if not members and tok.dep_ == "attr":
                # "X and Y are members of Z"
                members = self.subject_of(tok.head, STATES)
            if not members and tok.dep_ == "pobj" and tok.head.lower_ == "as":
                # "builds the fab with Taiwan's Powerchip as its technology partner"
                verb = tok.head.head
                near = [verb, *(c for c in verb.children if c.dep_ == "dobj")]  # "the plant with X"
                for prep in (p for n in near for p in n.children):
                    if prep.dep_ == "prep" and prep.lower_ == "with":
                        members.extend(a for p in prep.children if p.dep_ == "pobj" for a in self.args(p, STATES))
            if not members and tok.dep_ == "pobj" and tok.head.lower_ == "among":
                # "Canada, Japan and Germany were among the signatories, as was the EU"
                verb = tok.head.head
                members = self.subject_of(verb, STATES)
                for clause in verb.children:
                    if clause.dep_ == "advcl" and clause.lemma_ == "be" and any(
                        c.dep_ == "mark" and c.lower_ == "as" for c in clause.children
                    ):
                        members.extend(self.subject_of(clause, STATES))
            if not partners and lemma == "signatory":
                pact = self.recent_pact(tok, sentences=None)
                partners = [pact] if pact is not None else []
            if not partners and lemma in ("ally", "partner") and tok.dep_ in ("dobj", "pobj", "nsubj"):
                anchor = tok.head if tok.dep_ != "pobj" else tok.head.head
                partners = [s for s in self.subject_of(anchor, STATES) if s.kind in STATES]
            for m in members:
                for p in partners:
                    self.emit("ALLIED_WITH", m, p, tok, confidence=0.7, dated=lemma == "signatory")
            return
        # "cooperation with Japan on AUKUS", "a partnership with X"
        others: list[Arg] = []
        topics: list[Arg] = []
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "with":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        others.extend(self.args(pobj, STATES))
                listed = self.surface_list(child.i + 1, tok.sent.end, STATES)
                if len(listed) > len(others):  # "with Japan's Renesas and Thailand's Stars": a bad parse
                    others = listed
            if child.dep_ == "prep" and child.lower_ == "on":
                for pobj in child.children:
                    ent = self.entity(pobj) if pobj.dep_ == "pobj" else None
                    if ent is not None and ent.label_ == "Alliance":
                        topics.append(self.arg(ent))
                    elif pobj.dep_ == "pobj":
                        for sub in pobj.subtree:
                            e = self.entity(sub)
                            if e is not None and e.label_ == "Alliance":
                                topics.append(self.arg(e))
                                break
        if not others:
            return
        if topics:
            for o in others:
                for t in topics:
                    self.emit("ALLIED_WITH", o, t, tok, confidence=0.6)
            return
        head = tok
        for _ in range(3):
            if head.dep_ in ("dobj", "pobj", "prep") and head.head.i != head.i:
                head = head.head
        subjects = self.subject_of(head, STATES) if head.i != tok.i else []
        for s in subjects:
            for o in others:
                self.emit("ALLIED_WITH", s, o, tok, confidence=0.6)

    def memberships(self) -> None:
        """Countries written as modifiers of a bloc ("the US, UK and Australia AUKUS pact")
        or listed as what it is "made up of"."""
        seen: set[int] = set()
        for ent in self.doc.ents:
            if ent.label_ != "Alliance" or ent.root.i in seen:
                continue
            seen.add(ent.root.i)
            head = ent.root
            if head.dep_ in ("compound", "nmod", "amod") and head.head.i not in seen:
                head = head.head
            members: list[Arg] = []
            for child in head.children:
                if child.dep_ in ("compound", "nmod", "amod") and child.i not in range(ent.start, ent.end):
                    members.extend(a for a in self.args(child, frozenset({"Country"})))
            members.extend(self.listed_before(ent))
            path = [head]
            while (
                len(path) < 5
                and path[-1].dep_ in ("appos", "pobj", "prep", "nmod", "compound")
                and path[-1].head.i != path[-1].i
            ):
                path.append(path[-1].head)
            acls = [c for node in path for c in node.children if c.dep_ == "acl"]
            for tok in acls:
                if tok.lemma_ in ("make", "comprise", "consist", "include"):
                    for sub in tok.children:
                        if sub.dep_ == "prep" and sub.lower_ == "of":
                            for pobj in sub.children:
                                if pobj.dep_ == "pobj":
                                    members.extend(self.args(pobj, frozenset({"Country", "Alliance"})))
                                    for extra in pobj.subtree:
                                        if extra.dep_ == "pobj" and extra.head.lower_ == "as":
                                            members.extend(
                                                self.args(extra, frozenset({"Country", "Alliance"}))
                                            )
                        if sub.dep_ == "dobj":
                            members.extend(self.args(sub, frozenset({"Country", "Alliance"})))
            bloc = self.arg(ent)
            for m in members:
                self.emit("ALLIED_WITH", m, bloc, ent.root, confidence=0.7, dated=False)

    def head_entity(self, tok: Token, kinds: frozenset[str]) -> Arg | None:
        """The entity a noun phrase names: its head, or a name modifying it ("the Five Eyes network")."""
        ent = self.entity(tok)
        if ent is None:
            ent = next(
                (
                    self.entity(c)
                    for c in tok.children
                    if c.dep_ in ("compound", "nmod", "amod") and self.entity(c) is not None
                ),
                None,
            )
        return self.arg(ent) if ent is not None and ent.label_ in kinds else None

    def listed_before(self, ent: Span) -> list[Arg]:
        """Countries listed right before a bloc name: "the US, UK, and Australia trilateral AUKUS pact"."""
        doc = self.doc
        found: list[Arg] = []
        i = ent.start - 1
        while i >= ent.sent.start:
            tok = doc[i]
            other = self.entity(tok)
            if other is not None and other.label_ == "Country":
                found.append(self.arg(other))
                i = other.start - 1
            elif tok.text in (",", "and") or (tok.pos_ == "ADJ" and not found):
                i -= 1
            else:
                break
        return found

    def affiliations(self) -> None:
        """Person + title patterns: "Nvidia CEO Jensen Huang", "Huang, Nvidia's chief executive"."""
        doc = self.doc
        done: set[tuple[str, str]] = set()
        countries = {name for kind, name in self.properties if kind == "Country"}
        for ent in doc.ents:
            if ent.label_ != "Person":
                continue
            role, org, anchor = self._title_only(ent)
            if role is None:
                role, org, anchor = self._left_title(ent)
            if role is None:
                role, org, anchor = self._right_title(ent)
            if role is None:
                continue
            if org is None:
                office = self.owner.office_org(ent.kb_id_, self.published)
                country = self.owner._title_country.get(role.lower())
                if office is not None:
                    org = Arg(office["kind"], office["organization"], ent.root)
                elif country in countries:
                    # "Commerce Secretary Wilbur Ross" in a story that names the United States
                    org = Arg("Country", country, ent.root)
                else:
                    continue
            if org.kind not in STATES or (ent.kb_id_, org.name) in done:
                continue
            done.add((ent.kb_id_, org.name))
            self.emit(
                "AFFILIATED_WITH",
                self.arg(ent),
                org,
                anchor,
                item=role,
                confidence=0.9,
                dated=False,
                check=False,
            )

    def _title_only(self, ent: Span) -> tuple[str | None, Arg | None, Token]:
        """A person named only by a title and its organisation: "the Chinese president"."""
        if self.title_starts.get(ent.start) != ent.end:
            return None, None, ent.root
        pos = ent.start - 1
        if pos >= 0 and self.doc[pos].text in POSSESSIVE:
            pos -= 1
        left = self.entity(self.doc[pos]) if pos >= 0 else None
        if left is None or left.label_ not in STATES:
            return None, None, ent.root
        return ent.text, self.arg(left), ent.root

    def _left_title(self, ent: Span) -> tuple[str | None, Arg | None, Token]:
        doc = self.doc
        end = ent.start
        if end in self.titles:
            pass
        elif end - 1 in self.titles and doc[end - 1].text == ",":
            end -= 1
        else:
            return None, None, ent.root
        start = end
        while start in self.titles:
            start = self.titles[start][0]
            if start - 1 >= 0 and doc[start - 1].lower_ in ("and", ",", "&") and start - 1 in self.titles:
                start = self.titles[start - 1][0]
        # "EU internal market commissioner": a few lowercase words may qualify the title
        pos = start
        while pos > start - 3 and pos > 0 and doc[pos - 1].is_lower and doc[pos - 1].pos_ in ("NOUN", "ADJ"):
            pos -= 1
        left = self._org_before(pos)
        if left is not None:
            start = pos
        role_start = start
        while role_start > 0 and (doc[role_start - 1].lower_ in FORMER or doc[role_start - 1].text == "-"):
            role_start -= 1
        role = doc[role_start:end].text.replace("Former", "former").replace("Then-", "then-")
        if left is None:
            left = self._org_before(role_start)
        return role, left, doc[start]

    def _org_before(self, pos: int) -> Arg | None:
        """The organisation or country that ends right before token `pos` ("Nvidia's", "Dutch")."""
        pos -= 1
        if pos >= 0 and self.doc[pos].text in POSSESSIVE:
            pos -= 1
        left = self.entity(self.doc[pos]) if pos >= 0 else None
        return self.arg(left) if left is not None and left.label_ in STATES else None

    def _right_title(self, ent: Span) -> tuple[str | None, Arg | None, Token]:
        doc = self.doc
        pos = ent.end
        if pos >= len(doc) or doc[pos].text != ",":
            return None, None, ent.root
        pos += 1
        org: Arg | None = None
        if pos < len(doc) and doc[pos].lower_ in ("the", "a", "an"):
            pos += 1
        left = self.entity(doc[pos]) if pos < len(doc) else None
        if left is not None and left.label_ in STATES:
            org = self.arg(left)
            pos = left.end
            if pos < len(doc) and doc[pos].text in POSSESSIVE:
                pos += 1
        start = pos
        while pos < len(doc) and doc[pos].lower_ in FORMER:
            pos += 1
        if pos not in self.title_starts:
            return None, None, ent.root
        end = self.title_starts[pos]
        while end + 1 < len(doc) and doc[end].lower_ == "and" and end + 1 in self.title_starts:
            end = self.title_starts[end + 1]
        role = doc[start:end].text
        if org is None and end + 1 < len(doc) and doc[end].lower_ in ("of", "at", "for", "with"):
            nxt = end + 1
            if doc[nxt].lower_ == "the" and nxt + 1 < len(doc):
                nxt += 1
            right = self.entity(doc[nxt])
            if right is not None and right.label_ in STATES:
                org = self.arg(right)
        return role, org, doc[start]


@Language.factory(
    "racegraph_relations",
    default_config={"fallback_month": True},
    assigns=[f"doc._.{RELATIONS_ATTR}"],
    requires=["doc.ents", "token.dep", f"doc._.{DATES_ATTR}"],
)
def make_relation_extractor(nlp: Language, name: str, fallback_month: bool) -> RelationExtractor:
    """Return a `RelationExtractor`; its lexicons are loaded by `initialize()`.

    `fallback_month`: date undated events with the publication month (news reports recent events).
    """
    return RelationExtractor(nlp, name, fallback_month)
