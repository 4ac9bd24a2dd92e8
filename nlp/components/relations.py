"""`racegraph_relations`: dated, sourced relations between canonical entities.

Two sources of relations:
- titles: "Nvidia CEO Jensen Huang", "Jensen Huang, Nvidia's chief executive", "Premier Li
  Qiang" (organisation from the dated office table) give AFFILIATED_WITH with the role as item;
- triggers (`nlp/data/triggers.jsonl`, matched on lemma and part of speech): the dependency
  parse gives their arguments, with coordination ("allies such as Japan and Australia"),
  apposition, possessives ("China's access"), passive voice (agent / nsubjpass), control
  ("sought to restrict": the subject of the governing verb), relative and participial clauses,
  simple pronouns, and bloc membership from the gazetteer ("the three AUKUS allies").
Negated clauses give nothing; hedging comes from `racegraph_hedging`; dates from
`racegraph_dates`, else the publication month for events. Output: `doc._.racegraph_relations`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import Pipe
from spacy.tokens import Doc, Span, Token
from spacy.training import Example

from .dates import DATES_ATTR
from .gazetteer import KINDS, TITLE_ATTR
from .hedging import token_hedged, token_negated
from .lexicon import read_csv, read_jsonl, resolve_data_path, write_jsonl
from .resolve import ENTITIES_ATTR, POSSESSIVE, PUBLISHED_ATTR

logger = logging.getLogger(__name__)

VERSION = "racegraph.relations.v1"
RELATIONS_ATTR = "racegraph_relations"
ACTORS = frozenset({"Country", "Person", "Organization", "Alliance"})
STATES = frozenset({"Country", "Organization", "Alliance"})
SYMMETRIC = frozenset({"MET_WITH", "ALLIED_WITH"})
LIST_PREPS = frozenset({"including", "like", "as", "among", "with"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
PRONOUNS_PERSON = frozenset({"he", "she", "him", "her", "his"})
PRONOUNS_THING = frozenset({"it", "its"})
FORMER = frozenset({"former", "then", "ex", "erstwhile", "outgoing", "late"})
GROUP_NOUNS = frozenset(
    {"allies", "members", "partners", "nations", "countries", "states", "governments", "economies"}
)
PAIR_NOUNS = frozenset(
    {"leaders", "sides", "presidents", "men", "countries", "nations", "governments", "delegations"}
)
LIST_NOUNS = frozenset({"list", "blacklist"})


@dataclass
class Arg:
    """One argument of a relation: an entity mention and how it was reached."""

    kind: str
    name: str
    token: Token


class RelationExtractor(Pipe):
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
        }
        self._build()
        if not Doc.has_extension(RELATIONS_ATTR):
            Doc.set_extension(RELATIONS_ATTR, default=None)

    def _build(self) -> None:
        self.matcher = Matcher(self.nlp.vocab)
        self._triggers: dict[str, dict[str, Any]] = {}
        for i, trig in enumerate(self.lexicon["triggers"]):
            key = f"T{i}"
            self._triggers[key] = trig
            pos = ["NOUN", "PROPN"] if trig["pos"] == "NOUN" else ["VERB"]
            self.matcher.add(key, [[{"LEMMA": trig["lemma"], "POS": {"IN": pos}}]])
        self._objects = {o["head"]: o["kind"] for o in self.lexicon["objects"]}
        self._offices: dict[str, list[dict[str, Any]]] = {}
        for office in self.lexicon["offices"]:
            self._offices.setdefault(office["person"], []).append(office)
        self._members = {m["name"]: m["members"] for m in self.lexicon["members"]}

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Example]] | None = None,
        *,
        nlp: Language | None = None,
        triggers: str = "",
        objects: str = "",
        offices: str = "",
        alliances: str = "",
    ) -> None:
        """Load the trigger lexicon, announceable objects, office-holders and bloc members."""
        self.lexicon = {
            "triggers": list(read_jsonl(resolve_data_path(triggers, "triggers.jsonl"))),
            "objects": list(read_jsonl(resolve_data_path(objects, "objects.jsonl"))),
            "offices": [dict(r) for r in read_csv(resolve_data_path(offices, "offices.csv"))],
            "members": [
                {"name": r["name"], "members": r.get("members", [])}
                for r in read_jsonl(resolve_data_path(alliances, "gazetteers/alliances.jsonl"))
                if r.get("members")
            ],
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

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        for key, records in self.lexicon.items():
            write_jsonl(Path(path) / f"{key}.jsonl", records)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> RelationExtractor:
        self.lexicon = {key: list(read_jsonl(Path(path) / f"{key}.jsonl")) for key in self.lexicon}
        self._build()
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        import srsly

        return srsly.msgpack_dumps(self.lexicon)

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> RelationExtractor:
        import srsly

        self.lexicon = srsly.msgpack_loads(data)
        self._build()
        return self


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
        self.known = {(e["kind"], e["name"]) for e in (doc._.get(ENTITIES_ATTR) or [])}
        self.out: list[dict[str, Any]] = []
        self.last_restrictor: Arg | None = None
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
        hedged = token_hedged(anchor)
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
            dashes = [t.i for t in self.doc[:10] if t.text in ("—", "–", "-", "--")]
            dateline_end = dashes[0] if dashes else 0
            for start, _, value in self.dates:
                if start < dateline_end:
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
        while node.head is not node and depth < 6:
            node, depth = node.head, depth + 1
            anchors.setdefault(node.i, depth)
        for start, end, value in self.dates:
            if not (sent.start <= start < sent.end):
                continue
            token = self.doc[start:end].root
            distance, hops = None, 0
            while distance is None and hops < 8:
                if token.i in anchors:
                    distance = anchors[token.i] + hops
                    break
                if token.head is token:
                    break
                token, hops = token.head, hops + 1
            score = distance if distance is not None else 50 + abs(start - anchor.i)
            if best is None or score < best[0]:
                best = (score, value)
        return best[1] if best else None

    # -- argument finding ---------------------------------------------------------------------
    def arg(self, span: Span) -> Arg:
        return Arg(span.label_, span.kb_id_, span.root)

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
        if ent is not None and ent.label_ in kinds:
            # "Nvidia's chips": the possessor is not the argument
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
        if low in PAIR_NOUNS and any(c.lower_ in ("two", "both") for c in tok.children):
            return [a for a in self.pair_antecedent(tok) if a.kind in kinds]
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
        want = {"Person"} if tok.lower_ in PRONOUNS_PERSON else STATES
        sent_start = tok.sent.start
        prev_start = self.doc[sent_start - 1].sent.start if sent_start > 0 else sent_start
        best: Span | None = None
        for ent in self.doc.ents:
            if ent.start >= tok.i:
                break
            if ent.label_ not in want or ent.start < prev_start and tok.lower_ in PRONOUNS_THING:
                continue
            if tok.lower_ in PRONOUNS_THING and ent.root.dep_ not in SUBJECT_DEPS:
                continue
            best = ent
        if tok.lower_ in PRONOUNS_PERSON:
            subjects = [
                e
                for e in self.doc.ents
                if e.label_ == "Person" and e.end <= tok.i and e.root.dep_ in SUBJECT_DEPS
            ]
            if subjects:
                return self.arg(subjects[-1])
        if best is None and tok.lower_ in PRONOUNS_PERSON:
            for ent in self.doc.ents:
                if ent.start >= tok.i:
                    break
                if ent.label_ == "Person":
                    best = ent
        return self.arg(best) if best is not None else None

    def pair_antecedent(self, tok: Token) -> list[Arg]:
        sents = list(self.doc.sents)
        index = next((i for i, s in enumerate(sents) if s.start <= tok.i < s.end), 0)
        for sent in reversed(sents[max(0, index - 2) : index + 1]):
            for t in sent:
                if t.i >= tok.i:
                    break
                ent = self.entity(t)
                if ent is not None and ent.label_ in ACTORS and t.i == ent.root.i:
                    mates = [self.entity(c) for c in t.conjuncts if self.entity(c) is not None]
                    mates = [m for m in mates if m is not None and m.label_ == ent.label_]
                    if mates:
                        return [self.arg(ent), *[self.arg(m) for m in mates]]
        return []

    def subject_of(self, verb: Token, kinds: frozenset[str] = ACTORS) -> list[Arg]:
        """Return the subject entities of `verb`, climbing control, conjunction and participles."""
        node = verb
        for _ in range(4):
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in node.children)
            if passive and node is not verb:
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
            if subjects:
                # datelines ("BRUSSELS (Reuters) - The G7 will ...") give a second, earlier nsubj
                child = min(subjects, key=lambda c: abs(node.i - c.i))
                found = self.args(child, kinds)
                found.extend(self.along_with(child, kinds))
                return found
            if node.dep_ in ("xcomp", "conj", "advcl", "ccomp") and node.head is not node:
                node = node.head
                continue
            if node.dep_ in ("acl", "relcl") and node.head is not node:
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
        return []

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
        return out

    # -- noun-phrase objects for ANNOUNCED ----------------------------------------------------
    def thing(self, tok: Token, depth: int = 0) -> Arg | None:
        ent = self.entity(tok)
        if ent is not None and ent.label_ in ("Policy", "Product", "Event", "Alliance", "Organization"):
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
        tail: list[Token] = []
        for child in tok.rights:
            if child.dep_ == "prep" and child.lower_ == "of":
                tail = [t for t in child.subtree if t.dep_ not in ("det",)]
                break
        tokens = [t for t in words if t.i >= min((w.i for w in words), default=tok.i)]
        start = min(t.i for t in tokens) if tokens else tok.i
        name = self.doc[start : tok.i + 1].text
        if tail and len(tail) <= 4:
            name = f"{name} {' '.join(t.text for t in tail)}"
        name = " ".join(w for w in name.replace("“", "").replace("”", "").replace('"', "").split())
        for lead in ("its own ", "their own ", "its ", "their ", "new ", "fresh ", "latest "):
            if name.lower().startswith(lead):
                name = name[len(lead) :]
        return Arg(kind, name, tok)

    @property
    def _objects(self) -> dict[str, str]:
        return self.owner._objects

    # -- relation rules -----------------------------------------------------------------------
    def relations(self) -> Iterator[dict[str, Any]]:
        if not self.ent_of:
            return iter(())
        self.affiliations()
        for match_id, start, _ in self.owner.matcher(self.doc):
            trig = self.owner._triggers[self.doc.vocab.strings[match_id]]
            token = self.doc[start]
            handler = {
                "ANNOUNCED": self.announced,
                "RESTRICTED": self.restricted,
                "MET_WITH": self.met_with,
                "ALLIED_WITH": self.allied_with,
            }[trig["type"]]
            handler(token, trig)
        self.memberships()
        return iter(self.out)

    def announced(self, tok: Token, trig: dict[str, Any]) -> None:
        if trig["pos"] != "VERB":
            return
        subjects = [s for s in self.subject_of(tok) if s.kind in ACTORS]
        if not subjects:
            return
        objects = []
        for child in tok.children:
            if child.dep_ in ("dobj",) or (child.dep_ == "nsubjpass"):
                for conj in [child, *child.conjuncts]:
                    thing = self.thing(conj)
                    if thing is not None:
                        objects.append(thing)
        for s in subjects:
            for o in objects:
                if o.kind in ("Country", "Person"):
                    continue
                self.emit("ANNOUNCED", s, o, tok, confidence=0.75)
        # a restriction announced or imposed: "imposed export controls on China"
        for o in objects:
            self.noun_restriction(o.token, subjects)

    def noun_restriction(self, noun: Token, restrictors: list[Arg]) -> None:
        lemma = noun.lemma_.lower()
        if lemma not in ("restriction", "curb", "control", "ban", "sanction", "embargo", "tariff", "rule"):
            return
        targets: list[Arg] = []
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in ("on", "against", "to"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        targets.extend(self.args(pobj, STATES))
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
            lists = [
                p
                for p in lists
                if p.lemma_.lower() in LIST_NOUNS
                or (self.entity(p) is not None and self.entity(p).kb_id_ == "Entity List")
            ]
            if not lists:
                return
            listing = lists[0]
            restrictors = [s for s in self.subject_of(tok) if s.kind in STATES]
            if not restrictors:
                for child in listing.children:
                    if child.dep_ in ("poss", "compound"):
                        restrictors.extend(self.args(child, STATES))
            if not restrictors:
                ent = self.entity(listing)
                owner = ent.kb_id_ if ent is not None else None
                if owner == "Entity List":
                    restrictors = [Arg("Organization", "United States Department of Commerce", listing)]
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
                    None if self.entity(child) else self.doc[child.left_edge.i : child.i + 1].text
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
            subjects = self.subject_of(tok)
            objects = self.object_of(tok, object_kinds, frozenset({"with"}))
            if not objects:
                objects = self.with_phrase(tok, object_kinds)
            if not objects and len(subjects) >= 2 and trig["lemma"] == "meet":
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
        if not others:
            return
        head = tok
        for _ in range(3):
            if head.dep_ in ("dobj", "pobj", "prep", "attr", "npadvmod") and head.head is not head:
                head = head.head
            else:
                break
        subjects = self.subject_of(head) if head is not tok else []
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
        found: list[Arg] = []
        for tok in doc[i + 1 : verb.sent.end]:
            if (
                tok.pos_ in ("VERB", "AUX")
                or tok.lower_ in ("to", "on", "in", "for", "at")
                or tok.is_sent_end
            ):
                break
            ent = self.entity(tok)
            if ent is not None and ent.label_ in kinds and tok.i == ent.root.i:
                found.append(self.arg(ent))
        people = [a for a in found if a.kind == "Person"]
        return people or found

    def allied_with(self, tok: Token, trig: dict[str, Any]) -> None:
        lemma = trig["lemma"]
        if trig["pos"] == "VERB":
            subjects = self.subject_of(tok, STATES)
            objects = self.object_of(tok, STATES | {"Policy"}, frozenset({"with"}))
            for child in tok.children:
                if child.dep_ == "dobj" and not objects:
                    thing = self.thing(child)
                    if thing is not None and thing.kind in ("Policy", "Alliance"):
                        objects.append(thing)
            for s in subjects:
                for o in objects:
                    self.emit("ALLIED_WITH", s, o, tok, confidence=0.7)
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
            if head.dep_ in ("dobj", "pobj", "prep") and head.head is not head:
                head = head.head
        subjects = self.subject_of(head, STATES) if head is not tok else []
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
                and path[-1].head is not path[-1]
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
        for ent in doc.ents:
            if ent.label_ != "Person":
                continue
            role, org, anchor = self._left_title(ent)
            if role is None:
                role, org, anchor = self._right_title(ent)
            if role is None:
                continue
            if org is None:
                office = self.owner.office_org(ent.kb_id_, self.published)
                if office is None:
                    continue
                org = Arg(office["kind"], office["organization"], ent.root)
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
        role_start = start
        while role_start > 0 and (doc[role_start - 1].lower_ in FORMER or doc[role_start - 1].text == "-"):
            role_start -= 1
        role = doc[role_start:end].text.replace("Former", "former").replace("Then-", "then-")
        org: Arg | None = None
        pos = role_start - 1
        if pos >= 0 and doc[pos].text in POSSESSIVE:
            pos -= 1
        if pos >= 0:
            left = self.entity(doc[pos])
            if left is not None and left.label_ in STATES:
                org = self.arg(left)
        return role, org, doc[start]

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
