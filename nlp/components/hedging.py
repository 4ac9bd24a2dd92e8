"""`racegraph_hedging`: mark what the text presents as uncertain, future, reported or negated.

Cues come from `nlp/data/hedges.jsonl` with a scope:
- `sentence`: the whole sentence rests on an unnamed source or another outlet's report
  ("a person familiar with", "reportedly", "according to <media>");
- `aux` / `modifier`: a modal auxiliary or adverb on the clause ("will", "may", "likely");
- `governor`: a verb that makes its complement a plan or expectation ("expect", "consider");
- `negation` / `negation_governor`: "not", "never", "declined to";
- `open_question`: a clause's opening word that asks rather than states ("asked whether ...");
- `reversal`: verbs that lift what they govern ("eased the curbs", "cut tariffs");
- `cancellation`: verbs that call off the meeting or pact they govern ("postponed the talks",
  "withdrew from the partnership").
The doc records flagged sentences; `token._.racegraph_hedged` and `token._.racegraph_negated`
are computed on demand for the (few) trigger tokens the relation extractor asks about.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.training import Example

from .lexicon import LexiconPipe, read_jsonl, resolve_data_path
from .resolve import ENTITIES_ATTR

logger = logging.getLogger(__name__)

VERSION = "racegraph.hedging.v5"
HEDGE_SENTS_ATTR = "racegraph_hedged_sentences"
CUES_ATTR = "racegraph_cues"
MEDIA_PLACEHOLDER = "MEDIA"
CLAUSE_BOUNDARIES = frozenset({"ccomp", "advcl", "relcl", "conj", "parataxis", "ROOT"})


def _cues(token: Token) -> dict[str, set[str]]:
    cues: dict[str, set[str]] = token.doc._.get(CUES_ATTR) or {}
    return cues


def token_hedged(token: Token) -> bool:
    """Return True when the clause of `token` is hedged: modal, expectation, or unnamed source."""
    doc = token.doc
    flagged = doc._.get(HEDGE_SENTS_ATTR) or []
    if token.sent.start in flagged:
        return True
    cues = _cues(token)
    aux, modifier, governor = cues.get("aux", set()), cues.get("modifier", set()), cues.get("governor", set())
    node, via = token, ""
    for _ in range(6):
        for child in node.children:
            if child.dep_ in ("aux", "auxpass") and child.lower_ in aux:
                return True
            if child.dep_ in ("advmod", "amod", "acomp") and child.lower_ in modifier:
                return True
        # a governor hedges its complement, not its subject: "Signatories to the pact vowed to ..."
        if node.i != token.i and node.lemma_.lower() in governor and via not in ("nsubj", "nsubjpass"):
            return True
        if node.head.i == node.i or node.dep_ in ("ccomp", "relcl", "parataxis", "acl", "appos"):
            break
        node, via = node.head, node.dep_
    return False


def token_negated(token: Token) -> bool:
    """Return True when `token`'s own clause is negated ("did not meet", "declined to restrict")."""
    cues = _cues(token)
    negation, governors = cues.get("negation", set()), cues.get("negation_governor", set())
    node = token
    for _ in range(3):
        for child in node.children:
            if (child.dep_ == "neg" and not _not_only(child)) or (
                child.dep_ == "det" and child.lower_ in negation and child.lower_ == "no"
            ):
                return True
            if child.dep_ == "advmod" and child.lower_ == "longer" and any(g.dep_ == "neg" for g in child.children):
                return True  # "no longer bans"
            if child.dep_ == "mark" and child.lower_ in cues.get("open_question", set()) and not _presupposed(token):
                return True  # "declined to say whether it had held talks with LG": asked, not stated
        if node.i != token.i and node.lemma_.lower() in governors:
            return True
        if node.dep_ == "ccomp" and node.head.lemma_.lower() in governors:
            return True  # "denied that it had restricted Micron"
        # a participle is a clause of its own: "the suite, unveiled in June, is not sold in China"
        if node.dep_ in CLAUSE_BOUNDARIES or node.dep_ == "acl" or node.head.i == node.i:
            return _yes_no_question(node)
        node = node.head
    return False


def _not_only(neg: Token) -> bool:
    """True for "not" in "not only/just ... but (also)": it adds to the fact, it does not deny it."""
    doc = neg.doc
    following = doc[neg.i + 1] if neg.i + 1 < len(doc) else None
    rest = doc[neg.i + 2 : neg.sent.end]
    return following is not None and following.lower_ in ("only", "just", "merely", "simply") and any(
        t.lower_ == "but" for t in rest
    )


def _yes_no_question(verb: Token) -> bool:
    """True for a clause that asks whether it holds: "Did Biden meet Xi?", "Will Tokyo curb exports?".
    A question that opens with a question word takes its fact as given ("Why did the US ban Huawei?")."""
    if not verb.sent.text.rstrip().rstrip('"”’\')').endswith("?"):
        return False
    subjects = [c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    openers = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.pos_ == "AUX":
        openers.append(verb)
    first = min((t.i for t in verb.subtree), default=verb.i)
    return bool(subjects) and any(
        t.pos_ == "AUX" and t.i < min(subjects) and t.i == first for t in openers
    )


def _presupposed(noun: Token) -> bool:
    """True for a noun a question takes as given: "asked whether the US should keep its restrictions"."""
    return noun.pos_ == "NOUN" and any(c.dep_ == "poss" or c.lower_ == "the" for c in noun.children)


def token_reverses(token: Token) -> bool:
    """Return True when `token` is a verb that lifts or eases what it governs ("eased the curbs")."""
    return token.lemma_.lower() in _cues(token).get("reversal", set())


def token_cancelled(noun: Token) -> bool:
    """Return True when `noun` (a meeting or a pact) is what a verb calls off: its object ("postponed
    the talks", "called off the summit") or the object of its "from" ("withdrew from the pact")."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.lower_ == "from":
        verb = verb.head
    elif noun.dep_ not in ("dobj", "nsubjpass"):
        return False
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    said = verb.lemma_.lower() + (f" {particle}" if particle else "")
    return said in _cues(noun).get("cancellation", set())


class HedgeDetector(LexiconPipe):
    """Flags hedged sentences and exposes per-token hedging and negation; see the module docstring."""

    LEXICON = ("cues",)
    DOC_EXTENSIONS = (HEDGE_SENTS_ATTR, CUES_ATTR)
    TOKEN_GETTERS = {"racegraph_hedged": token_hedged, "racegraph_negated": token_negated}

    def _build(self) -> None:
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self._by_scope: dict[str, set[str]] = {}
        self._media_cues: list[str] = []
        phrases = []
        for cue in self.lexicon["cues"]:
            text, scope = cue["cue"], cue["scope"]
            if scope == "sentence" and MEDIA_PLACEHOLDER in text:
                self._media_cues.append(text.replace(MEDIA_PLACEHOLDER, "").strip().lower())
            elif scope == "sentence":
                phrases.append(self.nlp.make_doc(text))
            else:
                self._by_scope.setdefault(scope, set()).add(text.lower())
        if phrases:
            self.matcher.add("HEDGE", phrases)

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Example]] | None = None,
        *,
        nlp: Language | None = None,
        cues: str = "",
    ) -> None:
        """Load the cue lexicon."""
        self.lexicon = {"cues": list(read_jsonl(resolve_data_path(cues, "hedges.jsonl")))}
        self._build()

    def annotate(self, doc: Doc) -> Doc:
        """Return `doc` with hedged sentence starts and the cue sets recorded."""
        flagged = {doc[start].sent.start for _, start, _ in self.matcher(doc)}
        flagged.update(self._media_sentences(doc))
        doc._.set(HEDGE_SENTS_ATTR, sorted(flagged))
        doc._.set(CUES_ATTR, {k: sorted(v) for k, v in self._by_scope.items()})
        return doc

    def _media_sentences(self, doc: Doc) -> set[int]:
        if not self._media_cues:
            return set()
        media = {
            e["name"] for e in (doc._.get(ENTITIES_ATTR) or []) if e["properties"].get("type") == "media"
        }
        out = set()
        for ent in doc.ents:
            if ent.kb_id_ in media and ent.start >= 2:
                before = doc[max(ent.sent.start, ent.start - 3) : ent.start].text.lower()
                if any(before.endswith(cue) or before.endswith(cue + " the") for cue in self._media_cues):
                    out.add(ent.sent.start)
        return out



@Language.factory(
    "racegraph_hedging",
    default_config={},
    assigns=[f"doc._.{HEDGE_SENTS_ATTR}", "token._.racegraph_hedged", "token._.racegraph_negated"],
    requires=["doc.sents"],
)
def make_hedge_detector(nlp: Language, name: str) -> HedgeDetector:
    """Return a `HedgeDetector`; its cues are loaded by `initialize()`."""
    return HedgeDetector(nlp, name)
